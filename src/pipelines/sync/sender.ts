import { isMondayApiError, type MondayClient, type MondayGraphqlError } from '../../adapters/monday/types.js'
import type { ErrorClass, FailedBatch } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import { createItemsDocument, createSubitemsDocument } from './documents.js'
import { reconcileRows } from './reconcile.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, SyncStore, SyncTable } from './store.js'

/** Classes after which no further request can succeed in this run. */
const FATAL: readonly ErrorClass[] = ['auth', 'not_found', 'daily_limit']
/** Sends of a row whose alias failed with a transient error, before it is marked failed. */
const ALIAS_ATTEMPTS = 3

/** Counts of one table in one run. */
export interface TableStats {
  created: number
  adopted: number
  failed: number
  released: number
}

/** What the sender needs; shared by every batch of a run. */
export interface SenderContext {
  client: MondayClient
  store: SyncStore
  boardId: string
  itemsKeyColumn: string
  subitemsKeyColumn: string
  stats: Record<SyncTable, TableStats>
  failures: FailedBatch[]
  /** Set when the run must stop taking new batches (auth, missing board, daily limit). */
  stop: { reason: string | null }
  log: (level: 'debug' | 'info' | 'warning', message: string) => void
}

const KIND: Record<SyncTable, string> = { orders: 'create_item', lines: 'create_subitem' }
const ALIAS: Record<SyncTable, string> = { orders: 'i', lines: 's' }

/** Claims a batch, sends it as aliased mutations and records the outcome in one transaction. */
export async function sendBatch(ctx: SenderContext, table: SyncTable, batch: readonly ReadyRow[]): Promise<void> {
  const claimed = await ctx.store.claim(
    table,
    batch.map(r => r.row.rawKey)
  )
  const mine = batch.filter(r => claimed.has(r.row.key))
  if (mine.length > 0) await sendClaimed(ctx, table, mine, 1)
}

function documentFor(ctx: SenderContext, table: SyncTable, batch: readonly ReadyRow[]) {
  const creates = batch.map(r => r.create)
  return table === 'orders' ? createItemsDocument(ctx.boardId, creates) : createSubitemsDocument(creates)
}

async function sendClaimed(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  attempt: number
): Promise<void> {
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
  const byAlias = new Map<string, MondayGraphqlError>()
  for (const error of response.errors) if (error.path?.[0] !== undefined) byAlias.set(String(error.path[0]), error)
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  const retry: ReadyRow[] = []
  const unknown: ReadyRow[] = []
  const failedBy = new Map<ErrorClass, { message: string; keys: string[] }>()
  batch.forEach((r, i) => {
    const alias = `${ALIAS[table]}${i}`
    const id = response.data?.[alias]?.id
    const error = byAlias.get(alias)
    if (id) outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(id) })
    else if (!error) unknown.push(r)
    else if (isTransient(error) && attempt < ALIAS_ATTEMPTS) retry.push(r)
    else {
      outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${kind}: ${error.message}` })
      const errorClass = error.classified?.errorClass ?? 'validation'
      const entry = failedBy.get(errorClass) ?? { message: error.message, keys: [] }
      entry.keys.push(r.row.key)
      failedBy.set(errorClass, entry)
    }
  })
  await ctx.store.record(table, outcome)
  ctx.stats[table].created += outcome.synced.length
  ctx.stats[table].failed += outcome.failed.length
  for (const [errorClass, entry] of failedBy) {
    ctx.failures.push({
      boardId: ctx.boardId,
      operation: kind,
      errorClass,
      message: entry.message,
      rowKeys: entry.keys,
      attempts: attempt
    })
  }
  if (unknown.length > 0) await settleUnknown(ctx, table, unknown, 'no data and no error for the alias')
  if (retry.length > 0) await sendClaimed(ctx, table, retry, attempt + 1)
}

function isTransient(error: MondayGraphqlError): boolean {
  const action = error.classified?.action
  if (action) return action === 'backoff' || action === 'retry_after'
  return /internal server error|INTERNAL_SERVER_ERROR/i.test(`${error.code ?? ''} ${error.message}`)
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
    await sendClaimed(ctx, table, batch.slice(0, half), attempt)
    await sendClaimed(ctx, table, batch.slice(half), attempt)
    return
  }
  if ((action === 'split' || errorClass === 'validation') && batch.length === 1) {
    const row = batch[0]!
    await ctx.store.record(table, {
      synced: [],
      failed: [{ rawKey: row.row.rawKey, reason: messageOf(e) }],
      released: []
    })
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
