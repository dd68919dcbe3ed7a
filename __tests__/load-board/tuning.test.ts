import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { MetricsSnapshot } from '../../src/engine/run-types.js'
import { mergeMetrics } from '../../src/pipelines/load-board/run.js'
import { IdQueue, pumpBatches } from '../../src/pipelines/load-board/id-queue.js'
import { AdaptiveTuning, outcomeOfEvent, type RequestOutcome } from '../../src/pipelines/load-board/tuning.js'

describe('AdaptiveTuning', () => {
  it("follows the engine's in-flight level under the ceiling, and halves the batch when a query cost too much", () => {
    let now = 0
    const tuning = new AdaptiveTuning({ batchSize: 100, concurrency: 40, growAfter: 2 }, () => now)
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([8, 100])
    tuning.observe({ type: 'concurrency', limit: 34 })
    expect(tuning.concurrency()).toBe(34)
    now = 1000
    tuning.observe({ type: 'concurrency', limit: 100 })
    expect(tuning.concurrency()).toBe(40)
    tuning.record('complexity')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([40, 50])
    tuning.record('concurrency')
    expect(tuning.batchSize()).toBe(50)
    tuning.record('ok')
    tuning.record('ok')
    expect(tuning.batchSize()).toBe(60)
    tuning.record('other')
    expect(tuning.batchSize()).toBe(60)
    expect(tuning.history).toEqual([
      { atMs: 0, kind: 'concurrency', size: 34 },
      { atMs: 1000, kind: 'concurrency', size: 40 },
      { atMs: 1000, kind: 'items', size: 50 },
      { atMs: 1000, kind: 'items', size: 60 }
    ])
  })

  it('halves the first reads, then keeps a full read inside a third of the timeout at the measured time per item', () => {
    let perItem: number | undefined
    const tuning = new AdaptiveTuning({ batchSize: 100, concurrency: 8, serverTimeMs: () => perItem })
    // nothing measured yet: the first reads, sent together before any answer, carry half
    expect(tuning.batchSize()).toBe(50)
    perItem = 94 // 30 columns: 100 items take 9.4 s
    expect(tuning.batchSize()).toBe(100)
    perItem = 400 // a wide board: 100 items would take 40 s; 30 take 12 s
    expect(tuning.batchSize()).toBe(30)
    perItem = 90_000
    expect(tuning.batchSize()).toBe(1)
  })

  it('stays within its bounds whatever happens', () => {
    const outcomes = fc.constantFrom<RequestOutcome>(
      'ok',
      'rate_limit',
      'complexity',
      'concurrency',
      'timeout',
      'other'
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.oneof(outcomes, fc.integer({ min: 1, max: 250 })), { maxLength: 300 }),
        (batchSize, concurrency, seen) => {
          const tuning = new AdaptiveTuning({ batchSize, concurrency, growAfter: 3 })
          for (const outcome of seen) {
            if (typeof outcome === 'number') tuning.observe({ type: 'concurrency', limit: outcome })
            else tuning.record(outcome)
            expect(tuning.batchSize()).toBeLessThanOrEqual(Math.min(100, batchSize))
            expect(tuning.batchSize()).toBeGreaterThanOrEqual(Math.min(10, batchSize))
            expect(tuning.concurrency()).toBeGreaterThanOrEqual(1)
            expect(tuning.concurrency()).toBeLessThanOrEqual(concurrency)
          }
        }
      )
    )
  })
})

