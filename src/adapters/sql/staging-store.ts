import { ConfigError, messageOf } from '../../errors.js'
import type { ColumnSpec, Database, SqlParams } from './database.js'
import { checkIdentifier } from './identifiers.js'
import { type BoardRow, type TypedColumn, createTableStatements, rowValues, stagingColumns } from './staging-schema.js'

/** Counts of one board's rows in a table. */
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
 * Where load-board lands a board: batches go into a staging table as they arrive, and the
 * finished load replaces the board's rows in the target table in one transaction.
 */
export interface StagingStore {
  /** Creates the staging and target tables (and their indexes) when missing. */
  prepare(): Promise<void>
  /** Removes a board's staging rows: a fresh load starts empty. */
  clear(boardId: string): Promise<void>
  /** Ids of the top-level items already staged for a board (what a resumed run skips). */
  stagedItemIds(boardId: string): Promise<Set<string>>
  /**
   * Stages one batch atomically: rows already staged for these items (and their subitems)
   * are replaced, so a batch fetched twice is staged once. Returns the rows written.
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
   * Replaces the board's target rows with its staging rows in one transaction; readers never
   * see half a load. Staging keeps its rows, so running it again gives the same target.
   * Returns the rows now in the target for the board.
   */
  swap(boardId: string): Promise<number>
}

export interface SqlStagingStoreOptions {
  /** Staging table, `name` or `schema.name`; default `monday_items_staging`. */
  stagingTable?: string
  /** Target table; default `monday_items`. */
  targetTable?: string
  /** Typed copies of monday columns. */
  typedColumns?: readonly TypedColumn[]
}

/** More than 2,100 parameters is an error in SQL Server; batches stay far below. */
const MAX_IDS_PER_STATEMENT = 500

/** The default StagingStore over any `Database` (bulk insert on SQL Server through insertMany). */
export class SqlStagingStore implements StagingStore {
  readonly stagingTable: string
  readonly targetTable: string
  private readonly typed: readonly TypedColumn[]
  private readonly columns: ColumnSpec[]

  constructor(
    private readonly db: Database,
    options: SqlStagingStoreOptions = {}
  ) {
    this.stagingTable = checkIdentifier(options.stagingTable ?? 'monday_items_staging', 'load_board.staging_table')
    this.targetTable = checkIdentifier(options.targetTable ?? 'monday_items', 'load_board.target_table')
    this.typed = options.typedColumns ?? []
    this.columns = stagingColumns(this.typed)
  }

  async prepare(): Promise<void> {
    const tables = [
      [this.stagingTable, 'load_board.staging_table'],
      [this.targetTable, 'load_board.target_table']
    ] as const
    for (const [table, setting] of tables) {
      try {
        for (const statement of createTableStatements(this.db, table, this.columns)) await this.db.execute(statement)
      } catch (e) {
        // an existing table of another shape: name it (and its setting), not only the column
        throw new ConfigError(
          `${setting}: table "${table}" cannot hold load-board's rows (is it another table of that name?): ${messageOf(e)}`,
          setting,
          { cause: e }
        )
      }
    }
  }

  async clear(boardId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.db.quote(this.stagingTable)} WHERE source_board_id = @board`, {
      board: Number(boardId)
    })
  }

  async stagedItemIds(boardId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ item_id: number | bigint }>(
      `SELECT item_id FROM ${this.db.quote(this.stagingTable)} WHERE source_board_id = @board AND parent_item_id IS NULL`,
      { board: Number(boardId) }
    )
    return new Set(rows.map(r => String(r.item_id)))
  }

  async stageBatch(
    boardId: string,
    itemIds: readonly string[],
    rows: readonly BoardRow[],
    options: StageOptions = {}
  ): Promise<number> {
    const values = rows.map(row => rowValues(row, this.typed))
    if (options.fresh) return await this.db.insertMany(this.stagingTable, this.columns, values)
    return await this.db.transaction(async tx => {
      for (let i = 0; i < itemIds.length; i += MAX_IDS_PER_STATEMENT) {
        const chunk = itemIds.slice(i, i + MAX_IDS_PER_STATEMENT)
        const params: SqlParams = { board: Number(boardId) }
        chunk.forEach((id, j) => (params[`i${j}`] = Number(id)))
        const list = chunk.map((_, j) => `@i${j}`).join(', ')
        // two statements, so each can use its index (an OR of the two would scan the table)
        for (const column of ['item_id', 'parent_item_id']) {
          await tx.execute(
            `DELETE FROM ${tx.quote(this.stagingTable)} WHERE source_board_id = @board AND ${column} IN (${list})`,
            params
          )
        }
      }
      return await tx.insertMany(this.stagingTable, this.columns, values)
    })
  }

  countStaged(boardId: string): Promise<StagedCounts> {
    return this.count(this.stagingTable, boardId)
  }

  countTarget(boardId: string): Promise<StagedCounts> {
    return this.count(this.targetTable, boardId)
  }

  private async count(table: string, boardId: string): Promise<StagedCounts> {
    const rows = await this.db.query<{ items: number | null; subitems: number | null }>(
      `SELECT SUM(CASE WHEN parent_item_id IS NULL THEN 1 ELSE 0 END) AS items, ` +
        `SUM(CASE WHEN parent_item_id IS NULL THEN 0 ELSE 1 END) AS subitems ` +
        `FROM ${this.db.quote(table)} WHERE source_board_id = @board`,
      { board: Number(boardId) }
    )
    return { items: Number(rows[0]?.items ?? 0), subitems: Number(rows[0]?.subitems ?? 0) }
  }

  async swap(boardId: string): Promise<number> {
    const names = this.columns.map(c => this.db.quote(c.name)).join(', ')
    const board = { board: Number(boardId) }
    return await this.db.transaction(async tx => {
      await tx.execute(`DELETE FROM ${tx.quote(this.targetTable)} WHERE source_board_id = @board`, board)
      return await tx.execute(
        `INSERT INTO ${tx.quote(this.targetTable)} (${names}) ` +
          `SELECT ${names} FROM ${tx.quote(this.stagingTable)} WHERE source_board_id = @board`,
        board
      )
    })
  }
}
