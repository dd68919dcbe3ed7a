import { ConfigError, messageOf } from '../../errors.js'
import type { Database, SqlColumnType, SqlParams } from './database.js'
import { type LegacyRows, isLegacyTable, legacyRows } from './legacy-table.js'
import { SWAP_CHUNK_ROWS, countRows, swapTable } from './staging-swap.js'
import {
  type BoardLayout,
  type BoardRow,
  COLUMNS_TABLE,
  type RecordedColumn,
  type TableLayout,
  columnsTableStatements,
  createTableStatements,
  dropTableStatement,
  existingColumns,
  layoutColumns,
  rowValues
} from './staging-schema.js'

/** Counts of one board's rows. */
export interface StagedCounts {
  /** Top-level items. */
  items: number
  subitems: number
}

export interface StageOptions {
  /** The caller guarantees none of these items is staged yet (a fresh load): skip the delete. */
  fresh?: boolean
}

/**
 * Where load-board lands a board: its typed staging tables fill batch by batch, and the finished
 * load replaces the rows of its typed target tables in one transaction, schema changes included.
 */
export interface StagingStore {
  /** Creates the column dictionary (`monday_sync_columns`) when missing. */
  prepare(): Promise<void>
  /** What earlier loads recorded about a table's typed columns (empty before its first load). */
  recordedColumns(table: string): Promise<RecordedColumn[]>
  /**
   * Sets a board's layout and creates its staging tables: emptied (dropped and created with the
   * layout's columns) when `fresh`, else kept with their rows (a resumed load of the same layout).
   */
  useLayout(layout: BoardLayout, options: { fresh: boolean }): Promise<void>
  /** Empties a board's staging tables: a fresh load starts empty. */
  clear(boardId: string): Promise<void>
  /** Ids of the top-level items already staged for a board (what a resumed run skips). */
  stagedItemIds(boardId: string): Promise<Set<string>>
  /**
   * Stages one batch atomically: rows already staged for these items (and their subitems) are
   * replaced, so a batch fetched twice is staged once. Returns the rows written.
   */
  stageBatch(
    boardId: string,
    itemIds: readonly string[],
    rows: readonly BoardRow[],
    options?: StageOptions
  ): Promise<number>
  countStaged(boardId: string): Promise<StagedCounts>
  countTarget(boardId: string): Promise<StagedCounts>
  /**
   * Whether a swap of this layout committed by renaming its staging tables (a first load on
   * SQLite): they are gone and the target tables exist. A run killed after that commit, before its
   * checkpoint said so, resumes with the load in the target tables, not in staging.
   */
  swappedByRename?(layout: BoardLayout): Promise<boolean>
  /**
   * In one transaction: creates the target tables or adds the layout's new columns to them,
   * replaces their rows with the staging rows and records the columns in the dictionary. Readers
   * never see half a load or half a schema change. Staging keeps its rows, so running it again
   * gives the same target; except on a table's first load on SQLite, where the staging table itself
   * is renamed into the target (its rows are not copied) and running it again finds nothing to move.
   * Returns the rows now in the target tables.
   */
  swap(boardId: string): Promise<number>
  /** Rows the generic table of earlier versions (`monday_items`) still holds for these boards; null without one. */
  legacyRows?(boardIds: readonly string[]): Promise<LegacyRows | null>
}

/** More than 2,100 parameters is an error in SQL Server; batches stay far below. */
const MAX_IDS_PER_STATEMENT = 500

/** The default StagingStore over any `Database` (bulk insert on SQL Server through insertMany). */
export class SqlStagingStore implements StagingStore {
  private readonly layouts = new Map<string, BoardLayout>()

  constructor(
    private readonly db: Database,
    /** Rows per statement of a swap; default `SWAP_CHUNK_ROWS` (2,000). */
    private readonly swapChunkRows = SWAP_CHUNK_ROWS
  ) {}

  async prepare(): Promise<void> {
    for (const statement of columnsTableStatements(this.db)) await this.db.execute(statement)
  }

  async recordedColumns(table: string): Promise<RecordedColumn[]> {
    const rows = await this.db.query<Record<string, string | number | boolean | null>>(
      `SELECT table_name, column_name, board_id, monday_column_id, part, monday_type, sql_type, title, active ` +
        `FROM ${this.db.quote(COLUMNS_TABLE)} WHERE table_name = @table ORDER BY column_name`,
      { table }
    )
    return rows.map(r => ({
      table: String(r.table_name),
      name: String(r.column_name),
      boardId: String(r.board_id),
      mondayColumnId: String(r.monday_column_id),
      part: String(r.part),
      mondayType: String(r.monday_type),
      type: String(r.sql_type) as SqlColumnType,
      title: String(r.title ?? ''),
      active: r.active === true || Number(r.active) === 1
    }))
  }

  async useLayout(layout: BoardLayout, options: { fresh: boolean }): Promise<void> {
    this.layouts.set(layout.boardId, layout)
    for (const table of tablesOf(layout)) {
      await checkTargetShape(this.db, layout.boardId, table)
      try {
        if (options.fresh) await this.db.execute(dropTableStatement(this.db, table.stagingTable))
        for (const s of createTableStatements(this.db, table.stagingTable, layoutColumns(table)))
          await this.db.execute(s)
      } catch (e) {
        throw new ConfigError(
          `board ${layout.boardId}: cannot create its staging table ${table.stagingTable}: ${messageOf(e)}`,
          'boards.table',
          { cause: e }
        )
      }
    }
  }

