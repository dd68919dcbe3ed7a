import { describe, expect, it } from '@jest/globals'
import { LatencyWatch } from '../../src/engine/latency-watch.js'

describe('LatencyWatch', () => {
  it('says 1 while a kind warms up, then its smoothed time per operation over the lowest it reached', () => {
    const watch = new LatencyWatch()
    // 5 operations of 100 ms: 500 ms a request
    const steady = Array.from({ length: 6 }, () => watch.observe('create_item', 5, 500))
    expect(steady).toEqual([1, 1, 1, 1, 1, 1])
    // requests start to wait: 300 ms per operation, smoothed with weight 0.2
    expect(watch.observe('create_item', 5, 1500)).toBeCloseTo(1.4, 6)
    expect(watch.observe('create_item', 5, 1500)).toBeCloseTo(1.72, 6)
    // per operation: a batch of 1 at 100 ms is the same speed as one of 5 at 500 ms
    const other = new LatencyWatch()
    for (const [items, ms] of [
      [1, 100],
      [5, 500],
      [2, 200],
      [4, 400],
      [3, 300],
      [1, 100]
    ] as const)
      expect(other.observe('create_subitem', items, ms)).toBe(1)
  })

  it('keeps kinds apart and ignores requests without operations', () => {
    const watch = new LatencyWatch()
    for (let i = 0; i < 6; i++) watch.observe('create_item', 1, 100)
    for (let i = 0; i < 6; i++) expect(watch.observe('create_subitem', 1, 400)).toBe(1)
    expect(watch.observe('probe', 0, 10_000)).toBe(1)
    expect(watch.observe('create_item', 1, 100)).toBe(1)
  })
})
