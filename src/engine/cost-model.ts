/**
 * Estimates of complexity per request kind, learnt from what monday reports. No official price
 * list exists [CPLX]; the starting figures are the published ones: `create_item` 10,000 points
 * [BP], other mutations 30,000 (monday staff, 2021), reads a few hundred points per item
 * (an items page of 500 items cost 222,080 points [AIRBYTE #31539]).
 */
export interface CostEstimate {
  /** Points per item. */
  perItem: number
  /** Points per request regardless of items. */
  fixed: number
}

const WRITE_PER_ITEM: Record<string, number> = { create_item: 10_000, create_subitem: 10_000 }

/** The starting estimate for `kind`. */
export function defaultCost(kind: string): CostEstimate {
  const known = WRITE_PER_ITEM[kind]
  if (known !== undefined) return { perItem: known, fixed: 0 }
  if (/^(create|change|update|delete|archive|move|duplicate|add|set)_/.test(kind)) return { perItem: 30_000, fixed: 0 }
  return { perItem: 500, fixed: 100 }
}

/**
 * Learns points per item by kind (exponentially weighted) and how much it varies; an estimate
 * adds twice the mean relative deviation, so a kind with a fixed price (mutations) is estimated
 * exactly and a varying one (reads) with a margin.
 */
export class CostModel {
  private readonly learnt = new Map<string, { mean: number; deviation: number }>()

  constructor(
    /** Relative deviation assumed before the second observation; default 0.05. */
    private readonly initialDeviation = 0.05,
    /** Weight of the newest observation, 0..1; default 0.3. */
    private readonly weight = 0.3
  ) {}

  /** Estimated points for a request of `kind` covering `items`. */
  estimate(kind: string, items: number): number {
    const l = this.learnt.get(kind)
    if (l !== undefined) return Math.ceil(l.mean * Math.max(1, items) * (1 + 2 * l.deviation))
    const d = defaultCost(kind)
    return Math.ceil(d.fixed + d.perItem * Math.max(1, items))
  }

  /** Points per item learnt for `kind`, if any. */
  perItem(kind: string): number | undefined {
    return this.learnt.get(kind)?.mean
  }

  observe(kind: string, items: number, points: number): void {
    if (points <= 0) return
    const sample = points / Math.max(1, items)
    const old = this.learnt.get(kind)
    if (old === undefined) {
      this.learnt.set(kind, { mean: sample, deviation: this.initialDeviation })
      return
    }
    const deviation = Math.abs(sample - old.mean) / old.mean
    old.deviation += this.weight * (deviation - old.deviation)
    old.mean += this.weight * (sample - old.mean)
  }
}