  private layout(boardId: string): BoardLayout {
    const layout = this.layouts.get(boardId)
    if (!layout) throw new TypeError(`SqlStagingStore: no layout for board ${boardId} (call useLayout first)`)
    return layout
  }

  async clear(boardId: string): Promise<void> {
    await this.useLayout(this.layout(boardId), { fresh: true })
  }

  async stagedItemIds(boardId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ item_id: number | bigint }>(
      `SELECT item_id FROM ${this.db.quote(this.layout(boardId).items.stagingTable)}`
    )
    return new Set(rows.map(r => String(r.item_id)))
  }

  async stageBatch(
    boardId: string,
    itemIds: readonly string[],
    rows: readonly BoardRow[],
    options: StageOptions = {}
  ): Promise<number> {
    const layout = this.layout(boardId)
    const items = rows.filter(r => r.parentItemId === null)
    const subitems = layout.subitems ? rows.filter(r => r.parentItemId !== null) : []
    const write = async (tx: Database): Promise<number> => {
      let written = await tx.insertMany(
        layout.items.stagingTable,
        layoutColumns(layout.items),
        items.map(r => rowValues(r, layout.items))
      )
      if (layout.subitems) {
        written += await tx.insertMany(
          layout.subitems.stagingTable,
          layoutColumns(layout.subitems),
          subitems.map(r => rowValues(r, layout.subitems!))
        )
      }
      return written
    }
    if (options.fresh && !layout.subitems) return await write(this.db)
    return await this.db.transaction(async tx => {
      if (!options.fresh) {
        await deleteIn(tx, layout.items.stagingTable, 'item_id', itemIds)
        if (layout.subitems) await deleteIn(tx, layout.subitems.stagingTable, 'parent_item_id', itemIds)
      }
      return await write(tx)
    })
  }

  async countStaged(boardId: string): Promise<StagedCounts> {
    const layout = this.layout(boardId)
    return {
      items: await countRows(this.db, layout.items.stagingTable),
      subitems: layout.subitems ? await countRows(this.db, layout.subitems.stagingTable) : 0
    }
  }

  async countTarget(boardId: string): Promise<StagedCounts> {
    const layout = this.layout(boardId)
    return {
      items: await countRows(this.db, layout.items.table),
      subitems: layout.subitems ? await countRows(this.db, layout.subitems.table) : 0
    }
  }

  async swappedByRename(layout: BoardLayout): Promise<boolean> {
    for (const table of tablesOf(layout)) {
      if ((await existingColumns(this.db, table.stagingTable)) !== null) return false
      if ((await existingColumns(this.db, table.table)) === null) return false
    }
    return true
  }

  async legacyRows(boardIds: readonly string[]): Promise<LegacyRows | null> {
    return await legacyRows(this.db, boardIds)
  }

  async swap(boardId: string): Promise<number> {
    const layout = this.layout(boardId)
    return await this.db.transaction(async tx => {
      let rows = 0
      for (const table of tablesOf(layout)) rows += await swapTable(tx, layout.boardId, table, this.swapChunkRows)
      return rows
    })
  }
}

/** A target table that exists but lacks the fixed columns is someone else's: never touch it. */
async function checkTargetShape(db: Database, boardId: string, table: TableLayout): Promise<void> {
  const existing = await existingColumns(db, table.table)
  if (existing === null) return
  // the generic table holds every board's rows: a typed load would replace them all with one board's
  if (await isLegacyTable(db, table.table)) {
    throw new ConfigError(
      `board ${boardId}: table "${table.table}" is the generic table of an earlier load-board (rows of every ` +
        `board, column values as JSON); load-board now writes one typed table per board and does not replace it. ` +
        `Name another table for this board (or leave the table unset: monday_board_${boardId}); ` +
        `its rows were left as they were (docs/load-board.md, "Moving from monday_items")`,
      'table'
    )
  }
  const missing = layoutColumns({ subitems: table.subitems, columns: [] }).filter(c => !existing.has(c.name))
  if (missing.length === 0) return
  throw new ConfigError(
    `board ${boardId}: table "${table.table}" exists but is not a load-board table (it has no ` +
      `${missing.map(c => c.name).join(', ')}); choose another table name, its rows were left as they were`,
    'table'
  )
}

function tablesOf(layout: BoardLayout): TableLayout[] {
  return layout.subitems ? [layout.items, layout.subitems] : [layout.items]
}

async function deleteIn(tx: Database, table: string, column: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + MAX_IDS_PER_STATEMENT)
    const params: SqlParams = {}
    chunk.forEach((id, j) => (params[`i${j}`] = Number(id)))
    const list = chunk.map((_, j) => `@i${j}`).join(', ')
    await tx.execute(`DELETE FROM ${tx.quote(table)} WHERE ${column} IN (${list})`, params)
  }
}
