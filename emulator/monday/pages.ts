/** `items_page`, `next_items_page` and `items_page_by_column_values` with server-side cursors [IP]. */
import type { RequestContext } from './context.js'
import { MondayApplicationError } from './errors.js'
import { itemsByColumnValues, queryItems, type ItemsQueryArg } from './items-query.js'
import type { StoredBoard, StoredItem } from './store.js'
import { itemView } from './views.js'

/** `limit` of items_page and next_items_page is at most 500 [IP]. */
export const MAX_PAGE = 500

interface PageResult {
  cursor: string | null
  items: Record<string, unknown>[]
}

function checkLimit(limit: unknown): number {
  const n = typeof limit === 'number' ? limit : 25
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new MondayApplicationError(
      `limit must be between 1 and ${MAX_PAGE}, got ${String(limit)}`,
      'InvalidArgumentException'
    )
  }
  return n
}

export class Pages {
  constructor(private readonly ctx: () => RequestContext) {}

  /** Collects up to `limit` active items from `ids[offset…]`; returns the new offset too. */
  private collect(ids: string[], offset: number, limit: number): { items: StoredItem[]; to: number } {
    const { store } = this.ctx()
    const items: StoredItem[] = []
    let i = offset
    while (i < ids.length && items.length < limit) {
      const item = store.items.get(ids[i] ?? '')
      i += 1
      if (item?.state === 'active') items.push(item)
    }
    return { items, to: i }
  }

  private first(ids: string[], limit: number): PageResult {
    const ctx = this.ctx()
    const { items, to } = this.collect(ids, 0, limit)
    return { cursor: ctx.cursors.open(ids, to, ctx.now), items: items.map(i => itemView(ctx, i)) }
  }

  next(args: Record<string, unknown>): PageResult {
    const ctx = this.ctx()
    const limit = checkLimit(args.limit)
    const walk = ctx.cursors.resume(String(args.cursor), ctx.now)
    const { items, to } = this.collect(walk.ids, walk.offset, limit)
    return { cursor: walk.advance(to), items: items.map(i => itemView(ctx, i)) }
  }

  itemsPage(board: StoredBoard, groupId: string | null, args: Record<string, unknown>): PageResult {
    const ctx = this.ctx()
    const limit = checkLimit(args.limit)
    if (args.cursor != null && args.query_params != null) {
      throw new MondayApplicationError('query_params and cursor cannot be used together', 'InvalidArgumentException')
    }
    if (args.cursor != null) return this.next(args)
    const items = ctx.store.activeItems(board).filter(i => groupId === null || i.groupId === groupId)
    const ids = queryItems(
      items,
      new Set([...board.columns.keys(), 'group']),
      args.query_params as ItemsQueryArg | null
    )
    return this.first(ids, limit)
  }

  byColumnValues(board: StoredBoard, args: Record<string, unknown>): PageResult {
    const ctx = this.ctx()
    const limit = checkLimit(args.limit)
    if (args.cursor != null) return this.next(args)
    const columns = (args.columns ?? []) as { column_id: string; column_values: (string | null)[] }[]
    for (const c of columns) {
      if (!board.columns.has(c.column_id)) {
        throw new MondayApplicationError(`Column not found: ${c.column_id}`, 'InvalidColumnIdException')
      }
    }
    return this.first(itemsByColumnValues(ctx.store.activeItems(board), columns), limit)
  }
}
