import { backoffFor } from '../../engine/backoff.js'
import { type Clock, type Random, systemClock } from '../../engine/clock.js'

/**
 * SQL Server errors that say "nothing was done, run it again": Microsoft's transient error list
 * of SqlClient's retry logic (SqlConfigurableRetryFactory), the server-side numbers of it.
 */
export const TRANSIENT_ERRORS: ReadonlyMap<number, string> = new Map([
  [1204, 'no lock resource'],
  [1205, 'deadlock victim'],
  [1222, 'lock request timeout'],
  [4060, 'database cannot be opened'],
  [4221, 'read-secondary login timed out'],
  [10053, 'connection aborted'],
  [10054, 'connection reset'],
  [10060, 'connection timed out'],
  [10928, 'Azure resource limit reached'],
  [10929, 'Azure server too busy'],
  [40143, 'Azure service error'],
  [40197, 'Azure service error (reconfiguration)'],
  [40501, 'Azure service busy'],
  [40540, 'Azure service error'],
  [40613, 'Azure database unavailable'],
  [49918, 'Azure: not enough resources'],
  [49919, 'Azure: too many create or update operations'],
  [49920, 'Azure: too many operations']
])

/** Why an error is worth another try, or null. */
export interface TransientError {
  /** `deadlock` (1205, 1204, 1222), `server` (Azure and connection numbers), `pool` (no free connection). */
  kind: 'deadlock' | 'server' | 'pool'
  /** The SQL Server error number, 0 for the pool. */
  number: number
  reason: string
}

/** Walks `error` and its causes for an mssql/tedious error that a retry may cure. */
export function transientError(error: unknown): TransientError | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const record = e as {
      number?: unknown
      name?: unknown
      message?: unknown
      cause?: unknown
      originalError?: unknown
    }
    const number = Number(record.number)
    const reason = TRANSIENT_ERRORS.get(number)
    if (reason)
      return { kind: number === 1205 || number === 1204 || number === 1222 ? 'deadlock' : 'server', number, reason }
    // tarn's TimeoutError, as mssql rethrows it: every pooled connection stayed busy
    if (record.name === 'TimeoutError' && /acquire a connection/.test(String(record.message))) {
      return { kind: 'pool', number: 0, reason: 'no free connection in the pool' }
    }
    e = record.originalError ?? record.cause
  }
  return null
}

/** One retry, as reported to `onRetry`. */
export interface SqlRetryEvent {
  attempt: number
  error: TransientError
  delayMs: number
}

/** How statements and transactions are retried. */
export interface SqlRetryOptions {
  /** Tries in all, the first included; default 5. */
  attempts?: number
  clock?: Clock
  random?: Random
  /** Told before each wait (the pipeline logs it). */
  onRetry?: (event: SqlRetryEvent) => void
}

/**
 * Runs `work` (one statement, or one whole transaction) again while it fails with a transient
 * error, waiting the engine's backoff between tries: the `locked` class for deadlocks, `server`
 * for Azure's numbers, `concurrency` for a full pool. Any other error, or the last try's, is thrown.
 */
export async function retrySql<T>(work: () => Promise<T>, options: SqlRetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5)
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const backoffs = new Map<TransientError['kind'], ReturnType<typeof backoffFor>>()
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (e) {
      const error = transientError(e)
      if (!error || attempt >= attempts) throw e
      const backoff =
        backoffs.get(error.kind) ??
        backoffFor(error.kind === 'deadlock' ? 'locked' : error.kind === 'pool' ? 'concurrency' : 'server', random)
      backoffs.set(error.kind, backoff.next(undefined))
      options.onRetry?.({ attempt, error, delayMs: backoff.duration })
      await clock.sleep(backoff.duration)
    }
  }
}
