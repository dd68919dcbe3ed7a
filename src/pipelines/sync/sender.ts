import { isUnknownOutcome } from '../../adapters/monday/types.js'
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import {
  ALIAS_ATTEMPTS,
  aliasErrors,
  CREATE_KIND as KIND,
  FATAL,
  FailureTally,
  failureOf,
  inHalves,
  isTransient,
  noteRequestFailure,
  type SenderContext,
  stillHeld
} from './context.js'
import { settleCut } from './cut.js'
import { createItemsDocument, createSubitemsDocument } from './documents.js'
import { reconcileRows } from './reconcile.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, SyncTable } from './store.js'
import { sendUpdates } from './updater.js'

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

/**
 * Sends creates of rows this run holds (`renew`: check it still does). A request cut before its
 * answer is not retried by the client (`cutIsUnknown`): monday may go on executing it and keeps
 * no idempotency replay for it, so its rows are looked up by sync key before anything is sent
 * again, and only what is missing, with a new key (`settleCut`).
 */
async function sendClaimed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  attempt: number,
  renew = false,
  cuts = 0
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
      // a resend after a cut has a key of its own: the cut request's key has no replay
      idempotencyKey: idempotencyKey(
        ctx.boardId,
        kind,
        ...keys,
        attempt > 1 ? `a${attempt}` : '',
        ...(cuts > 0 ? [`c${cuts}`] : [])
      ),
      cutIsUnknown: true
    })
  } catch (e) {
    await requestFailed(ctx, table, batch, e, attempt, cuts)
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
  // before the write: from then on the order's lines can be read (phases overlap), and they need no lookup
  if (table === 'orders') for (const s of outcome.synced) ctx.created.add(s.itemId)
  await ctx.store.record(table, outcome, ctx.stamp())
  ctx.stats[table].created += outcome.synced.length
  ctx.stats[table].failed += outcome.failed.length
  failedBy.note(ctx, kind, attempt)
  if (unknown.length > 0) await settleUnknown(ctx, table, unknown, 'no data and no error for the alias')
  if (retry.length > 0) await sendClaimed(ctx, table, retry, attempt + 1, true, cuts)
}

/** The request as a whole failed: split a bad batch, fail a bad row, or settle an unknown outcome. */
async function requestFailed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  e: unknown,
  attempt: number,
  cuts: number
): Promise<void> {
  const kind = KIND[table]
  const { action, errorClass } = failureOf(e)
  if (isUnknownOutcome(e)) {
    const missing = await settleCut(ctx, table, batch, messageOf(e), cuts + 1)
    if (missing.length > 0) await sendClaimed(ctx, table, missing, attempt, true, cuts + 1)
    return
  }
  if ((action === 'split' || action === 'shrink') && batch.length > 1) {
    await inHalves(batch, async half => await sendClaimed(ctx, table, half, attempt, true, cuts))
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
    noteRequestFailure(ctx, kind, e, batch, attempt)
    return
  }
  if (FATAL.includes(errorClass)) ctx.stop.reason ??= messageOf(e)
  noteRequestFailure(ctx, kind, e, batch, attempt)
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
