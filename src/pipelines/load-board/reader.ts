import type { MondayRequest } from '../../adapters/monday/types.js'
import {
  LoadBoardColumnsDocument,
  LoadBoardCountsDocument,
  LoadBoardFirstPageDocument,
  LoadBoardGroupFirstPageDocument,
  LoadBoardItemsDocument,
  LoadBoardItemsWithSubitemsDocument,
  LoadBoardNextPageDocument,
  type LoadBoardItemsQuery,
  type LoadBoardItemsQueryVariables,
  type LoadBoardItemsWithSubitemsQuery
} from '../../graphql/generated.js'
import { type Operation, present, requestOperation } from '../../graphql/operation.js'
import type { RawColumnValue, RawItem } from './rows.js'
import type { MondayColumn } from './table-plan.js'

export type { MondayRequest }

/** One page of the id walk. */
export interface WalkPage {
  ids: string[]
  /** The cursor of the next page; null at the end [IP]. */
  cursor: string | null
  /** The board's `items_count`, on the first page only. */
  itemsCount?: number | null
  /** The board's group ids, on the board's first page only (when the reader can walk a group). */
  groups?: string[]
}

/** What load-board reads from monday. The default implementation is `GraphqlBoardReader`. */
export interface BoardReader {
  /** First page (`cursor` null: `boards(ids){items_page}`) or a next page (`next_items_page`); ids only. */
  walkPage(boardId: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<WalkPage>
  /** The first page of one group (`boards { groups(ids:) { items_page } }`); its cursor goes on with `walkPage`. */
  groupPage?(boardId: string, groupId: string, limit: number, signal?: AbortSignal): Promise<WalkPage>
  /** Full items for at most 100 ids (`items(ids:)`), subitems when asked. */
  fetchItems(ids: readonly string[], options: FetchOptions): Promise<RawItem[]>
  /** `items_count` of each board, for the task graph (optional). */
  itemsCounts?(boardIds: readonly string[]): Promise<Map<string, number | null>>
  /** The board's columns and those of its subitems board: what its typed tables are made of. */
  boardColumns(boardId: string, signal?: AbortSignal): Promise<BoardColumns>
}

/** What `fetchItems` reads besides the ids. */
export interface FetchOptions {
  subitems: boolean
  /**
   * The column ids whose values are read, the items' and the subitems'; every column when absent.
   * Naming them sizes monday's up-front complexity estimate by the board's real columns.
   */
  columns?: ValueColumns
  signal?: AbortSignal
}

/** The monday column ids whose values a load reads: the board's and its subitems board's. */
export interface ValueColumns {
  items: ColumnIds
  subitems: ColumnIds
}

/** A board's columns as its reads name them, in board order. */
export interface ColumnIds {
  /** Columns whose `text` and `value` say what they hold. */
  plain: readonly string[]
  /** board_relation, mirror and formula: what they show is in `display_value` (their text and value are null). */
  shown: readonly string[]
}

const SHOWN_TYPES: ReadonlySet<string> = new Set(['board_relation', 'mirror', 'formula'])

/** The ids of the columns `column_values` returns (every one but the item's name), plain and shown apart. */
export function valueColumnsOf(columns: BoardColumns): ValueColumns {
  const ids = (list: readonly MondayColumn[]): ColumnIds => {
    const values = list.filter(c => c.type !== 'name')
    return {
      plain: values.filter(c => !SHOWN_TYPES.has(c.type)).map(c => c.id),
      shown: values.filter(c => SHOWN_TYPES.has(c.type)).map(c => c.id)
    }
  }
  return { items: ids(columns.columns), subitems: ids(columns.subitemColumns) }
}

/** An item as the items query returns it: its plain and its shown column values apart. */
type ReadItem = Omit<RawItem, 'column_values' | 'subitems'> & {
  column_values?: RawColumnValue[] | null
  shown_values?: RawColumnValue[] | null
  subitems?: ReadItem[] | null
}

/** One list of column values per item, in the order the board has them (`order`: ids; else as read). */
function joinValues(item: ReadItem, order: ColumnIds | undefined, subitemOrder?: ColumnIds): RawItem {
  const { shown_values: shown, subitems, ...rest } = item
  const byId = new Map((item.column_values ?? []).map(v => [v.id, v]))
  for (const v of shown ?? []) byId.set(v.id, v)
  let values = [...byId.values()]
  if (order) {
    const rank = new Map([...order.plain, ...order.shown].map((id, i) => [id, i]))
    values = values.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
  }
  return {
    ...rest,
    column_values: values,
    ...(subitems === undefined ? {} : { subitems: subitems?.map(s => joinValues(s, subitemOrder)) ?? null })
  }
}

/** The columns of a board and of its subitems board (none when the board has no subitems). */
export interface BoardColumns {
  name: string
  columns: MondayColumn[]
  subitemsBoardId: string | null
  subitemColumns: MondayColumn[]
}

/** The subitems board named by the `subtasks` column's settings (`{"boardIds":[…]}`). */
function subitemsBoardOf(columns: readonly { type: string; settings_str: string }[]): string | null {
  for (const column of columns) {
    if (column.type !== 'subtasks' || !column.settings_str) continue
    try {
      const ids = (JSON.parse(column.settings_str) as { boardIds?: unknown }).boardIds
      if (Array.isArray(ids) && ids.length > 0) return String(ids[0])
    } catch {
      continue
    }
  }
  return null
}

/** The full-item query of graphql/load-board/items.graphql, with subitems or without. */
function itemsOperation(subitems: boolean): Operation<LoadBoardItemsResult, LoadBoardItemsQueryVariables> {
  return subitems ? LoadBoardItemsWithSubitemsDocument : LoadBoardItemsDocument
}
type LoadBoardItemsResult = LoadBoardItemsQuery | LoadBoardItemsWithSubitemsQuery

/** The texts of graphql/load-board/ (the tests and the bench read them). */
export const FIRST_PAGE = String(LoadBoardFirstPageDocument)
export const GROUP_FIRST_PAGE = String(LoadBoardGroupFirstPageDocument)
export const NEXT_PAGE = String(LoadBoardNextPageDocument)
export const ITEMS_COUNTS = String(LoadBoardCountsDocument)
export const BOARD_COLUMNS = String(LoadBoardColumnsDocument)
export const itemsQuery = (subitems: boolean): string => String(itemsOperation(subitems))

/** The default BoardReader: the documents above through a `MondayRequest`. */
export class GraphqlBoardReader implements BoardReader {
  constructor(private readonly request: MondayRequest) {}

