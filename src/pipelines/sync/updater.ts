/**
 * Updates: rows that already have an item (or were adopted by key) write their name and mapped
 * columns to it with aliased `change_multiple_column_values`, on the items board or the subitems
 * board. An item answered in another group than its row's is moved; an item that no longer exists
 * is created again (or the row fails, per `mapping.deleted_items`). Updates are idempotent, so an
 * update whose outcome is unknown simply goes back to pending; a recreate looks the key up first.
 */
import { isMondayApiError, type MondayGraphqlError } from '../../adapters/monday/types.js'
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import { moveItemsDocument, updateItemsDocument } from './documents.js'
import { recreateItems } from './recreate.js'
import type { ReadyRow } from './row-source.js'
import {
  ALIAS_ATTEMPTS,
  aliasErrors,
  FATAL,
  FailureTally,
  failureOf,
  inHalves,
  isTransient,
  noteRequestFailure,
  type SenderContext,
  stillHeld
} from './context.js'
import type { BatchOutcome, SyncTable } from './store.js'

export const UPDATE_KIND = 'change_multiple_column_values'

interface UpdateAnswer {
  id: string
  group?: { id: string } | null
}

/** An alias error or a request error that says the item does not exist (deleted on monday). */
export function isItemMissing(error: MondayGraphqlError | unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errorClass?: unknown; classified?: { errorClass?: string } }
  const code = typeof e.code === 'string' ? e.code : isMondayApiError(error) ? error.details.code : undefined
  if (code && /^InvalidItemIdException$/i.test(code)) return true
  const errorClass = e.classified?.errorClass ?? (isMondayApiError(error) ? error.errorClass : undefined)
  return errorClass === 'not_found' && /item/i.test(String(e.message ?? '')) && !/board/i.test(String(e.message))
}

