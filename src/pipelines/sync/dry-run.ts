/**
 * The dry run: every pending and removed row is read and validated, and monday is only read, to
 * say what a run would write: creates, updates (adopted by key, moved to another group, created
 * again because the item was deleted) and archives, with the plan's cost and time.
 */
import type { MondayClient } from '../../adapters/monday/types.js'
import type { ItemMode } from '../../config/schema.js'
import type { BoardContext } from './board.js'
import { SyncItemGroupsDocument } from '../../graphql/generated.js'
import { present, requestOperation } from '../../graphql/operation.js'
import { planSync, startingBatchSizes, type SyncPlan } from './plan.js'
import { preparePage } from './prepare.js'
import { findByKey } from './reconcile.js'
import type { SyncOptions } from './options.js'
import { chunks } from './sql-text.js'
import type { LineRow, SyncCounts, SyncRow, SyncStore, SyncTable } from './store.js'

/** What a run would do to the items (or subitems), row by row. */
export interface PreviewCounts {
  create: number
  /** Updates of rows with an item id, and of adopted rows. */
  update: number
  /** Rows without an id whose key is already on the board (updated, not created). */
  adopt: number
  /** Updates whose item is in another group than the row's (orders only). */
  move: number
  /** Updates whose item no longer exists: created again (or failed, per mapping.deleted_items). */
  recreate: number
  archive: number
  invalid: number
}

export interface DryRunDeps {
  client: MondayClient
  boardId: string
  itemsKeyColumn: string
  subitemsKeyColumn: string
}

const empty = (): PreviewCounts => ({ create: 0, update: 0, adopt: 0, move: 0, recreate: 0, archive: 0, invalid: 0 })

/** Reads and validates every pending row and looks them up on monday, without writing anything. */
export async function dryRunPlan(
  deps: DryRunDeps,
  store: SyncStore,
  board: BoardContext,
  options: SyncOptions,
  mode: ItemMode,
  counts: SyncCounts
): Promise<SyncPlan & { preview: Record<'items' | 'subitems', PreviewCounts>; invalidRows: number }> {
  const { config } = options
  const groups = new Set<string>()
  const preview = { items: empty(), subitems: empty() }
  for (const table of ['orders', 'lines'] as const) {
    const p = table === 'orders' ? preview.items : preview.subitems
    const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store)
    let after = null
    for (;;) {
      const rows: (SyncRow | LineRow)[] = await read(after, config.batch.pageSize)
      const page = preparePage(config, board, table, rows)
      p.invalid += page.invalid.length
      for (const g of page.groups) if (!board.groups.has(g)) groups.add(g)
      await previewPage(deps, table, page.ready, p)
      if (rows.length < config.batch.pageSize) break
      after = rows[rows.length - 1]!.rawKey
    }
    p.archive = table === 'orders' ? (counts.removedOrders ?? 0) : (counts.removedLines ?? 0)
  }
  const invalidRows = preview.items.invalid + preview.subitems.invalid
  const sizes = startingBatchSizes(mode, config.batch, deps.client)
  return { ...planSync(config, mode, counts, sizes, groups.size), invalidRows, preview }
}

async function previewPage(
  deps: DryRunDeps,
  table: SyncTable,
  ready: readonly { row: SyncRow | LineRow; create: { groupId?: string } }[],
  p: PreviewCounts
): Promise<void> {
  const fresh = ready.filter(r => r.row.itemId === null)
  const found = await findByKey(
    deps,
    table,
    fresh.map(r => r.row)
  )
  p.adopt += fresh.filter(r => found.has(r.row.key)).length
  p.create += fresh.length - fresh.filter(r => found.has(r.row.key)).length
  const updates = ready.filter(r => r.row.itemId !== null)
  p.update += updates.length + fresh.filter(r => found.has(r.row.key)).length
  for (const chunk of chunks(updates, 100)) {
    const answer = await requestOperation(
      deps.client.request,
      SyncItemGroupsDocument,
      { ids: chunk.map(r => r.row.itemId ?? '') },
      { kind: 'items', items: chunk.length }
    )
    const groups = new Map(present(answer.items).map(i => [String(i.id), i.group?.title]))
    for (const r of chunk) {
      if (!groups.has(r.row.itemId ?? '')) p.recreate += 1
      else if (table === 'orders' && r.create.groupId && groups.get(r.row.itemId ?? '') !== r.create.groupId)
        p.move += 1
    }
  }
}
