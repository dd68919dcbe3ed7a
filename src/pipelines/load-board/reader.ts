import type { MondayRequest } from '../../adapters/monday/types.js'
import {
  LoadBoardCountsDocument,
  LoadBoardFirstPageDocument,
  LoadBoardItemsDocument,
  LoadBoardItemsWithSubitemsDocument,
  LoadBoardNextPageDocument,
  type LoadBoardItemsQuery,
  type LoadBoardItemsQueryVariables,
  type LoadBoardItemsWithSubitemsQuery
} from '../../graphql/generated.js'
import { type Operation, requestOperation } from '../../graphql/operation.js'
import type { RawItem } from './rows.js'

export type { MondayRequest }

/** One page of the id walk. */
export interface WalkPage {
  ids: string[]
  /** The cursor of the next page; null at the end [IP]. */
  cursor: string | null
  /** The board's `items_count`, on the first page only. */
  itemsCount?: number | null
}

/** What load-board reads from monday. The default implementation is `GraphqlBoardReader`. */
export interface BoardReader {
  /** First page (`cursor` null: `boards(ids){items_page}`) or a next page (`next_items_page`); ids only. */
  walkPage(boardId: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<WalkPage>
  /** Full items for at most 100 ids (`items(ids:)`), subitems when asked. */
  fetchItems(ids: readonly string[], options: { subitems: boolean; signal?: AbortSignal }): Promise<RawItem[]>
  /** `items_count` of each board, for the task graph (optional). */
  itemsCounts?(boardIds: readonly string[]): Promise<Map<string, number | null>>
}

/** The full-item query of graphql/load-board/items.graphql, with subitems or without. */
function itemsOperation(subitems: boolean): Operation<LoadBoardItemsResult, LoadBoardItemsQueryVariables> {
  return subitems ? LoadBoardItemsWithSubitemsDocument : LoadBoardItemsDocument
}
type LoadBoardItemsResult = LoadBoardItemsQuery | LoadBoardItemsWithSubitemsQuery

/** The texts of graphql/load-board/ (the tests and the bench read them). */
export const FIRST_PAGE = String(LoadBoardFirstPageDocument)
export const NEXT_PAGE = String(LoadBoardNextPageDocument)
export const ITEMS_COUNTS = String(LoadBoardCountsDocument)
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
        itemsCount: board.items_count ?? null
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

  async itemsCounts(boardIds: readonly string[]): Promise<Map<string, number | null>> {
    const data = await requestOperation(
      this.request,
      LoadBoardCountsDocument,
      { boards: [...boardIds], limit: boardIds.length },
      { kind: 'boards', items: boardIds.length }
    )
    return new Map((data.boards ?? []).flatMap(b => (b ? [[String(b.id), b.items_count ?? null]] : [])))
  }

  async fetchItems(ids: readonly string[], options: { subitems: boolean; signal?: AbortSignal }): Promise<RawItem[]> {
    const data = await requestOperation(
      this.request,
      itemsOperation(options.subitems),
      { ids: [...ids], limit: ids.length },
      { kind: 'items', items: ids.length, signal: options.signal }
    )
    return (data.items ?? []).filter(item => item !== null)
  }
}

/** `boards(ids:)` returned no board: a wrong id or no access. */
export class BoardNotFoundError extends Error {
  override name = 'BoardNotFoundError'
  constructor(readonly boardId: string) {
    super(`Board ${boardId} was not found (or the token cannot read it)`)
  }
}
