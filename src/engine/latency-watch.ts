/**
 * Tells queueing from server time. monday's time per operation of a kind is steady (API-FACTS.md
 * "Time": p90 about 1.2 × the median), so when a kind's smoothed time per operation climbs well
 * above the lowest it has been during the run, requests wait somewhere (monday's queue, a proxy,
 * a busy machine) and more of them in flight would only wait longer: Little's law would then read
 * the longer wait as a reason to send even more. The scheduler backs off instead.
 */

/** Requests of a kind measured before its floor counts. */
const WARM_UP = 5
/** Weight of the newest request in the smoothed time. */
const WEIGHT = 0.2

interface KindState {
  /** Smoothed clock milliseconds per operation. */
  smoothed: number
  /** Lowest smoothed value after the warm-up. */
  floor: number
  samples: number
}

export class LatencyWatch {
  private readonly kinds = new Map<string, KindState>()

  /**
   * Takes in one answered request of `items` operations that took `latencyMs` and returns how many
   * times the kind's lowest smoothed time per operation its smoothed time is now (1 while warming up).
   */
  observe(kind: string, items: number, latencyMs: number): number {
    if (items < 1 || !(latencyMs > 0)) return 1
    const perOperation = latencyMs / items
    const state = this.kinds.get(kind)
    if (state === undefined) {
      this.kinds.set(kind, { smoothed: perOperation, floor: Infinity, samples: 1 })
      return 1
    }
    state.smoothed += WEIGHT * (perOperation - state.smoothed)
    state.samples += 1
    if (state.samples < WARM_UP) return 1
    state.floor = Math.min(state.floor, state.smoothed)
    return state.smoothed / state.floor
  }

  /** The kind's smoothed clock milliseconds per operation, if measured. */
  smoothed(kind: string): number | undefined {
    return this.kinds.get(kind)?.smoothed
  }

  /**
   * Takes `perOperation` (clock ms, measured on requests sent after a back-off) as the kind's time
   * now; with `reference`, also as its lowest: a wait that fewer requests in flight did not shorten
   * is how long this kind takes here. Returns the queueing ratio then.
   */
  rebase(kind: string, perOperation: number, reference: boolean): number {
    const state = this.kinds.get(kind)
    if (state === undefined || !(perOperation > 0)) return 1
    state.smoothed = perOperation
    if (reference || state.floor === Infinity)
      state.floor = Math.max(state.floor === Infinity ? 0 : state.floor, perOperation)
    return state.smoothed / state.floor
  }
}
