/**
 * Rows whose outcome is unknown (claimed, maybe sent, not confirmed) are looked up on monday by
 * their sync key and adopted when an item exists; the rest go back to pending. This is what makes
 * a crash between send and write-back neither lose nor duplicate an item.
 */
import type { MondayClient } from '../../adapters/monday/types.js'
import { SyncFindItemsDocument, SyncFindItemsNextDocument, SyncFindSubitemsDocument } from '../../graphql/generated.js'
import { present, requestOperation } from '../../graphql/operation.js'
import { chunks } from './sql-text.js'
import type { BatchOutcome, ClaimStamp, LineRow, SyncRow, SyncStore, SyncTable } from './store.js'

/** Keys per lookup; the page limit is 500 [IP]. */
const KEYS_PER_LOOKUP = 100

/** Keeps the lowest id per key (the first created), so adopting is deterministic. */
function keep(found: Map<string, string>, key: string | null | undefined, id: string): void {
  if (!key) return
  const had = found.get(key)
  if (had === undefined || BigInt(id) < BigInt(had)) found.set(key, id)
}

/** Item ids on `boardId` by sync key, for the given keys. */
export async function findItems(
  client: MondayClient,
  boardId: string,
  column: string,
  keys: readonly string[]
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const wanted = new Set(keys)
  for (const chunk of chunks(keys, KEYS_PER_LOOKUP)) {
    let page = (
      await requestOperation(
        client.request,
        SyncFindItemsDocument,
        { board: boardId, column, keys: chunk, limit: 500 },
        { kind: 'items_page_by_column_values', items: chunk.length }
      )
    ).items_page_by_column_values
    for (;;) {
      for (const item of page.items) {
        const key = item.column_values?.find(c => c.id === column)?.text
        if (key && wanted.has(key)) keep(found, key, item.id)
      }
      if (!page.cursor) break
      page = (
        await requestOperation(
          client.request,
          SyncFindItemsNextDocument,
          { cursor: page.cursor, column, limit: 500 },
          { kind: 'next_items_page', items: 500 }
        )
      ).next_items_page
    }
  }
  return found
}

/** Subitem ids by sync key under the given parent items. */
export async function findSubitems(
  client: MondayClient,
  parentIds: readonly string[],
  column: string
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const chunk of chunks([...new Set(parentIds)], 100)) {
    const answer = await requestOperation(
      client.request,
      SyncFindSubitemsDocument,
      { ids: chunk, column },
      { kind: 'items', items: chunk.length }
    )
    for (const parent of present(answer.items)) {
      for (const sub of present(parent.subitems)) {
        keep(found, sub.column_values?.find(c => c.id === column)?.text, sub.id)
      }
    }
  }
  return found
}

/** What a reconciliation did. */
export interface ReconcileResult {
  adopted: number
  released: number
}

/** Item ids by key of `rows`, for their keys only: on the items board (orders) or under their parents (lines). */
export async function findByKey(
  deps: { client: MondayClient; boardId: string; itemsKeyColumn: string; subitemsKeyColumn: string },
  table: SyncTable,
  rows: readonly (SyncRow | LineRow)[]
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map()
  if (table === 'orders') {
    return await findItems(
      deps.client,
      deps.boardId,
      deps.itemsKeyColumn,
      rows.map(r => r.key)
    )
  }
  const wanted = new Set(rows.map(r => r.key))
  const under = await findSubitems(
    deps.client,
    rows.map(r => (r as LineRow).parentItemId),
    deps.subitemsKeyColumn
  )
  // only the rows' own keys: a parent's other subitems do not count as found
  return new Map([...under].filter(([key]) => wanted.has(key)))
}

/**
 * Settles rows this run holds whose outcome is unknown, in one transaction. A row that had an item
 * (an update) goes back to pending with its id: writing its values again is harmless, and a
 * recreate that may have happened is found by key before creating. A create is looked up by key:
 * adopted when its item exists, else released.
 */
export async function reconcileRows(
  deps: {
    client: MondayClient
    store: SyncStore
    boardId: string
    itemsKeyColumn: string
    subitemsKeyColumn: string
    stamp(): ClaimStamp
  },
  table: SyncTable,
  rows: readonly (SyncRow | LineRow)[]
): Promise<ReconcileResult> {
  if (rows.length === 0) return { adopted: 0, released: 0 }
  const creates = rows.filter(r => r.itemId === null)
  const found = await findByKey(deps, table, creates)
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  for (const row of rows) {
    const id = row.itemId === null ? found.get(row.key) : undefined
    if (id) outcome.synced.push({ rawKey: row.rawKey, itemId: id })
    else outcome.released.push(row.rawKey)
  }
  await deps.store.record(table, outcome, deps.stamp())
  return { adopted: outcome.synced.length, released: outcome.released.length }
}
