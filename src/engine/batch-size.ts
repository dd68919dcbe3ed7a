import type { EngineEventHandler } from './events.js'
import type { ErrorClass } from './run-types.js'

export interface BatchSizerOptions {
  /** Largest points one request should cost (e.g. a share of the per-query cap and the budget). */
  maxPointsPerRequest: () => number
  /** Points per item learnt for a kind, if known. */
  perItem: (kind: string) => number | undefined
  /**
   * Most operations one request of a kind should carry so that it stays well inside monday's 60 s
   * timeout (serial execution: n operations take n times one), if known. The configured `min` wins over it.
   */
  timeCap?: (kind: string) => number | undefined
  /**
   * Most operations one request of a kind may carry whatever the configured `min`, if known: at 2×
   * monday's latency the example's minimum of 5 `create_subitem` takes 35 to 44 s, one slow step
   * from the 60 s cut.
   */
  hardCap?: (kind: string) => number | undefined
  /** Latency above which a batch counts as too slow, clock milliseconds; default 15 000. */
  slowMs?: number
  /** Successes in a row before the size grows; default 3. */
  growAfter?: number
  onEvent?: EngineEventHandler
  /** Told every size change (metrics). */
  onSize?: (kind: string, size: number) => void
}

interface SizeState {
  size: number
  streak: number
  step: number
  min: number
  max: number
  /** The size last handed out (and reported to metrics). */
  reported?: number
}

/** Errors that mean "the batch was too large" by themselves (a budget refusal does not). */
const SHRINK: readonly ErrorClass[] = ['timeout']

/**
 * Additive increase, multiplicative decrease of the items per request, per kind: a run of fast
 * successes grows it by a twentieth of the range, a timeout, a complexity error or a slow response
 * halves it. The size never exceeds what the learnt cost per item allows in one request, nor what
 * the learnt server time per operation allows inside a third of the timeout (`timeCap`).
 */
export class BatchSizer {
  private readonly state = new Map<string, SizeState>()

  constructor(private readonly options: BatchSizerOptions) {}

  suggest(kind: string, bounds: { min: number; max: number }): number {
    const min = Math.max(1, Math.floor(bounds.min))
    const max = Math.max(min, Math.floor(bounds.max))
    const state = this.stateOf(kind, min, max)
    const perItem = this.options.perItem(kind)
    const costCap = perItem ? Math.floor(this.options.maxPointsPerRequest() / perItem) : max
    const timeCap = this.options.timeCap?.(kind)
    const hardCap = this.options.hardCap?.(kind) ?? Infinity
    const size = Math.max(1, Math.min(hardCap, Math.max(min, Math.min(max, state.size, costCap, timeCap ?? Infinity))))
    if (size !== state.reported) {
      state.reported = size
      this.options.onSize?.(kind, size)
    }
    return size
  }

  /** Takes in one attempt's outcome for a request of `kind` carrying `items`. */
  observe(
    kind: string,
    outcome: { ok: boolean; items: number; latencyMs: number; errorClass?: ErrorClass; shrink?: boolean }
  ): void {
    const state = this.state.get(kind)
    if (!state) return
    const tooBig = outcome.shrink || (outcome.errorClass !== undefined && SHRINK.includes(outcome.errorClass))
    if (tooBig || (outcome.ok && outcome.latencyMs > (this.options.slowMs ?? 15_000))) {
      state.streak = 0
      this.set(
        kind,
        state,
        Math.max(state.min, Math.min(state.size, Math.floor(Math.max(1, outcome.items) / 2))),
        'decrease'
      )
      return
    }
    if (!outcome.ok) return
    // Only a full batch shows the size works; small tail batches say nothing about larger ones.
    if (outcome.items < state.size) return
    state.streak += 1
    if (state.streak < (this.options.growAfter ?? 3)) return
    state.streak = 0
    this.set(kind, state, Math.min(state.max, state.size + state.step), 'increase')
  }

  private stateOf(kind: string, min: number, max: number): SizeState {
    const step = Math.max(1, Math.ceil((max - min) / 20))
    let state = this.state.get(kind)
    if (!state) {
      state = { size: Math.max(min, Math.ceil(max / 2)), streak: 0, step, min, max }
      this.state.set(kind, state)
    }
    Object.assign(state, { step, min, max, size: Math.max(min, Math.min(max, state.size)) })
    return state
  }

  private set(kind: string, state: SizeState, size: number, reason: 'increase' | 'decrease'): void {
    if (size === state.size) return
    state.size = size
    this.options.onEvent?.({ type: 'batch_size', kind, size, reason })
  }
}
