import { createHash } from 'node:crypto'
import type { BoardLayout, RecordedColumn } from '../../adapters/sql/staging-schema.js'
import type { StagingStore } from '../../adapters/sql/staging-store.js'
import type { RegisteredBoard } from '../../config/registry.js'
import { ConfigError } from '../../errors.js'
import type { LoadBoardFileSettings } from './config-section.js'
import { type BoardColumns, type ValueColumns, valueColumnsOf } from './reader.js'
import type { RowColumns } from './rows.js'
import { type ColumnMapping, type PlannedColumn, type TablePlan, planTable } from './table-plan.js'

/** Where one board lands: a registry entry, or the defaults of a board given by id alone. */
export interface BoardTarget {
  boardId: string
  /** The registry's name and description of the board (for reports and the dictionary). */
  name?: string
  description?: string
  /** Items table, `name` or `schema.name`; default `monday_board_<id>`. */
  table: string
  /** Staging table of the items; default `<table>_staging` (the subitems': `<subitemsTable>_staging`). */
  stagingTable?: string
  /** Subitems table; default `<table>_subitems`. */
  subitemsTable: string
  /** Load the subitems into `subitemsTable` (when the board has any). */
  includeSubitems: boolean
  /** Names and types of particular columns; the others are named from their titles. */
  columns: readonly ColumnMapping[]
  subitemColumns: readonly ColumnMapping[]
}

/** The defaults of a board named only by its id (the action's `board-id`, `--board` without a registry). */
export function defaultTarget(boardId: string, includeSubitems = false): BoardTarget {
  const table = `monday_board_${boardId}`
  return { boardId, table, subitemsTable: `${table}_subitems`, includeSubitems, columns: [], subitemColumns: [] }
}

/** The staging table beside a target table. */
export function stagingTableOf(table: string): string {
  return `${table}_staging`
}

/** A planned board: its layout, what stops it from loading, and what changed since the last load. */
export interface BoardPlan {
  layout: BoardLayout
  columns: RowColumns
  /** The column ids whose values the load reads (every column of the board and of its subitems board). */
  valueColumns: ValueColumns
  conflicts: string[]
  /** Identifies the layout: a resumed load continues only with the same one. */
  fingerprint: string
}

/** Plans a board's typed tables from its monday columns and what earlier loads recorded. */
export async function planBoard(target: BoardTarget, columns: BoardColumns, store: StagingStore): Promise<BoardPlan> {
  const plan = async (
    table: string,
    subitems: boolean,
    list: BoardColumns['columns'],
    mappings: readonly ColumnMapping[]
  ): Promise<TablePlan> =>
    planTable({
      boardId: target.boardId,
      table,
      stagingTable: subitems ? stagingTableOf(table) : (target.stagingTable ?? stagingTableOf(table)),
      subitems,
      columns: list,
      mappings,
      recorded: await store.recordedColumns(table)
    })
  const items = await plan(target.table, false, columns.columns, target.columns)
  const withSubitems = target.includeSubitems && columns.subitemsBoardId !== null
  const subitems = withSubitems
    ? await plan(target.subitemsTable, true, columns.subitemColumns, target.subitemColumns)
    : null
  const layout: BoardLayout = { boardId: target.boardId, items: items.layout, subitems: subitems?.layout ?? null }
  return {
    layout,
    columns: {
      items: items.layout.columns,
      subitems: subitems ? (subitems.layout.columns as PlannedColumn[]) : null
    },
    valueColumns: valueColumnsOf(columns),
    conflicts: [...items.conflicts, ...(subitems?.conflicts ?? [])],
    fingerprint: fingerprintOf(layout)
  }
}

function fingerprintOf(layout: BoardLayout): string {
  const tables = [layout.items, layout.subitems].flatMap(t =>
    t ? [[t.table, t.stagingTable, ...t.columns.map(c => `${c.name}:${c.type}`)].join(',')] : []
  )
  return createHash('sha256').update(tables.join('|')).digest('hex').slice(0, 16)
}

/** What a load changed in a board's tables, for the report. */
export interface ColumnChanges {
  /** SQL columns added to the tables by this load. */
  added: string[]
  /** SQL columns whose monday column is gone (kept, NULL from now on), with the column's title and id. */
  removed: string[]
}

export function columnChanges(layout: BoardLayout): ColumnChanges {
  const tables = layout.subitems ? [layout.items, layout.subitems] : [layout.items]
  const describe = (table: string, c: RecordedColumn): string =>
    `${table}.${c.name} ("${c.title}", ${c.mondayColumnId}, ${c.mondayType})`
  return {
    added: tables.flatMap(t => (t.firstLoad ? [] : t.added.map(c => `${t.table}.${c.name}`))),
    removed: tables.flatMap(t => t.removed.filter(c => c.active).map(c => describe(t.table, c)))
  }
}

function registered(board: RegisteredBoard): BoardTarget {
  return {
    boardId: board.boardId,
    name: board.name,
    description: board.description,
    table: board.table,
    subitemsTable: board.subitemsTable,
    includeSubitems: board.includeSubitems,
    columns: board.columns,
    subitemColumns: board.subitemColumns
  }
}

/**
 * The boards of a run: `--board` ids (each one of the registry when the file has one), else every
 * registered board. A board without a registry gets the defaults, or `[load_board]`'s table and
 * columns when it is the only one.
 */
export function boardTargets(
  args: { boards: readonly string[]; config?: string },
  file: LoadBoardFileSettings
): BoardTarget[] {
  const registry = file.boards
  if (args.boards.length === 0) {
    if (registry.length > 0) return registry.map(registered)
    const hint = args.config ? `${args.config} registers no board ([[boards]])` : 'or a --config FILE with [[boards]]'
    throw new ConfigError(`load-board: give at least one --board ID (${hint})`, '--board')
  }
  const ids = [...new Set(args.boards)]
  if (registry.length > 0) {
    return ids.map(id => {
      const board = registry.find(b => b.boardId === id)
      if (!board) {
        throw new ConfigError(
          `--board: board ${id} is not in the registry of ${args.config ?? 'the configuration'} ` +
            `(registered: ${registry.map(b => `${b.boardId} ${b.name}`).join(', ')})`,
          '--board'
        )
      }
      return registered(board)
    })
  }
  const single = file.targetTable !== undefined || file.stagingTable !== undefined || (file.columns?.length ?? 0) > 0
  if (single && ids.length > 1) {
    throw new ConfigError(
      `load_board: target_table, staging_table and columns describe one board, but ${ids.length} are loaded; ` +
        `register each board in [[boards]] instead`,
      'load_board'
    )
  }
  return ids.map(id => {
    const target = defaultTarget(id, file.includeSubitems ?? false)
    if (!single) return target
    const table = file.targetTable ?? target.table
    return {
      ...target,
      table,
      subitemsTable: `${table}_subitems`,
      ...(file.stagingTable ? { stagingTable: file.stagingTable } : {}),
      columns: file.columns ?? []
    }
  })
}
