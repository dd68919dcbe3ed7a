import { openDatabase } from '../adapters/sql/open.js'
import type { SqlParams, SqlValue } from '../adapters/sql/database.js'
import { loadSyncConfig } from '../config/load.js'
import { chunks, inList, keyText, MAX_LIST } from '../pipelines/sync/sql-text.js'

/** Options of unsyncedKeys. */
export interface UnsyncedKeysOptions {
  /** The sync configuration file and environment section the run used. */
  configPath: string
  environment?: string
  env: Record<string, string | undefined>
  /** The database URL input; default the configuration's. */
  databaseUrl?: string
  /** `create_subitem` keys are lines, every other sync operation's keys are orders. */
  operation: string
  keys: readonly string[]
}

/**
 * The keys among `keys` whose rows are not SYNCED now (FAILED, pending, missing). A failure issue
 * of sync closes only when this is empty: a FAILED row is never selected again, so a later run
 * without failures says nothing about it.
 */
export async function unsyncedKeys(options: UnsyncedKeysOptions): Promise<string[]> {
  if (options.keys.length === 0) return []
  const config = loadSyncConfig(options.configPath, { environment: options.environment, env: options.env })
  const url = options.databaseUrl ?? options.env.DATABASE_URL ?? config.databaseUrl
  if (!url) return [...options.keys]
  const table = options.operation === 'create_subitem' ? config.lines : config.orders
  const db = await openDatabase(url)
  try {
    const q = db.quote.bind(db)
    const synced = new Set<string>()
    for (const part of chunks(options.keys, MAX_LIST)) {
      const params: SqlParams = { synced: config.states.synced }
      const sql =
        `SELECT ${q(table.key)} AS k FROM ${q(table.table)} ` +
        `WHERE ${q(table.stateColumn)} = @synced AND ${q(table.key)} IN (${inList(part, 'k', params)})`
      for (const row of await db.query<{ k: SqlValue }>(sql, params)) synced.add(keyText(row.k))
    }
    return options.keys.filter(k => !synced.has(k))
  } finally {
    await db.close()
  }
}
