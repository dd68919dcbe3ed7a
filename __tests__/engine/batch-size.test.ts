import { describe, expect, it } from '@jest/globals'
import { BatchSizer } from '../../src/engine/batch-size.js'
import type { EngineEvent } from '../../src/engine/events.js'
import { ServerTimes } from '../../src/engine/server-times.js'
import { hardTimeCap, timeCap } from '../../src/adapters/monday/client-engine.js'

function sizer(perItem?: number, maxPoints = 1_000_000) {
  const sizes: [string, number][] = []
  const events: EngineEvent[] = []
  const s = new BatchSizer({
    maxPointsPerRequest: () => maxPoints,
    perItem: () => perItem,
    onSize: (k, n) => void sizes.push([k, n]),
    onEvent: e => void events.push(e),
    slowMs: 1000
  })
  return { s, sizes, events }
}

describe('BatchSizer (AIMD)', () => {
  it('starts at half the maximum and grows by a twentieth of the range after 3 full successes', () => {
    const { s, sizes } = sizer()
    expect(s.suggest('create_item', { min: 1, max: 100 })).toBe(50)
    for (let i = 0; i < 3; i++) s.observe('create_item', { ok: true, items: 50, latencyMs: 100 })
    expect(s.suggest('create_item', { min: 1, max: 100 })).toBe(55)
    expect(sizes).toEqual([
      ['create_item', 50],
      ['create_item', 55]
    ])
  })

  it('does not grow on partial (tail) batches and never beyond max', () => {
    const { s } = sizer()
    expect(s.suggest('k', { min: 1, max: 10 })).toBe(5)
    for (let i = 0; i < 9; i++) s.observe('k', { ok: true, items: 2, latencyMs: 1 })
    expect(s.suggest('k', { min: 1, max: 10 })).toBe(5)
    for (let i = 0; i < 60; i++) s.observe('k', { ok: true, items: 10, latencyMs: 1 })
    expect(s.suggest('k', { min: 1, max: 10 })).toBe(10)
  })

  it('halves on a timeout, a shrink error or a slow response, not below min', () => {
    const { s, events } = sizer()
    s.suggest('k', { min: 4, max: 40 })
    s.observe('k', { ok: false, items: 20, latencyMs: 1, errorClass: 'timeout' })
    expect(s.suggest('k', { min: 4, max: 40 })).toBe(10)
    s.observe('k', { ok: true, items: 10, latencyMs: 5000 })
    expect(s.suggest('k', { min: 4, max: 40 })).toBe(5)
    s.observe('k', { ok: false, items: 5, latencyMs: 1, errorClass: 'complexity', shrink: true })
    expect(s.suggest('k', { min: 4, max: 40 })).toBe(4)
    // A budget refusal says nothing about the batch size.
    s.observe('k', { ok: false, items: 4, latencyMs: 1, errorClass: 'complexity' })
    expect(s.suggest('k', { min: 4, max: 40 })).toBe(4)
    expect(events.map(e => (e.type === 'batch_size' ? e.size : null))).toEqual([10, 5, 4])
  })

  it('caps the size by the points one request may cost, from the learnt cost per item', () => {
    const { s } = sizer(10_000, 250_000)
    expect(s.suggest('create_item', { min: 1, max: 100 })).toBe(25)
    expect(s.suggest('create_item', { min: 30, max: 100 })).toBe(30)
    s.observe('unknown-kind', { ok: true, items: 1, latencyMs: 1 })
  })

  it('keeps the configured minimum over the time cap, but not over the hard cap (half the timeout)', () => {
    // at 2× the profile's latency a create_subitem takes ~8.7 s at p90: 2 fit in a third of the
    // timeout, 3 in half of it; the configured minimum of 5 would take 44 s
    const s = new BatchSizer({
      maxPointsPerRequest: () => 1_000_000,
      perItem: () => 10_000,
      timeCap: () => 2,
      hardCap: k => (k === 'create_subitem' ? 3 : undefined)
    })
    expect(s.suggest('create_subitem', { min: 5, max: 50 })).toBe(3)
    // no hard cap for the kind (not measured yet): the configured minimum wins over the time cap
    expect(s.suggest('create_item', { min: 5, max: 50 })).toBe(5)
  })

  it('takes the hard cap from measured times only: half the timeout over the p90 per operation', () => {
    // time scale 20: a request of 3 create_subitem answered in 1,305 clock ms took 26.1 s of monday's time
    const times = new ServerTimes(20)
    expect([hardTimeCap(times, 'create_subitem'), timeCap(times, 'create_subitem')]).toEqual([undefined, 4])
    for (const ms of [1_050, 1_200, 1_305]) times.observe('create_subitem', 3, ms)
    // p90 8.7 s per operation: 3 inside 30 s, 2 inside 20 s
    expect([hardTimeCap(times, 'create_subitem'), timeCap(times, 'create_subitem')]).toEqual([3, 2])
  })
})
