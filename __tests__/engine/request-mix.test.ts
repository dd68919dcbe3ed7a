import { describe, expect, it } from '@jest/globals'
import { RequestMix } from '../../src/engine/request-mix.js'

describe('RequestMix', () => {
  it('takes the time per point over the window, not request by request', () => {
    const mix = new RequestMix()
    expect([mix.meanMs(), mix.msPerPoint()]).toEqual([0, 0])
    // 2 create_subitem of 7 s (20,000 points) and 9 create_item of 2 s (90,000 points)
    mix.answered(undefined, 14_000, 20_000)
    mix.answered(undefined, 18_000, 90_000)
    expect(mix.meanMs()).toBe(16_000)
    expect(mix.msPerPoint()).toBeCloseTo(32_000 / 110_000, 9)
    // a request that cost nothing counts in the mean time only
    mix.answered(undefined, 1_000, 0)
    expect(mix.meanMs()).toBe(11_000)
    expect(mix.msPerPoint()).toBeCloseTo(32_000 / 110_000, 9)
  })

  it('counts a request from its admission with its expected time, then its measured one', () => {
    const mix = new RequestMix()
    mix.admitted(1, 20_000, 180_000)
    mix.admitted(2, 20_000, 180_000)
    expect(mix.meanMs()).toBe(20_000)
    mix.answered(2, 40_000, 180_000)
    expect(mix.meanMs()).toBe(30_000)
    expect(mix.msPerPoint()).toBeCloseTo(60_000 / 360_000, 9)
    // answered once only: an unknown id is a new sample
    mix.answered(2, 10_000, 180_000)
    expect(mix.meanMs()).toBe(70_000 / 3)
  })

  it('keeps the last 100 requests', () => {
    const mix = new RequestMix()
    for (let i = 0; i < 100; i++) mix.answered(undefined, 1_000, 10)
    for (let i = 0; i < 100; i++) mix.answered(undefined, 3_000, 10)
    expect(mix.meanMs()).toBe(3_000)
    expect(mix.msPerPoint()).toBe(300)
  })
})
