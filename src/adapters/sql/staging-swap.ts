import type { ColumnSpec, Database, SqlParams, SqlValue } from './database.js'
import {
  COLUMNS_TABLE,
  DICTIONARY_COLUMNS,
  type TableLayout,
  addColumnStatement,
  createTableStatements,
  existingColumns,
  layoutColumns,
  renameTableStatements
} from './staging-schema.js'

/** A swap refused because the table changed under it (another load recorded other columns). */
export class SchemaDriftError extends Error {
  override name = 'SchemaDriftError'
  readonly errorClass = 'validation'
}

/**
 * One table's part of a swap (inside the caller's transaction): its rows are deleted and inserted
 * `chunkRows` at a time by `item_id` (the clustered key), so no statement escalates to a table lock.
 * A table's first load on SQLite renames the staging table instead (`renameTableStatements`): its
 * rows are not written a second time (a 100,000-item board of 30 columns: ~400 MB, ~4 s), and no
 * staging copy of them stays on disk. Without a staging table (an earlier swap renamed it), there is
 * nothing to swap: the table's rows are counted.
 */
export async function swapTable(
  tx: Database,
  boardId: string,
  table: TableLayout,
  chunkRows = SWAP_CHUNK_ROWS
): Promise<number> {
  await checkUnchanged(tx, table)
  if ((await existingColumns(tx, table.stagingTable)) === null) return await countRows(tx, table.table)
  const columns = layoutColumns(table)
  const existing = await existingColumns(tx, table.table)
  if (existing === null && (await renamed(tx, table, columns))) {
    await recordColumns(tx, boardId, table)
    return await countRows(tx, table.table)
  }
  if (existing === null) {
    for (const statement of createTableStatements(tx, table.table, columns)) await tx.execute(statement)
  } else {
    for (const column of columns) {
      if (!existing.has(column.name.toLowerCase())) await tx.execute(addColumnStatement(tx, table.table, column))
    }
  }
  const names = columns.map(c => tx.quote(c.name)).join(', ')
  if (existing !== null) {
    for (const range of await itemRanges(tx, table.table, chunkRows)) {
      await tx.execute(`DELETE FROM ${tx.quote(table.table)} WHERE ${range.where}`, range.params)
    }
  }
  let rows = 0
  for (const range of await itemRanges(tx, table.stagingTable, chunkRows)) {
    rows += await tx.execute(
      `INSERT INTO ${tx.quote(table.table)} (${names}) SELECT ${names} FROM ${tx.quote(table.stagingTable)} WHERE ${range.where}`,
      range.params
    )
  }
  await recordColumns(tx, boardId, table)
  return rows
}

/**
 * Renames the staging table into the (missing) target when the database can. SQLite refuses a
 * rename while any view or trigger of the database names a table that does not exist ("error in
 * view v: no such table"), whoever's it is: the statement fails alone, the transaction goes on, and
 * the rows are copied instead.
 */
async function renamed(tx: Database, table: TableLayout, columns: readonly ColumnSpec[]): Promise<boolean> {
  const statements = renameTableStatements(tx, table.stagingTable, table.table, columns)
  if (statements === null) return false
  const [rename, ...rest] = statements
  try {
    await tx.execute(rename!)
  } catch {
    return false
  }
  for (const statement of rest) await tx.execute(statement)
  return true
}

/** Rows of `table`; 0 when it does not exist. */
export async function countRows(db: Database, table: string): Promise<number> {
  if ((await existingColumns(db, table)) === null) return 0
  const rows = await db.query<{ n: number | bigint }>(`SELECT COUNT(*) AS n FROM ${db.quote(table)}`)
  return Number(rows[0]?.n ?? 0)
}

/**
 * Rows per statement of a swap. SQL Server escalates a statement's row locks to a lock on the
 * whole table once the statement holds 5,000 locks on one table or index (a key lock per row plus
 * the intent locks of its pages): one DELETE and one INSERT of 20,000 rows would lock the table
 * (and block every reader of it that RCSI does not spare) until the swap commits. 2,000 rows per
 * statement stay below, in the same single transaction.
 */
export const SWAP_CHUNK_ROWS = 2_000

/** `item_id` ranges of at most `size` rows of `table` each, as WHERE clauses with their parameters. */
export async function itemRanges(
  db: Database,
  table: string,
  size: number
): Promise<{ where: string; params: SqlParams }[]> {
  const n = Math.max(1, Math.floor(size))
  const bounds = await db.query<{ b: SqlValue }>(
    `SELECT item_id AS b FROM (SELECT item_id, ROW_NUMBER() OVER (ORDER BY item_id) AS n FROM ${db.quote(table)}) x ` +
      `WHERE n % ${n} = 0 ORDER BY b`
  )
  const ranges: { where: string; params: SqlParams }[] = []
  let low: SqlValue | null = null
  for (const high of [...bounds.map(r => r.b ?? null), null]) {
    const where: string[] = []
    const params: SqlParams = {}
    if (low !== null) {
      where.push('item_id > @low')
      params.low = low
    }
    if (high !== null) {
      where.push('item_id <= @high')
      params.high = high
    }
    ranges.push({ where: where.join(' AND ') || '1 = 1', params })
    low = high
  }
  return ranges
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
