import type { RawItem } from './rows.js'

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

/**
 * Sends one GraphQL document through the engine (scheduling, budget, retries, classification).
 * `kind` names the request in the metrics; `items` is how many objects it asks for.
 */
export type MondayRequest = <T>(
  document: string,
  variables: Record<string, unknown>,
  meta: { kind: string; items: number; signal?: AbortSignal }
) => Promise<T>

export const FIRST_PAGE = `query LoadBoardFirstPage($board: [ID!], $limit: Int!) {
  boards(ids: $board) { id items_count items_page(limit: $limit) { cursor items { id } } }
}`

export const ITEMS_COUNTS = `query LoadBoardCounts($boards: [ID!], $limit: Int) {
  boards(ids: $boards, limit: $limit) { id items_count }
}`

export const NEXT_PAGE = `query LoadBoardNextPage($cursor: String!, $limit: Int!) {
  next_items_page(cursor: $cursor, limit: $limit) { cursor items { id } }
}`

/** Every field load-board stores for an item. */
export const ITEM_FIELDS = `id name state created_at updated_at board { id } group { id title }
    column_values { id type text value }`

/** `limit` is sent explicitly: `items` returns 25 by default, whatever the number of ids. */
export function itemsQuery(subitems: boolean): string {
  return `query LoadBoardItems($ids: [ID!], $limit: Int) {
  items(ids: $ids, limit: $limit) {
    ${ITEM_FIELDS}${subitems ? `\n    subitems { ${ITEM_FIELDS} }` : ''}
  }
}`
}

interface FirstPageData {
  boards: { id: string; items_count?: number | null; items_page: { cursor: string | null; items: { id: string }[] } }[]
}
interface NextPageData {
  next_items_page: { cursor: string | null; items: { id: string }[] }
}

/** The default BoardReader: the documents above through a `MondayRequest`. */
export class GraphqlBoardReader implements BoardReader {
  constructor(private readonly request: MondayRequest) {}

  async walkPage(boardId: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<WalkPage> {
    if (cursor === null) {
      const data = await this.request<FirstPageData>(
        FIRST_PAGE,
        { board: [boardId], limit },
        { kind: 'items_page', items: limit, signal }
      )
      const board = data.boards[0]
      if (!board) throw new BoardNotFoundError(boardId)
      return {
        ids: board.items_page.items.map(i => i.id),
        cursor: board.items_page.cursor,
        itemsCount: board.items_count ?? null
      }
    }
    const data = await this.request<NextPageData>(
      NEXT_PAGE,
      { cursor, limit },
      { kind: 'next_items_page', items: limit, signal }
    )
    return { ids: data.next_items_page.items.map(i => i.id), cursor: data.next_items_page.cursor }
  }

  async itemsCounts(boardIds: readonly string[]): Promise<Map<string, number | null>> {
    const data = await this.request<{ boards: { id: string; items_count?: number | null }[] }>(
      ITEMS_COUNTS,
      { boards: [...boardIds], limit: boardIds.length },
      { kind: 'boards', items: boardIds.length }
    )
    return new Map(data.boards.map(b => [String(b.id), b.items_count ?? null]))
  }

  async fetchItems(ids: readonly string[], options: { subitems: boolean; signal?: AbortSignal }): Promise<RawItem[]> {
    const data = await this.request<{ items: RawItem[] | null }>(
      itemsQuery(options.subitems),
      { ids: [...ids], limit: ids.length },
      { kind: 'items', items: ids.length, signal: options.signal }
    )
    return data.items ?? []
  }
}

/** `boards(ids:)` returned no board: a wrong id or no access. */
export class BoardNotFoundError extends Error {
  override name = 'BoardNotFoundError'
  constructor(readonly boardId: string) {
    super(`Board ${boardId} was not found (or the token cannot read it)`)
  }
}
