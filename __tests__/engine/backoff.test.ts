import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { BACKOFF_SHAPES, backoffFor, maxDelayFor } from '../../src/engine/backoff.js'
import { RetryTimer } from '../../src/engine/retry-timer.js'
import type { ErrorClass } from '../../src/engine/run-types.js'

function delays(errorClass: ErrorClass, random: () => number, n: number, timeScale = 1): number[] {
  let backoff = backoffFor(errorClass, random, timeScale)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    out.push(Math.round(backoff.duration))
    backoff = backoff.next(undefined)
  }
  return out
}

describe('per-class backoff', () => {
  it('rate limit doubles from 1 s up to 60 s (no jitter at random = 1)', () => {
    expect(delays('rate_limit', () => 1, 8)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000])
  })

  it('network grows ×1.5 up to 10 s', () => {
    expect(delays('network', () => 1, 8)).toEqual([500, 750, 1125, 1688, 2531, 3797, 5695, 8543])
    expect(delays('network', () => 1, 12).slice(-2)).toEqual([10000, 10000])
  })

  it('server doubles up to 30 s, timeout grows ×1.2 up to 5 s', () => {
    expect(delays('server', () => 1, 7)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
    expect(delays('timeout', () => 1, 11)).toEqual([1000, 1200, 1440, 1728, 2074, 2488, 2986, 3583, 4300, 5000, 5000])
  })

  it('jitter draws each delay from [raw / 2, raw)', () => {
    expect(delays('rate_limit', () => 0, 4)).toEqual([500, 1000, 2000, 4000])
    expect(delays('rate_limit', () => 0.5, 3)).toEqual([750, 1500, 3000])
  })

  it('divides by the time scale', () => {
    expect(delays('rate_limit', () => 1, 3, 100)).toEqual([10, 20, 40])
    expect(maxDelayFor('rate_limit', 60)).toBe(1000)
  })

  it('never leaves [0, max] for any class, attempt and random source (property)', () => {
    const classes = Object.keys(BACKOFF_SHAPES) as ErrorClass[]
    fc.assert(
      fc.property(
        fc.constantFrom(...classes, 'unknown' as ErrorClass),
        fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (errorClass, draws) => {
          let i = 0
          const random = (): number => draws[i++ % draws.length] ?? 0
          let backoff = backoffFor(errorClass, random)
          for (let n = 0; n < draws.length; n++) {
            expect(backoff.duration).toBeGreaterThan(0)
            expect(backoff.duration).toBeLessThanOrEqual(maxDelayFor(errorClass))
            backoff = backoff.next(undefined)
          }
        }
      )
    )
  })
})

describe('RetryTimer', () => {
  it('honours retry_in_seconds with up to 10% jitter (at most 1 s), scaled', () => {
    const timer = new RetryTimer(() => 0.5, 1)
    expect(timer.next('rate_limit', 22_000)).toBe(22_500)
    expect(timer.next('rate_limit', 3_000)).toBe(3_150)
    expect(new RetryTimer(() => 1, 60).next('complexity', 58_000)).toBeCloseTo(58_000 / 60 + 1000 / 60)
  })

  it('keeps a sequence per class: a network error does not reset the server backoff', () => {
    const timer = new RetryTimer(() => 1)
    expect([
      timer.next('server'),
      timer.next('network'),
      timer.next('server'),
      timer.next('network'),
      timer.next('server')
    ]).toEqual([1000, 500, 2000, 750, 4000])
  })
})
