/**
 * Server time per operation, learnt per request kind from what monday answers. monday runs a
 * mutation's aliased fields one after another (API-FACTS.md "Time"), so a request of n operations
 * takes about n times one operation: the batch size that keeps a request well inside the 60 s
 * timeout, and the requests in flight that reach a target rate, both follow from this figure.
 */

/** Emulated (monday) milliseconds per operation assumed until a kind has been measured (API-FACTS.md "Time", p90). */
export const ASSUMED_OPERATION_MS: Readonly<Record<string, number>> = {
  create_item: 1_100,
  create_subitem: 4_400,
  create_group: 1_100,
  change_multiple_column_values: 450,
  change_simple_column_value: 450,
  change_column_value: 450,
  archive_item: 450,
  delete_item: 450,
  move_item_to_group: 450
}

/** Samples kept per kind: enough for a p90, few enough to follow a change. */
const WINDOW = 40

export interface OperationTimes {
  /** Requests measured. */
  samples: number
  /** Per operation, monday milliseconds. */
  p50Ms: number
  p90Ms: number
}

export class ServerTimes {
  private readonly byKind = new Map<string, number[]>()

  /** `timeScale`: monday milliseconds per clock millisecond. */
  constructor(private readonly timeScale = 1) {}

  /** Takes in one answered request of `items` operations that took `latencyMs` clock milliseconds. */
  observe(kind: string, items: number, latencyMs: number): void {
    if (items < 1 || !(latencyMs >= 0)) return
    const list = this.byKind.get(kind) ?? []
    list.push((latencyMs * this.timeScale) / items)
    if (list.length > WINDOW) list.shift()
    this.byKind.set(kind, list)
  }

  /** p90 per operation in monday ms: measured, else assumed for known mutations, else undefined. */
  p90(kind: string): number | undefined {
    return this.measuredP90(kind) ?? ASSUMED_OPERATION_MS[kind]
  }

  /** p90 per operation in monday ms once a kind has been measured (three requests), else undefined. */
  measuredP90(kind: string): number | undefined {
    const list = this.byKind.get(kind)
    return list !== undefined && list.length >= 3 ? quantile(list, 0.9) : undefined
  }

  /** Mean request time of a kind's last requests in clock ms for `items` operations, if known. */
  requestMs(kind: string, items: number): number | undefined {
    const list = this.byKind.get(kind)
    const per =
      list !== undefined && list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : ASSUMED_OPERATION_MS[kind]
    return per === undefined ? undefined : (per * items) / this.timeScale
  }

  /** What was learnt, per kind, for metrics and reports. */
  snapshot(): Record<string, OperationTimes> {
    const out: Record<string, OperationTimes> = {}
    for (const [kind, list] of this.byKind) {
      if (list.length === 0) continue
      out[kind] = {
        samples: list.length,
        p50Ms: Math.round(quantile(list, 0.5)),
        p90Ms: Math.round(quantile(list, 0.9))
      }
    }
    return out
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}
