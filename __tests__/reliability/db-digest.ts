import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'

/**
 * A digest of every table's rows in a SQLite file (or "absent"), so a test can show that a
 * failed run left the database exactly as it was.
 */
export async function digestDatabase(file: string): Promise<string> {
  if (!existsSync(file)) return 'absent'
  const db = SqliteDatabase.open(file)
  try {
    const tables = await db.query<{ name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name"
    )
    const hash = createHash('sha256')
    for (const table of tables) {
      hash.update(`${table.name}\n${table.sql ?? ''}\n`)
      if (table.sql?.startsWith('CREATE TABLE')) {
        const rows = await db.query(`SELECT * FROM ${db.quote(table.name)} ORDER BY 1, 2`)
        hash.update(JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      }
    }
    return hash.digest('hex')
  } finally {
    await db.close()
  }
}

/** Row count and distinct item ids of a load-board table. */
export async function countItems(file: string, table: string): Promise<{ n: number; distinct: number }> {
  const db = SqliteDatabase.open(file)
  try {
    const [row] = await db.query<{ n: number; distinct: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS "distinct" FROM ${db.quote(table)}`
    )
    return row!
  } finally {
    await db.close()
  }
}