describe('engine events and metrics in load-board', () => {
  it('reads a tuning outcome from each engine event: successes, retries by class, nothing else', () => {
    const ok = { type: 'request', kind: 'items', items: 100, ok: true, latencyMs: 5, attempt: 1 } as const
    expect(outcomeOfEvent(ok)).toBe('ok')
    expect(outcomeOfEvent({ ...ok, ok: false })).toBeNull()
    expect(outcomeOfEvent({ ...ok, kind: 'probe' })).toBeNull()
    const retry = (errorClass: 'concurrency' | 'complexity' | 'timeout' | 'server') =>
      outcomeOfEvent({ type: 'retry', kind: 'items', errorClass, attempt: 1, delayMs: 10 })
    expect([retry('concurrency'), retry('complexity'), retry('timeout'), retry('server')]).toEqual([
      'concurrency',
      'complexity',
      'timeout',
      'other'
    ])
    expect(outcomeOfEvent({ type: 'throttle', reason: 'budget', waitMs: 10 })).toBeNull()
    const tuning = new AdaptiveTuning({ batchSize: 100, concurrency: 8 })
    for (const event of [
      ok,
      { type: 'retry', kind: 'items', errorClass: 'complexity', attempt: 1, delayMs: 1 },
      { type: 'concurrency', limit: 5 }
    ] as const)
      tuning.observe(event)
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([5, 50])
  })

  it("puts the engine's complexity, budget, retries and throttling over the pipeline's own counts", () => {
    const base: MetricsSnapshot = {
      requests: 3,
      items: 250,
      complexityUsed: 0,
      budgetPerMinute: 0,
      byKind: {},
      retries: {},
      throttledMs: {},
      batchSizes: [{ atMs: 5, kind: 'concurrency', size: 4 }],
      throughput: [{ atMs: 0, items: 250 }]
    }
    expect(mergeMetrics(base, undefined)).toBe(base)
    const engine: MetricsSnapshot = {
      ...base,
      requests: 4,
      items: 1250,
      complexityUsed: 31_000,
      budgetPerMinute: 10_000_000,
      minuteMs: 30_000,
      byKind: { items: { requests: 3, items: 250, points: 30_000, errors: 0, p50Ms: 1, p95Ms: 2, p99Ms: 3 } },
      retries: { rate_limit: 1 },
      throttledMs: { budget: 700 },
      batchSizes: [{ atMs: 1, kind: 'items', size: 50 }],
      throughput: []
    }
    expect(mergeMetrics(base, engine)).toEqual({
      ...engine,
      items: 250,
      throughput: base.throughput,
      batchSizes: [...engine.batchSizes, ...base.batchSizes]
    })
  })
})

/** pumpBatches over `queue` with batches of 100 whose reads stay in flight until released. */
function heldPump(
  queue: IdQueue,
  concurrency: number
): { sizes: number[]; release: (() => void)[]; pump: Promise<void> } {
  const sizes: number[] = []
  const release: (() => void)[] = []
  const pump = pumpBatches(
    queue,
    async ids => {
      sizes.push(ids.length)
      await new Promise<void>(resolve => release.push(resolve))
    },
    { batchSize: () => 100, concurrency: () => concurrency }
  )
  return { sizes, release, pump }
}

describe('pumpBatches', () => {
  it('spreads the last ids of a finished walk over every place, busy ones too, two shares each, so the last reads end together', async () => {
    const queue = new IdQueue()
    queue.push(Array.from({ length: 2_500 }, (_, i) => String(i + 1)))
    queue.close()
    const { sizes, release, pump } = heldPump(queue, 10)
    // 2,500 ids, 10 places: full batches while more than two full batches per place wait
    await new Promise(resolve => setImmediate(resolve))
    expect(sizes).toEqual(Array(10).fill(100))
    // 1,500 ids left when one place frees and nine are busy: two shares of 10 places (75 ids), not
    // a full batch that would end a full read after the others; then 1,425 left, two places free: 72 each
    release.shift()!()
    await new Promise(resolve => setImmediate(resolve))
    release.shift()!()
    release.shift()!()
    await new Promise(resolve => setImmediate(resolve))
    expect(sizes.slice(10)).toEqual([75, 72, 72])
    while (release.length > 0) {
      release.shift()!()
      await new Promise(resolve => setImmediate(resolve))
    }
    await pump
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500)
    // each read of the tail is its share of a smaller remainder: none larger than the one before
    const tail = sizes.slice(10)
    expect(tail.every((n, i) => i === 0 || n <= tail[i - 1]!)).toBe(true)
  })

  it('never spreads below ten ids a batch, nor while the walk still runs', async () => {
    const queue = new IdQueue()
    queue.push(Array.from({ length: 230 }, (_, i) => String(i + 1)))
    const { sizes, release, pump } = heldPump(queue, 50)
    await new Promise(resolve => setImmediate(resolve))
    expect(sizes).toEqual([100, 100])
    queue.push(Array.from({ length: 40 }, (_, i) => String(i + 1_000)))
    queue.close()
    await new Promise(resolve => setImmediate(resolve))
    // 70 ids left over 48 free places: 10 each
    expect(sizes.slice(2)).toEqual([10, 10, 10, 10, 10, 10, 10])
    for (const done of release) done()
    await pump
  })
})
