import type { Database } from './database.js'
import {
  COLUMNS_TABLE,
  DICTIONARY_COLUMNS,
  type TableLayout,
  addColumnStatement,
  createTableStatements,
  existingColumns,
  layoutColumns
} from './staging-schema.js'

/** A swap refused because the table changed under it (another load recorded other columns). */
export class SchemaDriftError extends Error {
  override name = 'SchemaDriftError'
  readonly errorClass = 'validation'
}

/** One table's part of a swap (inside the caller's transaction). */
export async function swapTable(tx: Database, boardId: string, table: TableLayout): Promise<number> {
  await checkUnchanged(tx, table)
  const columns = layoutColumns(table)
  const existing = await existingColumns(tx, table.table)
  if (existing === null) {
    for (const statement of createTableStatements(tx, table.table, columns)) await tx.execute(statement)
  } else {
    for (const column of columns) {
      if (!existing.has(column.name.toLowerCase())) await tx.execute(addColumnStatement(tx, table.table, column))
    }
  }
  const names = columns.map(c => tx.quote(c.name)).join(', ')
  await tx.execute(`DELETE FROM ${tx.quote(table.table)}`)
  const rows = await tx.execute(
    `INSERT INTO ${tx.quote(table.table)} (${names}) SELECT ${names} FROM ${tx.quote(table.stagingTable)}`
  )
  await recordColumns(tx, boardId, table)
  return rows
}

/**
 * The dictionary as this load planned it; a concurrent load that recorded other columns in the
 * meantime makes this swap fail (and roll back) rather than mix two schemas.
 */
async function checkUnchanged(tx: Database, table: TableLayout): Promise<void> {
  const rows = await tx.query<{ column_name: string; sql_type: string }>(
    `SELECT column_name, sql_type FROM ${tx.quote(COLUMNS_TABLE)} WHERE table_name = @table`,
    { table: table.table }
  )
  const key = (list: readonly { name: string; type: string }[]): string =>
    list
      .map(c => `${c.name.toLowerCase()} ${c.type}`)
      .sort()
      .join('\n')
  const recorded = key(rows.map(r => ({ name: r.column_name, type: r.sql_type })))
  const added = new Set(table.added)
  const before = key([...table.columns.filter(c => !added.has(c)), ...table.removed])
  const after = key([...table.columns, ...table.removed])
  // before: the first swap of this load; after: a swap repeated after a crash that followed its commit
  if (recorded !== before && recorded !== after) {
    throw new SchemaDriftError(
      `table ${table.table}: its columns were changed by another load since this one began; run it again`
    )
  }
}

async function recordColumns(tx: Database, boardId: string, table: TableLayout): Promise<void> {
  await tx.execute(`DELETE FROM ${tx.quote(COLUMNS_TABLE)} WHERE table_name = @table`, { table: table.table })
  const now = new Date()
  const entry = (c: TableLayout['columns'][number], active: boolean): (string | number | boolean | Date)[] => [
    table.table,
    c.name,
    Number(boardId),
    c.mondayColumnId,
    c.part,
    c.mondayType,
    c.type,
    c.title,
    active,
    now
  ]
  await tx.insertMany(COLUMNS_TABLE, DICTIONARY_COLUMNS, [
    ...table.columns.map(c => entry(c, true)),
    ...table.removed.map(c => entry(c, false))
  ])
}
