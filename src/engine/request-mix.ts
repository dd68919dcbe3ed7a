/**
 * The request time and points of our recent requests, for Little's law: to spend the budget at a
 * rate of λ points per millisecond, λ × (their time ÷ their points) requests must be in flight.
 * The ratio is taken over a window of requests, not smoothed request by request: a sync run sends
 * bursts of one kind (9 `create_item` of 2 s each, 90,000 points) between bursts of another (2
 * `create_subitem` of 7 s each, 20,000 points), and a smoothing over the last few answers read each
 * burst of item batches as a reason to drop the level by half (measured at 2× the monday profile).
 *
 * A request counts from its admission with the time its kind is expected to take (learnt, or
 * API-FACTS.md's figures until measured), and with its measured time once answered: the level
 * rises with the first batches sent instead of waiting for the first of them to answer (at 2×
 * latency that is 20 to 40 s of monday's time at the starting level).
 */

/** Requests in the window: about what the plan lets fly, so a burst of one kind is a part of it. */
const WINDOW = 100

interface Sample {
  id: number | undefined
  ms: number
  points: number
}

export class RequestMix {
  private readonly samples: Sample[] = []
  private sumMs = 0
  private sumPointsMs = 0
  private sumPoints = 0

  /** A request admitted that should take about `expectedMs` (clock) for `points`; `id` matches its answer. */
  admitted(id: number, expectedMs: number, points: number): void {
    this.push({ id, ms: expectedMs, points })
  }

  /** A request answered after `ms` (clock) that cost `points`; replaces its admission's expectation. */
  answered(id: number | undefined, ms: number, points: number): void {
    const index = id === undefined ? -1 : this.samples.findIndex(s => s.id === id)
    const old = this.samples[index]
    if (old === undefined) {
      this.push({ id: undefined, ms, points })
      return
    }
    this.count(old, -1)
    Object.assign(old, { id: undefined, ms, points })
    this.count(old, 1)
  }

  /** Mean request time, clock milliseconds (0 before any request). */
  meanMs(): number {
    return this.samples.length === 0 ? 0 : this.sumMs / this.samples.length
  }

  /** Clock milliseconds in flight per point spent, over the requests that cost points (0 before any). */
  msPerPoint(): number {
    return this.sumPoints > 0 ? this.sumPointsMs / this.sumPoints : 0
  }

  private push(sample: Sample): void {
    this.samples.push(sample)
    this.count(sample, 1)
    const oldest = this.samples.length > WINDOW ? this.samples.shift() : undefined
    if (oldest) this.count(oldest, -1)
  }

  private count(s: Sample, sign: 1 | -1): void {
    this.sumMs += sign * s.ms
    if (s.points <= 0) return
    this.sumPointsMs += sign * s.ms
    this.sumPoints += sign * s.points
  }
}
