import type { Clock } from './clock.js'
import type { ErrorClass, KindMetrics, MetricsSnapshot } from './run-types.js'

/** Keys of `MetricsSnapshot.throttledMs`. */
export type ThrottleReason = ErrorClass | 'budget' | 'rate' | 'concurrency'

interface KindState {
  requests: number
  items: number
  points: number
  errors: number
  latencies: number[]
}

const MAX_SAMPLES = 20_000

/** The nearest-rank percentile `p` (0..100) of `values`; 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? 0
}

/** Collects what the engine measures; `snapshot()` gives the run's `MetricsSnapshot`. Times in clock milliseconds. */
export class MetricsRecorder {
  private readonly start: number
  private readonly kinds = new Map<string, KindState>()
  private readonly retries: Partial<Record<ErrorClass, number>> = {}
  private readonly throttled: Partial<Record<ThrottleReason, number>> = {}
  private readonly sizes: MetricsSnapshot['batchSizes'] = []
  private readonly throughput = new Map<number, number>()
  private complexityUsed = 0

  constructor(
    private readonly clock: Clock,
    /** The per-minute complexity budget in use (points). */
    public budgetPerMinute: number,
    /** Width of a throughput interval in clock milliseconds; default 1 000. */
    private readonly intervalMs = 1_000,
    /** Clock milliseconds in one of monday's minutes (60 000 / the time scale). */
    private readonly minuteMs = 60_000
  ) {
    this.start = clock.now()
  }

  /** One finished attempt of a request. */
  request(kind: string, outcome: { ok: boolean; items: number; points?: number; latencyMs: number }): void {
    const state = this.kindState(kind)
    state.requests += 1
    if (outcome.ok) {
      state.items += outcome.items
      const at = Math.floor((this.clock.now() - this.start) / this.intervalMs) * this.intervalMs
      this.throughput.set(at, (this.throughput.get(at) ?? 0) + outcome.items)
    } else state.errors += 1
    state.points += outcome.points ?? 0
    this.complexityUsed += outcome.points ?? 0
    if (state.latencies.length >= MAX_SAMPLES) state.latencies.shift()
    state.latencies.push(outcome.latencyMs)
  }

  retry(errorClass: ErrorClass): void {
    this.retries[errorClass] = (this.retries[errorClass] ?? 0) + 1
  }

  throttle(reason: ThrottleReason, ms: number): void {
    if (ms > 0) this.throttled[reason] = (this.throttled[reason] ?? 0) + ms
  }

  batchSize(kind: string, size: number): void {
    this.sizes.push({ atMs: this.clock.now() - this.start, kind, size })
  }

  snapshot(): MetricsSnapshot {
    const byKind: Record<string, KindMetrics> = {}
    let requests = 0
    let items = 0
    for (const [kind, s] of this.kinds) {
      requests += s.requests
      items += s.items
      byKind[kind] = {
        requests: s.requests,
        items: s.items,
        points: s.points,
        errors: s.errors,
        p50Ms: percentile(s.latencies, 50),
        p95Ms: percentile(s.latencies, 95),
        p99Ms: percentile(s.latencies, 99)
      }
    }
    return {
      requests,
      items,
      complexityUsed: this.complexityUsed,
      budgetPerMinute: this.budgetPerMinute,
      minuteMs: this.minuteMs,
      byKind,
      retries: { ...this.retries },
      throttledMs: { ...this.throttled },
      batchSizes: [...this.sizes],
      throughput: [...this.throughput].sort((a, b) => a[0] - b[0]).map(([atMs, n]) => ({ atMs, items: n }))
    }
  }

  private kindState(kind: string): KindState {
    let state = this.kinds.get(kind)
    if (!state) {
      state = { requests: 0, items: 0, points: 0, errors: 0, latencies: [] }
      this.kinds.set(kind, state)
    }
    return state
  }
}