/** Sends the updates of rows this run holds; records their outcome in one transaction. */
export async function sendUpdates(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  attempt: number,
  renew = false
): Promise<void> {
  if (renew) batch = await stillHeld(ctx, table, batch)
  if (batch.length === 0) return
  const boardId = table === 'orders' ? ctx.boardId : ctx.subitemsBoardId
  if (!boardId) throw new Error('sync: the items board has no subitems column, but lines have subitem ids')
  const { document, variables } = updateItemsDocument(
    boardId,
    batch.map(r => ({
      itemId: r.row.itemId ?? '',
      name: r.create.name,
      columnValues: r.create.columnValues,
      createLabels: r.create.createLabels
    }))
  )
  let response
  try {
    // Not `cutIsUnknown`: change_multiple_column_values writes the same values however often it
    // runs, so a cut update (for which monday keeps no replay) is simply sent again by the client.
    response = await ctx.client.send<Record<string, UpdateAnswer | null>>(document, variables, {
      kind: UPDATE_KIND,
      items: batch.length,
      idempotencyKey: idempotencyKey(
        ctx.boardId,
        UPDATE_KIND,
        ctx.claim.runId,
        `a${attempt}`,
        ...batch.map(r => r.row.key)
      )
    })
  } catch (e) {
    await updateFailed(ctx, table, batch, e, attempt)
    return
  }
  const byAlias = aliasErrors(response.errors)
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  const moves: { row: ReadyRow; itemId: string }[] = []
  const missing: ReadyRow[] = []
  const retry: ReadyRow[] = []
  const failedBy = new FailureTally()
  let written = 0
  batch.forEach((r, i) => {
    const answer = response.data?.[`u${i}`]
    const error = byAlias.get(`u${i}`)
    if (answer?.id) {
      written += 1
      if (r.row.adopted) ctx.stats[table].adopted += 1
      const group = r.create.groupId
      if (table === 'orders' && group && answer.group?.id !== group) moves.push({ row: r, itemId: String(answer.id) })
      else outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(answer.id) })
    } else if (error && isItemMissing(error)) missing.push(r)
    else if (!error || (isTransient(error) && attempt < ALIAS_ATTEMPTS)) {
      if (attempt < ALIAS_ATTEMPTS) retry.push(r)
      else outcome.released.push(r.row.rawKey)
    } else {
      outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${UPDATE_KIND}: ${error.message}` })
      failedBy.add(error.classified?.errorClass ?? 'validation', error.message, r.row.key)
    }
  })
  ctx.stats[table].updated += written
  if (moves.length > 0) await moveItems(ctx, moves, outcome)
  const adoptInstead = missing.length > 0 ? await recreateItems(ctx, table, missing, outcome) : []
  await ctx.store.record(table, outcome, ctx.stamp())
  ctx.stats[table].failed += outcome.failed.length
  ctx.stats[table].released += outcome.released.length
  failedBy.note(ctx, UPDATE_KIND, attempt)
  if (retry.length > 0) await sendUpdates(ctx, table, retry, attempt + 1, true)
  if (adoptInstead.length > 0) await sendUpdates(ctx, table, adoptInstead, attempt + 1, true)
}

/** Moves updated items to their row's group; a move that fails fails its row with the reason. */
async function moveItems(
  ctx: SenderContext,
  moves: readonly { row: ReadyRow; itemId: string }[],
  outcome: BatchOutcome
): Promise<void> {
  const { document, variables } = moveItemsDocument(
    moves.map(m => ({ itemId: m.itemId, groupId: m.row.create.groupId ?? '' }))
  )
  const keys = moves.map(m => m.row.row.key)
  let response
  try {
    response = await ctx.client.send<Record<string, { id: string } | null>>(document, variables, {
      kind: 'move_item_to_group',
      items: moves.length,
      idempotencyKey: idempotencyKey(ctx.boardId, 'move_item_to_group', ctx.claim.runId, ...keys)
    })
  } catch (e) {
    // values are written; the move is sent again with the next update of these rows
    ctx.log(
      'warning',
      `${moves.length} item(s) could not be moved to their group; sent again next run: ${messageOf(e)}`
    )
    for (const m of moves) outcome.released.push(m.row.row.rawKey)
    return
  }
  const failedBy = new FailureTally()
  const byAlias = aliasErrors(response.errors)
  moves.forEach((m, i) => {
    if (response.data?.[`m${i}`]?.id) {
      outcome.synced.push({ rawKey: m.row.row.rawKey, itemId: m.itemId })
      ctx.stats.orders.moved += 1
      return
    }
    const error = byAlias.get(`m${i}`)
    const message = error?.message ?? 'no answer for the move'
    outcome.failed.push({ rawKey: m.row.row.rawKey, reason: `monday move_item_to_group: ${message}` })
    failedBy.add(error?.classified?.errorClass ?? 'unknown', message, m.row.row.key)
  })
  failedBy.note(ctx, 'move_item_to_group', 1)
}

/** The update request as a whole failed: split, fail one row, stop the run, or send again later. */
async function updateFailed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  e: unknown,
  attempt: number
): Promise<void> {
  const { action, errorClass } = failureOf(e)
  const splittable = action === 'split' || action === 'shrink' || isItemMissing(e)
  if (splittable && batch.length > 1) {
    await inHalves(batch, async half => await sendUpdates(ctx, table, half, attempt, true))
    return
  }
  if (isItemMissing(e) && batch.length === 1) {
    const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
    const adoptInstead = await recreateItems(ctx, table, batch, outcome)
    await ctx.store.record(table, outcome, ctx.stamp())
    ctx.stats[table].failed += outcome.failed.length
    if (adoptInstead.length > 0) await sendUpdates(ctx, table, adoptInstead, attempt + 1, true)
    return
  }
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  if ((action === 'split' || errorClass === 'validation') && batch.length === 1) {
    outcome.failed.push({ rawKey: batch[0]!.row.rawKey, reason: messageOf(e) })
    ctx.stats[table].failed += 1
  } else {
    if (FATAL.includes(errorClass)) ctx.stop.reason ??= messageOf(e)
    for (const r of batch) outcome.released.push(r.row.rawKey)
    ctx.stats[table].released += batch.length
  }
  noteRequestFailure(ctx, UPDATE_KIND, e, batch, attempt)
  await ctx.store.record(table, outcome, ctx.stamp())
}
