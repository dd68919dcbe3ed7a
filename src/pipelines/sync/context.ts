import { isMondayApiError, type MondayClient, type MondayGraphqlError } from '../../adapters/monday/types.js'
import type { Clock } from '../../engine/clock.js'
import type { ErrorClass, FailedBatch } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import type { RunClaim } from './claims.js'
import type { ReadyRow } from './row-source.js'
import type { ClaimStamp, SyncStore, SyncTable } from './store.js'

/** Classes after which no further request can succeed in this run. */
export const FATAL: readonly ErrorClass[] = ['auth', 'not_found', 'daily_limit']
/** The mutation that creates a row's item, per table. */
export const CREATE_KIND: Record<SyncTable, string> = { orders: 'create_item', lines: 'create_subitem' }
/** Sends of a row whose alias failed with a transient error, before it is marked failed. */
export const ALIAS_ATTEMPTS = 3

/** Counts of one table (items or subitems) in one run. */
export interface TableStats {
  created: number
  /** Items whose values were written (rows that had an item, or were adopted by key). */
  updated: number
  /** Updated items moved to their row's group. */
  moved: number
  /** Items of removed rows archived (or found already gone). */
  archived: number
  /** Rows whose item was found by key: left in progress by an earlier run, or pending without an id. */
  adopted: number
  /** Updates whose item was deleted on monday and was created again. */
  recreated: number
  failed: number
  /** Rows sent back to pending (not created, or an outcome to settle next run). */
  released: number
}

export const emptyStats = (): TableStats => ({
  created: 0,
  updated: 0,
  moved: 0,
  archived: 0,
  adopted: 0,
  recreated: 0,
  failed: 0,
  released: 0
})

/** What the senders need; shared by every batch of a run. */
export interface SenderContext {
  client: MondayClient
  store: SyncStore
  clock: Clock
  /** This run's claim: rows it holds carry it; its writes touch only those rows. */
  claim: RunClaim
  /** This run's claim as of now. */
  stamp(): ClaimStamp
  boardId: string
  /** The subitems board (for updates of subitems); null when the board has no subitems column. */
  subitemsBoardId: string | null
  /** An update whose item was deleted: create it again, or fail the row. */
  deletedItems: 'recreate' | 'fail'
  itemsKeyColumn: string
  subitemsKeyColumn: string
  stats: Record<SyncTable, TableStats>
  /** Items this run created: their lines need no lookup by key (they have no subitems yet). */
  created: Set<string>
  failures: FailedBatch[]
  /** Set when the run must stop taking new batches (auth, missing board, daily limit). */
  stop: { reason: string | null }
  log: (level: 'debug' | 'info' | 'warning', message: string) => void
}

/**
 * Rows of `batch` this run still holds, with their claim renewed; a row another run took over
 * (this run outlived its lease) is left to that run.
 */
export async function stillHeld<T extends ReadyRow>(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly T[]
): Promise<T[]> {
  const held = await ctx.store.renew(
    table,
    batch.map(r => r.row.rawKey),
    ctx.stamp()
  )
  if (held.size < batch.length) {
    ctx.log('warning', `${batch.length - held.size} ${table} row(s) were taken over by another run; not sent again`)
  }
  return batch.filter(r => held.has(r.row.key))
}

/** Failed rows of one operation grouped by error class: one failure each in the report. */
export class FailureTally {
  private readonly byClass = new Map<ErrorClass, { message: string; keys: string[] }>()

  add(errorClass: ErrorClass, message: string, key: string): void {
    const entry = this.byClass.get(errorClass) ?? { message, keys: [] }
    entry.keys.push(key)
    this.byClass.set(errorClass, entry)
  }

  /** Adds the tallied failures to `ctx.failures`. */
  note(ctx: SenderContext, operation: string, attempts: number): void {
    for (const [errorClass, entry] of this.byClass) {
      ctx.failures.push({
        boardId: ctx.boardId,
        operation,
        errorClass,
        message: entry.message,
        rowKeys: entry.keys,
        attempts
      })
    }
  }
}

/** The errors of a response by the alias they name (`path[0]`). */
export function aliasErrors(errors: readonly MondayGraphqlError[]): Map<string, MondayGraphqlError> {
  const byAlias = new Map<string, MondayGraphqlError>()
  for (const error of errors) if (error.path?.[0] !== undefined) byAlias.set(String(error.path[0]), error)
  return byAlias
}

/** An alias error worth sending again (monday asked to wait, or failed inside). */
export function isTransient(error: MondayGraphqlError): boolean {
  const action = error.classified?.action
  if (action) return action === 'backoff' || action === 'retry_after'
  return /internal server error|INTERNAL_SERVER_ERROR/i.test(`${error.code ?? ''} ${error.message}`)
}

/** What a request that failed as a whole says to do: split, shrink, fail, …; and its class. */
export function failureOf(e: unknown): { action: string | undefined; errorClass: ErrorClass } {
  return {
    action: (e as { action?: string }).action,
    errorClass: isMondayApiError(e) ? e.errorClass : 'unknown'
  }
}

/** Sends a batch as two halves, one after the other: to shrink it, or to isolate a bad row. */
export async function inHalves<T>(batch: readonly T[], send: (half: readonly T[]) => Promise<void>): Promise<void> {
  const half = Math.ceil(batch.length / 2)
  await send(batch.slice(0, half))
  await send(batch.slice(half))
}

/** Adds a request of `operation` for `rows` that failed as a whole to `ctx.failures`. */
export function noteRequestFailure(
  ctx: SenderContext,
  operation: string,
  e: unknown,
  rows: readonly ReadyRow[],
  attempt: number
): void {
  ctx.failures.push({
    boardId: ctx.boardId,
    operation,
    errorClass: failureOf(e).errorClass,
    message: messageOf(e),
    rowKeys: rows.map(r => r.row.key),
    attempts: (isMondayApiError(e) ? e.details.attempts : undefined) ?? attempt
  })
}
