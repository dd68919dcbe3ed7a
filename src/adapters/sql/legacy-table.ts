import type { Database } from './database.js'
import { COLUMNS_TABLE, existingColumns } from './staging-schema.js'

/**
 * The one generic table of load-board before typed tables: every item of every board, keyed by
 * `source_board_id` and `item_id`, its column values in one JSON text column. load-board no longer
 * writes it and never deletes from it (docs/load-board.md, "Moving from monday_items").
 */
export const LEGACY_TABLE = 'monday_items'

/** Columns only the generic table has together (a typed table has no `source_board_id`). */
const LEGACY_COLUMNS = ['source_board_id', 'board_id', 'column_values'] as const

/** Rows of the generic table per board being loaded. */
export interface LegacyRows {
  table: string
  /** Board id → rows (items and subitems) the generic table still holds for it; boards with none are left out. */
  rows: Map<string, number>
}

/**
 * Whether `table` is a base table (not a view: docs/load-board.md shows a view of the old name over
 * the typed tables) with the generic table's shape and no typed columns recorded for it.
 */
export async function isLegacyTable(db: Database, table: string): Promise<boolean> {
  const columns = await existingColumns(db, table)
  if (columns === null || !LEGACY_COLUMNS.every(c => columns.has(c))) return false
  const base = await db.query<{ n: number | bigint }>(
    db.dialect === 'sqlite'
      ? `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = @name`
      : 'SELECT COUNT(*) AS n FROM sys.tables WHERE object_id = OBJECT_ID(@table)',
    db.dialect === 'sqlite' ? { name: table.split('.').pop() ?? table } : { table }
  )
  if (Number(base[0]?.n ?? 0) === 0) return false
  const recorded = await db.query<{ n: number | bigint }>(
    `SELECT COUNT(*) AS n FROM ${db.quote(COLUMNS_TABLE)} WHERE table_name = @table`,
    { table }
  )
  return Number(recorded[0]?.n ?? 0) === 0
}

/** What the generic table holds for these boards, or null when there is no such table. */
export async function legacyRows(db: Database, boardIds: readonly string[]): Promise<LegacyRows | null> {
  if (!(await isLegacyTable(db, LEGACY_TABLE))) return null
  const rows = new Map<string, number>()
  for (const boardId of boardIds) {
    const found = await db.query<{ n: number | bigint }>(
      `SELECT COUNT(*) AS n FROM ${db.quote(LEGACY_TABLE)} WHERE source_board_id = @board`,
      { board: Number(boardId) }
    )
    const n = Number(found[0]?.n ?? 0)
    if (n > 0) rows.set(boardId, n)
  }
  return { table: LEGACY_TABLE, rows }
}
