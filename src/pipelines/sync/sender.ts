import { isMondayApiError } from '../../adapters/monday/types.js'
import type { ErrorClass } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import {
  ALIAS_ATTEMPTS,
  aliasErrors,
  FATAL,
  FailureTally,
  isTransient,
  type SenderContext,
  stillHeld
} from './context.js'
import { createItemsDocument, createSubitemsDocument } from './documents.js'
import { reconcileRows } from './reconcile.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, SyncTable } from './store.js'
import { sendUpdates } from './updater.js'

const KIND: Record<SyncTable, string> = { orders: 'create_item', lines: 'create_subitem' }
const ALIAS: Record<SyncTable, string> = { orders: 'i', lines: 's' }

/**
 * Claims a batch, sends its creates and its updates as aliased mutations and records each
 * outcome in one transaction.
 */
export async function sendBatch(ctx: SenderContext, table: SyncTable, batch: readonly ReadyRow[]): Promise<void> {
  const claimed = await ctx.store.claim(
    table,
    batch.map(r => r.row.rawKey),
    ctx.stamp()
  )
  const mine = batch.filter(r => claimed.has(r.row.key))
  const creates = mine.filter(r => r.row.itemId === null)
  const updates = mine.filter(r => r.row.itemId !== null)
  if (creates.length > 0) await sendClaimed(ctx, table, creates, 1)
  if (updates.length > 0) await sendUpdates(ctx, table, updates, 1)
}

function documentFor(ctx: SenderContext, table: SyncTable, batch: readonly ReadyRow[]) {
  const creates = batch.map(r => r.create)
  return table === 'orders' ? createItemsDocument(ctx.boardId, creates) : createSubitemsDocument(creates)
}

async function sendClaimed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  attempt: number,
  renew = false
): Promise<void> {
  if (renew) batch = await stillHeld(ctx, table, batch)
  if (batch.length === 0) return
  const { document, variables } = documentFor(ctx, table, batch)
  const kind = KIND[table]
  const keys = batch.map(r => r.row.key)
  let response
  try {
    response = await ctx.client.send<Record<string, { id: string } | null>>(document, variables, {
      kind,
      items: batch.length,
      idempotencyKey: idempotencyKey(ctx.boardId, kind, ...keys, attempt > 1 ? `a${attempt}` : '')
    })
  } catch (e) {
    await requestFailed(ctx, table, batch, e, attempt)
    return
  }
  const byAlias = aliasErrors(response.errors)
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  const retry: ReadyRow[] = []
  const unknown: ReadyRow[] = []
  const failedBy = new FailureTally()
  batch.forEach((r, i) => {
    const alias = `${ALIAS[table]}${i}`
    const id = response.data?.[alias]?.id
    const error = byAlias.get(alias)
    if (id) outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(id) })
    else if (!error) unknown.push(r)
    else if (isTransient(error) && attempt < ALIAS_ATTEMPTS) retry.push(r)
    else {
      outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${kind}: ${error.message}` })
      failedBy.add(error.classified?.errorClass ?? 'validation', error.message, r.row.key)
    }
  })
  await ctx.store.record(table, outcome, ctx.stamp())
  if (table === 'orders') for (const s of outcome.synced) ctx.created.add(s.itemId)
  ctx.stats[table].created += outcome.synced.length
  ctx.stats[table].failed += outcome.failed.length
  failedBy.note(ctx, kind, attempt)
  if (unknown.length > 0) await settleUnknown(ctx, table, unknown, 'no data and no error for the alias')
  if (retry.length > 0) await sendClaimed(ctx, table, retry, attempt + 1, true)
}

/** The request as a whole failed: split a bad batch, fail a bad row, or settle an unknown outcome. */
async function requestFailed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  e: unknown,
  attempt: number
): Promise<void> {
  const kind = KIND[table]
  const action = (e as { action?: string }).action
  const errorClass: ErrorClass = isMondayApiError(e) ? e.errorClass : 'unknown'
  if ((action === 'split' || action === 'shrink') && batch.length > 1) {
    const half = Math.ceil(batch.length / 2)
    await sendClaimed(ctx, table, batch.slice(0, half), attempt, true)
    await sendClaimed(ctx, table, batch.slice(half), attempt, true)
    return
  }
  if ((action === 'split' || errorClass === 'validation') && batch.length === 1) {
    const row = batch[0]!
    await ctx.store.record(
      table,
      { synced: [], failed: [{ rawKey: row.row.rawKey, reason: messageOf(e) }], released: [] },
      ctx.stamp()
    )
    ctx.stats[table].failed += 1
    ctx.failures.push({
      boardId: ctx.boardId,
      operation: kind,
      errorClass,
      message: messageOf(e),
      rowKeys: [row.row.key],
      attempts: attempt
    })
    return
  }
  if (FATAL.includes(errorClass)) ctx.stop.reason ??= messageOf(e)
  ctx.failures.push({
    boardId: ctx.boardId,
    operation: kind,
    errorClass,
    message: messageOf(e),
    rowKeys: batch.map(r => r.row.key),
    attempts: (isMondayApiError(e) ? e.details.attempts : undefined) ?? attempt
  })
  await settleUnknown(ctx, table, batch, messageOf(e))
}

/**
 * Rows whose create may or may not have happened: look them up and adopt or release them now.
 * If even the lookup fails they stay in progress, and the next run reconciles them first.
 */
async function settleUnknown(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  why: string
): Promise<void> {
  if (ctx.stop.reason) {
    ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${why}`)
    return
  }
  try {
    const result = await reconcileRows(
      ctx,
      table,
      batch.map(r => r.row)
    )
    ctx.stats[table].adopted += result.adopted
    ctx.stats[table].released += result.released
  } catch (e) {
    ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${messageOf(e)}`)
  }
}