  async walkPage(boardId: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<WalkPage> {
    if (cursor === null) {
      const data = await requestOperation(
        this.request,
        LoadBoardFirstPageDocument,
        { board: [boardId], limit },
        { kind: 'items_page', items: limit, signal }
      )
      const board = data.boards?.[0]
      if (!board) throw new BoardNotFoundError(boardId)
      return {
        ids: board.items_page.items.map(i => i.id),
        cursor: board.items_page.cursor,
        itemsCount: board.items_count ?? null,
        groups: present(board.groups).map(g => g.id)
      }
    }
    const data = await requestOperation(
      this.request,
      LoadBoardNextPageDocument,
      { cursor, limit },
      { kind: 'next_items_page', items: limit, signal }
    )
    return { ids: data.next_items_page.items.map(i => i.id), cursor: data.next_items_page.cursor }
  }

  async groupPage(boardId: string, groupId: string, limit: number, signal?: AbortSignal): Promise<WalkPage> {
    const data = await requestOperation(
      this.request,
      LoadBoardGroupFirstPageDocument,
      { board: [boardId], group: [groupId], limit },
      { kind: 'items_page', items: limit, signal }
    )
    const board = data.boards?.[0]
    if (!board) throw new BoardNotFoundError(boardId)
    // a group deleted since the board's first page has no items left to walk
    const page = present(board.groups).find(g => g.id === groupId)?.items_page
    return { ids: page?.items.map(i => i.id) ?? [], cursor: page?.cursor ?? null }
  }

  async itemsCounts(boardIds: readonly string[]): Promise<Map<string, number | null>> {
    const data = await requestOperation(
      this.request,
      LoadBoardCountsDocument,
      { boards: [...boardIds], limit: boardIds.length },
      { kind: 'boards', items: boardIds.length }
    )
    return new Map((data.boards ?? []).flatMap(b => (b ? [[String(b.id), b.items_count ?? null]] : [])))
  }

  async boardColumns(boardId: string, signal?: AbortSignal): Promise<BoardColumns> {
    const read = async (
      id: string
    ): Promise<{ name: string; columns: (MondayColumn & { settings_str: string })[] }> => {
      const data = await requestOperation(
        this.request,
        LoadBoardColumnsDocument,
        { board: [id] },
        { kind: 'boards', items: 1, signal }
      )
      const board = data.boards?.[0]
      if (!board) throw new BoardNotFoundError(id)
      return { name: board.name, columns: (board.columns ?? []).flatMap(c => (c ? [c] : [])) }
    }
    const board = await read(boardId)
    const subitemsBoardId = subitemsBoardOf(board.columns)
    const plain = (list: readonly MondayColumn[]): MondayColumn[] =>
      list.map(c => ({ id: c.id, title: c.title, type: c.type }))
    return {
      name: board.name,
      columns: plain(board.columns),
      subitemsBoardId,
      subitemColumns: subitemsBoardId === null ? [] : plain((await read(subitemsBoardId)).columns)
    }
  }

  async fetchItems(ids: readonly string[], options: FetchOptions): Promise<RawItem[]> {
    const columns = options.columns
    // without named columns both lists return every column (the shown fields win)
    const named = (list: readonly string[] | undefined): string[] | null => (list ? [...list] : null)
    const data = await requestOperation(
      this.request,
      itemsOperation(options.subitems),
      {
        ids: [...ids],
        limit: ids.length,
        columns: named(columns?.items.plain),
        shown: named(columns?.items.shown),
        ...(options.subitems
          ? { subitemColumns: named(columns?.subitems.plain), subitemShown: named(columns?.subitems.shown) }
          : {})
      },
      { kind: 'items', items: ids.length, signal: options.signal }
    )
    return (data.items ?? []).flatMap(item =>
      item === null ? [] : [joinValues(item, columns?.items, columns?.subitems)]
    )
  }
}

/** `boards(ids:)` returned no board: a wrong id or no access. */
export class BoardNotFoundError extends Error {
  override name = 'BoardNotFoundError'
  constructor(readonly boardId: string) {
    super(`Board ${boardId} was not found (or the token cannot read it)`)
  }
}
