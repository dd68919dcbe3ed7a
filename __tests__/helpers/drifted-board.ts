import type { MondayRequest } from '../../src/pipelines/load-board/reader.js'

/** What a drift test changes in what monday shows: columns hidden, or given another type. */
export interface BoardChange {
  hide?: string[]
  retype?: Record<string, string>
}

/**
 * A load-board request that shows monday's board as changed: columns hidden or retyped, in the
 * board's columns and the items' values alike, so a test can drift a board without rebuilding it.
 */
export function driftedRequest(request: MondayRequest, change: BoardChange): MondayRequest {
  const hide = new Set(change.hide ?? [])
  const retype = change.retype ?? {}
  return async <T>(document: string, variables: Record<string, unknown>, meta: Parameters<MondayRequest>[2]) => {
    const data = (await request<T>(document, variables, meta)) as Record<string, unknown>
    type Column = { id: string; type: string }
    const keep = (c: Column): boolean => !hide.has(c.id)
    const retyped = <C extends Column>(c: C): C => (retype[c.id] ? { ...c, type: retype[c.id]! } : c)
    if (document.includes('LoadBoardColumns')) {
      for (const b of data.boards as { columns: Column[] }[]) b.columns = b.columns.filter(keep).map(retyped)
    }
    if (document.includes('LoadBoardItems')) {
      for (const item of data.items as { column_values: Column[] }[]) {
        item.column_values = item.column_values.filter(keep).map(retyped)
      }
    }
    return data as T
  }
}
