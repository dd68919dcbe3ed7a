/**
 * Items deleted on monday while their rows kept the id. By default (`mapping.deleted_items =
 * "recreate"`) the key is looked up first (an earlier run may have created it again already, or
 * its answer was lost): a found item is updated instead; otherwise the item is created again with
 * an idempotency key stable across runs. With `"fail"` the row fails with the reason.
 */
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import { aliasErrors, FailureTally, type SenderContext } from './context.js'
import { createItemsDocument, createSubitemsDocument } from './documents.js'
import { findByKey } from './reconcile.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, SyncTable } from './store.js'

/**
 * Settles rows whose item is gone into `outcome` (recreated, failed or released); returns the
 * rows to update instead, each with the id of the item found by its key.
 */
export async function recreateItems(
  ctx: SenderContext,
  table: SyncTable,
  missing: readonly ReadyRow[],
  outcome: BatchOutcome
): Promise<ReadyRow[]> {
  const what = table === 'orders' ? 'item' : 'subitem'
  if (ctx.deletedItems === 'fail') {
    for (const r of missing) {
      outcome.failed.push({
        rawKey: r.row.rawKey,
        reason:
          `${what} ${r.row.itemId ?? ''} no longer exists on monday (deleted); ` +
          `set mapping.deleted_items = "recreate" to create it again, or clear the row's item id`
      })
    }
    const tally = new FailureTally()
    for (const r of missing) tally.add('not_found', `${what}s no longer exist on monday (deleted)`, r.row.key)
    tally.note(ctx, 'change_multiple_column_values', 1)
    return []
  }
  let found: Map<string, string>
  try {
    found = await findByKey(
      ctx,
      table,
      missing.map(r => r.row)
    )
  } catch (e) {
    ctx.log('warning', `${missing.length} deleted ${what}(s) not looked up; sent again next run: ${messageOf(e)}`)
    for (const r of missing) outcome.released.push(r.row.rawKey)
    return []
  }
  const adopt: ReadyRow[] = []
  const create: ReadyRow[] = []
  for (const r of missing) {
    const id = found.get(r.row.key)
    if (id === undefined) create.push(r)
    else if (id !== r.row.itemId) adopt.push({ ...r, row: { ...r.row, itemId: id, adopted: true } })
    else
      outcome.failed.push({
        rawKey: r.row.rawKey,
        reason: `${what} ${id} is listed on the board but cannot be changed`
      })
  }
  // an order whose item is gone lost its subitems with it: its lines are created again (or
  // adopted by key) under the item found or created now, even if an earlier run was cut short here
  if (table === 'orders' && adopt.length > 0) await ctx.store.resetLines(adopt.map(r => r.row.rawKey))
  if (create.length > 0) await createAgain(ctx, table, create, outcome)
  return adopt
}

async function createAgain(
  ctx: SenderContext,
  table: SyncTable,
  rows: readonly ReadyRow[],
  outcome: BatchOutcome
): Promise<void> {
  const creates = rows.map(r => r.create)
  const { document, variables } =
    table === 'orders' ? createItemsDocument(ctx.boardId, creates) : createSubitemsDocument(creates)
  const kind = table === 'orders' ? 'create_item' : 'create_subitem'
  const parts = rows.flatMap(r => [r.row.key, r.row.itemId ?? ''])
  let response
  try {
    response = await ctx.client.send<Record<string, { id: string } | null>>(document, variables, {
      kind,
      items: rows.length,
      // stable across runs: a lost answer is replayed instead of creating a third item [IDEM]
      idempotencyKey: idempotencyKey(ctx.boardId, 'recreate', kind, ...parts),
      // a cut create has no replay: the rows go back to pending and the next run looks them up first
      cutIsUnknown: true
    })
  } catch (e) {
    ctx.log('warning', `${rows.length} deleted item(s) not created again yet; looked up next run: ${messageOf(e)}`)
    for (const r of rows) outcome.released.push(r.row.rawKey)
    return
  }
  const prefix = table === 'orders' ? 'i' : 's'
  const failedBy = new FailureTally()
  const byAlias = aliasErrors(response.errors)
  rows.forEach((r, i) => {
    const id = response.data?.[`${prefix}${i}`]?.id
    if (id) {
      outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(id) })
      ctx.stats[table].recreated += 1
      ctx.log(
        'info',
        `${table === 'orders' ? 'order' : 'line'} ${r.row.key}: item ${r.row.itemId ?? ''} was deleted on monday; created again as ${String(id)}`
      )
      return
    }
    const error = byAlias.get(`${prefix}${i}`)
    const message = error?.message ?? 'no answer for the create'
    outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${kind} (item deleted, created again): ${message}` })
    failedBy.add(error?.classified?.errorClass ?? 'unknown', message, r.row.key)
  })
  failedBy.note(ctx, kind, 1)
  // the subitems of a deleted item are gone with it: its lines are created again under the new one
  const recreated = rows.filter((_, i) => response.data?.[`${prefix}${i}`]?.id)
  if (table === 'orders' && recreated.length > 0) await ctx.store.resetLines(recreated.map(r => r.row.rawKey))
}
