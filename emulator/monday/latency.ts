/** The latency model: base + per operation + per returned item, scaled by seeded jitter. */
import type { Random } from './random.js'
import type { LatencyModel } from './types.js'

/** Real milliseconds to wait for a request with `operations` root fields returning `items` items. */
export function latencyMs(model: LatencyModel, operations: number, items: number, random: Random): number {
  const raw = (model.baseMs ?? 0) + (model.perOperationMs ?? 0) * operations + (model.perItemMs ?? 0) * items
  if (raw <= 0) return 0
  const jitter = Math.min(1, Math.max(0, model.jitter ?? 0))
  return Math.max(0, raw * (1 + jitter * (2 * random.next() - 1)))
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise(resolve => setTimeout(resolve, ms))
}
