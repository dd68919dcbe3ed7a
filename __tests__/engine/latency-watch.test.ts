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

describe('LatencyWatch.rebase', () => {
  it("takes a time measured after a back-off as the kind's time now, and as its lowest when asked", () => {
    const watch = new LatencyWatch()
    for (let i = 0; i < 6; i++) watch.observe('items', 10, 1_000)
    for (let i = 0; i < 6; i++) watch.observe('items', 10, 5_000)
    expect(watch.smoothed('items')).toBeGreaterThan(300)
    // the queue was ours and cleared: 200 ms an operation now, the lowest stays 100
    expect(watch.rebase('items', 200, false)).toBeCloseTo(2, 6)
    expect(watch.smoothed('items')).toBe(200)
    // a wait that did not shrink: 400 ms an operation is the reference from now on
    expect(watch.rebase('items', 400, true)).toBe(1)
    expect(watch.observe('items', 10, 4_000)).toBe(1)
    expect(watch.rebase('unknown', 400, true)).toBe(1)
  })
})
