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

/**
 * A full read's p90 stays inside a fifth of monday's 60 s timeout (monday ms). A read's time has a
 * long tail (API-FACTS.md "Time": one id from 180 to 640 ms, p90 1.6 times the median), and a cut
 * read costs 60 s, a retry and a back-off: at twice monday's latency, with a p90 near 20 s, a read
 * was cut in 2 of 4 loads of 100,000 items (one of 85 ids). Smaller reads cost only requests: a read's
 * points are per item, and the requests in flight that reach the budget barely change.
 */
export const TARGET_READ_MS = 12_000

export interface AdaptiveTuningOptions {
  /** Largest batch size (ids per items request); at most 100 [ITEMS]. */
  batchSize: number
  /** Most batch requests in flight (the user's ceiling; the engine's level decides below it). */
  concurrency: number
  /** Requests in flight until the engine reports its level; default min(8, concurrency). */
  initialConcurrency?: number
  /** Smallest batch size it shrinks to; default 10. */
  minBatchSize?: number
  /** Successes in a row before the batch grows again; default 20. */
  growAfter?: number
  /** p90 server time of one item of a full read, monday ms, when the engine has measured it. */
  serverTimeMs?: () => number | undefined
}

/**
 * load-board's batch size and batch requests in flight, fed by the engine's events.
 *
 * In flight follows the engine's own level (its control loop: the binding limit's rate × the
 * request time, Little's law, with its back-off on `MAX_CONCURRENCY_EXCEEDED` and timeouts; see
 * docs/engine.md), capped by the configured ceiling. More batches than the engine admits would
 * only queue in front of the id walk's next page.
 *
 * The batch size is half the configured one until the engine has measured reads, then keeps a
 * read's p90 inside TARGET_READ_MS at the measured time per item (a wide board's page that nears
 * the timeout shrinks), halves after a timeout or a query that cost too much, and grows back by 10
 * after a run of successes, never above the configured size.
 */
export class AdaptiveTuning {
  private batch: number
  private engineLevel: number
  private streak = 0
  /** Batch size and in-flight level over time (ms since `start`), for the report. */
  readonly history: { atMs: number; kind: string; size: number }[] = []

  constructor(
    private readonly options: AdaptiveTuningOptions,
    private readonly now: () => number = Date.now,
    private readonly start = now()
  ) {
    this.batch = Math.min(100, Math.max(1, options.batchSize))
    this.engineLevel = Math.max(1, options.initialConcurrency ?? Math.min(8, options.concurrency))
  }

  batchSize(): number {
    const perItem = this.options.serverTimeMs?.()
    // until the engine has measured a read, half the size: the first reads go out together before
    // any answer, and a wide board's full page at twice monday's latency takes ~19 s (p90 ~30 s)
    if (this.options.serverTimeMs && perItem === undefined) return Math.max(1, Math.ceil(this.batch / 2))
    const timeCap = perItem && perItem > 0 ? Math.max(1, Math.floor(TARGET_READ_MS / perItem)) : Infinity
    return Math.max(1, Math.min(this.batch, timeCap))
  }

  concurrency(): number {
    return Math.max(1, Math.min(this.options.concurrency, this.engineLevel))
  }

  /** Takes in one engine event: a request's outcome or the engine's new in-flight level. */
  observe(event: EngineEvent): void {
    if (event.type === 'concurrency') {
      const before = this.concurrency()
      this.engineLevel = Math.max(1, event.limit)
      if (this.concurrency() !== before) this.note('concurrency', this.concurrency())
      return
    }
    const outcome = outcomeOfEvent(event)
    if (outcome) this.record(outcome)
  }

  record(outcome: RequestOutcome): void {
    if (outcome === 'other') return
    if (outcome === 'ok') {
      if (++this.streak < (this.options.growAfter ?? 20)) return
      this.streak = 0
      this.setBatch(Math.min(100, this.options.batchSize, this.batch + 10))
      return
    }
    this.streak = 0
    if (outcome === 'complexity' || outcome === 'timeout')
      this.setBatch(Math.min(this.batch, Math.max(this.options.minBatchSize ?? 10, Math.floor(this.batch / 2))))
  }

  private setBatch(batch: number): void {
    if (batch === this.batch) return
    this.batch = batch
    this.note('items', batch)
  }

  private note(kind: string, size: number): void {
    this.history.push({ atMs: this.now() - this.start, kind, size })
  }
}
