import type { EngineEvent } from '../../engine/events.js'

/** Outcome of one monday request, as the adaptive tuning sees it. */
export type RequestOutcome = 'ok' | 'rate_limit' | 'complexity' | 'concurrency' | 'timeout' | 'other'

/**
 * What an engine event tells the tuning: a successful request is 'ok'; a retry is the outcome of
 * its error class (a failed attempt is always followed by its retry event or the request's error,
 * so failed `request` events are not counted twice); other events say nothing.
 */
export function outcomeOfEvent(event: EngineEvent): RequestOutcome | null {
  if (event.type === 'request') return event.ok && event.kind !== 'probe' ? 'ok' : null
  if (event.type !== 'retry') return null
  const c = event.errorClass
  if (c === 'rate_limit' || c === 'complexity' || c === 'concurrency' || c === 'timeout') return c
  return 'other'
}

export interface AdaptiveTuningOptions {
  /** Starting and largest batch size (ids per items request); at most 100. */
  batchSize: number
  /** Starting and largest number of batch requests in flight. */
  concurrency: number
  /** Smallest batch size it shrinks to; default 10. */
  minBatchSize?: number
  /** Successes in a row before it grows again; default 20. */
  growAfter?: number
}

/**
 * Additive-increase, multiplicative-decrease of load-board's batch size and concurrency: a
 * throttle halves concurrency (and the batch size when the query was too costly or too slow),
 * a run of successes grows them back, never above the configured values. Used when no engine
 * supplies its own tuning (fed from the engine's events by executeLoadBoard).
 */
export class AdaptiveTuning {
  private batch: number
  private inFlight: number
  private streak = 0
  /** Batch size in use over time (ms since `start`), for the report. */
  readonly history: { atMs: number; kind: string; size: number }[] = []

  constructor(
    private readonly options: AdaptiveTuningOptions,
    private readonly now: () => number = Date.now,
    private readonly start = now()
  ) {
    this.batch = Math.min(100, Math.max(1, options.batchSize))
    this.inFlight = Math.max(1, options.concurrency)
  }

  batchSize(): number {
    return this.batch
  }

  concurrency(): number {
    return this.inFlight
  }

  record(outcome: RequestOutcome): void {
    if (outcome === 'other') return
    if (outcome === 'ok') {
      this.streak += 1
      if (this.streak < (this.options.growAfter ?? 20)) return
      this.streak = 0
      this.set(
        Math.min(this.options.concurrency, this.inFlight + 1),
        Math.min(100, this.options.batchSize, this.batch + 10)
      )
      return
    }
    this.streak = 0
    const shrinkBatch = outcome === 'complexity' || outcome === 'timeout'
    const half = Math.max(this.options.minBatchSize ?? 10, Math.floor(this.batch / 2))
    const batch = shrinkBatch ? Math.min(this.batch, half) : this.batch
    this.set(Math.max(1, Math.floor(this.inFlight / 2)), batch)
  }

  private set(concurrency: number, batch: number): void {
    const at = this.now() - this.start
    if (concurrency !== this.inFlight) this.history.push({ atMs: at, kind: 'concurrency', size: concurrency })
    if (batch !== this.batch) this.history.push({ atMs: at, kind: 'items', size: batch })
    this.inFlight = concurrency
    this.batch = batch
  }
}
