import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { MetricsSnapshot } from '../../src/engine/run-types.js'
import { mergeMetrics } from '../../src/pipelines/load-board/run.js'
import { AdaptiveTuning, outcomeOfEvent, type RequestOutcome } from '../../src/pipelines/load-board/tuning.js'

describe('AdaptiveTuning', () => {
  it('halves concurrency on a throttle, the batch too when the query cost too much, and grows back', () => {
    let now = 0
    const tuning = new AdaptiveTuning({ batchSize: 100, concurrency: 8, growAfter: 2 }, () => now)
    tuning.record('concurrency')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([4, 100])
    now = 1000
    tuning.record('complexity')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([2, 50])
    tuning.record('ok')
    tuning.record('ok')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([3, 60])
    tuning.record('other')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([3, 60])
    expect(tuning.history).toEqual([
      { atMs: 0, kind: 'concurrency', size: 4 },
      { atMs: 1000, kind: 'concurrency', size: 2 },
      { atMs: 1000, kind: 'items', size: 50 },
      { atMs: 1000, kind: 'concurrency', size: 3 },
      { atMs: 1000, kind: 'items', size: 60 }
    ])
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
        fc.array(outcomes, { maxLength: 300 }),
        (batchSize, concurrency, seen) => {
          const tuning = new AdaptiveTuning({ batchSize, concurrency, growAfter: 3 })
          for (const outcome of seen) {
            tuning.record(outcome)
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
      { type: 'retry', kind: 'items', errorClass: 'complexity', attempt: 1, delayMs: 1 }
    ] as const) {
      const outcome = outcomeOfEvent(event)
      if (outcome) tuning.record(outcome)
    }
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([4, 50])
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
