import { describe, expect, it } from '@jest/globals'
import { CostModel, defaultCost } from '../../src/engine/cost-model.js'
import { limitsFor, PLAN_LIMITS } from '../../src/engine/limits.js'
import { MetricsRecorder, percentile } from '../../src/engine/metrics.js'
import { FakeClock } from '../helpers/fake-clock.js'

describe('MetricsRecorder', () => {
  it('counts per kind, latency percentiles, retries, throttling, batch sizes and throughput', async () => {
    const clock = new FakeClock(1_000)
    const m = new MetricsRecorder(clock, 1_000_000)
    for (let i = 1; i <= 100; i++) m.request('create_item', { ok: true, items: 10, points: 100_000, latencyMs: i })
    await clock.advance(1500)
    m.request('create_item', { ok: false, items: 10, latencyMs: 500 })
    m.request('items_page', { ok: true, items: 500, points: 2000, latencyMs: 40 })
    m.retry('rate_limit')
    m.retry('rate_limit')
    m.throttle('budget', 250)
    m.throttle('budget', 0)
    m.batchSize('create_item', 25)
    const s = m.snapshot()
    expect(s.requests).toBe(102)
    expect(s.items).toBe(1500)
    expect(s.complexityUsed).toBe(10_002_000)
    expect(s.byKind.create_item).toEqual({
      requests: 101,
      items: 1000,
      points: 10_000_000,
      errors: 1,
      p50Ms: 51,
      p95Ms: 96,
      p99Ms: 100
    })
    expect(s.retries).toEqual({ rate_limit: 2 })
    expect(s.throttledMs).toEqual({ budget: 250 })
    expect(s.batchSizes).toEqual([{ atMs: 1500, kind: 'create_item', size: 25 }])
    expect(s.throughput).toEqual([
      { atMs: 0, items: 1000 },
      { atMs: 1000, items: 500 }
    ])
  })

  it('percentile of nothing is 0', () => {
    expect(percentile([], 50)).toBe(0)
    expect(percentile([3, 1, 2], 50)).toBe(2)
  })
})

describe('CostModel and limits', () => {
  it('starts from published prices and learns from reported costs', () => {
    expect(defaultCost('create_item')).toEqual({ perItem: 10_000, fixed: 0 })
    expect(defaultCost('change_multiple_column_values').perItem).toBe(30_000)
    const costs = new CostModel(0, 0.5)
    expect(costs.estimate('create_item', 20)).toBe(200_000)
    expect(costs.estimate('items_page', 0)).toBe(600)
    costs.observe('items_page', 100, 40_000)
    costs.observe('items_page', 100, 0)
    expect(costs.estimate('items_page', 500)).toBe(200_000)
    costs.observe('items_page', 100, 60_000)
    expect(costs.perItem('items_page')).toBe(500)
    // A cost that varies (400 then 600 per item) is estimated with twice its mean deviation (0.25).
    expect(costs.estimate('items_page', 10)).toBe(7500)
  })

  it('has the plan limits of the docs and applies overrides', () => {
    expect(PLAN_LIMITS.enterprise).toMatchObject({
      requestsPerMinute: 5000,
      concurrency: 250,
      complexityPerMinute: 10_000_000
    })
    expect(PLAN_LIMITS.free.complexityPerMinute).toBe(1_000_000)
    expect(limitsFor().requestsPerMinute).toBe(2500)
    expect(limitsFor('basic', { concurrency: 5 })).toMatchObject({ concurrency: 5, requestsPerMinute: 1000 })
  })
})
