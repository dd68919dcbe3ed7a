import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { PacedWindow } from '../../src/engine/paced-window.js'
import { FakeClock } from '../helpers/fake-clock.js'

const MINUTE = 60_000

describe('PacedWindow without news from the server', () => {
  it('admits a burst of a tenth of the limit, then paces at limit per window', () => {
    const clock = new FakeClock()
    const w = new PacedWindow({ assumeShared: false, limit: 1000, windowMs: MINUTE, clock, burst: 0.1 })
    expect(w.tryTake(100)).toEqual({ ok: true, ticket: 1 })
    // The bucket is empty: 100 more points need 100 / (1000 / 60 000) = 6 000 ms.
    expect(w.tryTake(100)).toEqual({ ok: false, waitMs: 6000 })
    clock.now = () => 6000
    expect(w.tryTake(100)).toEqual({ ok: true, ticket: 2 })
  })

  it('holds the hard cap: nothing beyond the limit (less the 2% margin) inside one window', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 1000, windowMs: MINUTE, clock, burst: 1, margin: 0.02 })
    const first = w.tryTake(900)
    const second = w.tryTake(80)
    if (!first.ok || !second.ok) throw new Error('not admitted')
    // 980 used of 1000 with 20 held back: the next point waits for the first entry to expire.
    expect(w.tryTake(10)).toEqual({ ok: false, waitMs: MINUTE })
    w.settle(first.ticket, 900)
    now = MINUTE
    expect(w.tryTake(10).ok).toBe(true)
  })

  it('settling with the actual cost frees what the estimate over-charged', () => {
    const clock = { now: () => 0, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 1000, windowMs: MINUTE, clock, burst: 1 })
    const take = w.tryTake(900)
    if (!take.ok) throw new Error('not admitted')
    expect(w.tryTake(500).ok).toBe(false)
    w.settle(take.ticket, 100)
    expect(w.used()).toBe(100)
    expect(w.tryTake(500).ok).toBe(true)
  })

  it('never admits more than its limit in any window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), cost: fc.integer({ min: 1, max: 400 }) }), {
          minLength: 1,
          maxLength: 200
        }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (steps, burst) => {
          let now = 0
          const clock = { now: () => now, sleep: async () => undefined }
          const w = new PacedWindow({ assumeShared: false, limit: 1000, windowMs: MINUTE, clock, burst })
          const admitted: { at: number; cost: number }[] = []
          for (const step of steps) {
            now += step.gap
            const take = w.tryTake(step.cost)
            if (take.ok) {
              admitted.push({ at: now, cost: step.cost })
              w.settle(take.ticket, step.cost)
            } else expect(take.waitMs).toBeGreaterThan(0)
          }
          for (const a of admitted) {
            const inWindow = admitted.filter(b => b.at >= a.at && b.at < a.at + MINUTE).reduce((s, b) => s + b.cost, 0)
            expect(inWindow).toBeLessThanOrEqual(1000)
          }
        }
      )
    )
  })
})

describe('PacedWindow corrected by the server', () => {
  it("trusts the server's remaining budget (other jobs spent it) until the reset", () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 10_000, windowMs: MINUTE, clock, burst: 1, margin: 0.02 })
    const first = w.tryTake(100)
    if (!first.ok) throw new Error('not admitted')
    now = 1000
    w.settle(first.ticket, 100, { remaining: 1000, resetInMs: 20_000 })
    // 1000 left less the 200-point margin: 800 fits, 900 waits for the reset, 20 000 ms after the
    // server charged the request (when it started, at 0), not after its answer
    expect(w.available()).toBe(800)
    expect(w.waitFor(900)).toBe(19_000)
    // 9,000 spent and 100 of it ours: another job shares the account, and we keep what we have in
    // flight within half our share (a half at most) of what is left: 1000 × 0.25 - 200 = 50
    expect(w.contended()).toBe(true)
    expect(w.tryTake(50).ok).toBe(true)
    expect(w.tryTake(1).ok).toBe(false)
    expect(w.available()).toBe(750)
    now = 21_000
    // the server's window reset at 20 000: a new one, holding nothing we admitted (less the margin)
    expect(w.available()).toBe(10_000 - 200)
    // another job spent 8,900 of the last window: until the new one reports, half our share of it
    // (a half at most) may be in flight
    expect(w.tryTake(2000).ok).toBe(true)
    expect(w.available()).toBe(10_000 - 200 - 2000)
    expect(w.tryTake(500).ok).toBe(false)
  })

  it('paces at remaining / time to reset, so jobs sharing an account slow down together', () => {
    const now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 60_000, windowMs: MINUTE, clock })
    expect(w.rate()).toBe(1)
    const t = w.tryTake(10)
    if (!t.ok) throw new Error('not admitted')
    w.settle(t.ticket, 10, { remaining: 30_000, resetInMs: 60_000 })
    // 30 000 points left (less ours, 0 in flight) over 60 s: half the even rate; another job spent
    // the other 29 990, and we pace at our share of it (a half at most): a quarter.
    expect(w.contended()).toBe(true)
    expect(w.rate()).toBeCloseTo(0.25)
  })

  it('ignores a stale report from a request admitted before the one that reported last', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 10_000, windowMs: MINUTE, clock, burst: 1, margin: 0.02 })
    const a = w.tryTake(100)
    const b = w.tryTake(100)
    if (!a.ok || !b.ok) throw new Error('not admitted')
    w.settle(b.ticket, 100, { remaining: 5000, resetInMs: 30_000 })
    w.settle(a.ticket, 100, { remaining: 9000, resetInMs: 30_000 })
    // `a` was still in flight when `b` reported: it may have been overtaken, so it is counted
    // as not yet charged (the later report from `a` itself is older and ignored).
    expect(w.available()).toBe(5000 - 100 - 200)
    now = 1
    w.setLimit(20_000)
    expect(w.limit).toBe(20_000)
  })

  it('counts a request admitted long before the reporter as charged: monday charges a query when it starts', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 10_000, windowMs: MINUTE, clock, burst: 1 })
    const a = w.tryTake(1000)
    now = 1000
    const b = w.tryTake(1000)
    now = 1100
    const c = w.tryTake(1000)
    if (!a.ok || !b.ok || !c.ok) throw new Error('not admitted')
    // `c` reports 7000 left while `a` (admitted 1,100 ms before it) and `b` (100 ms) are unanswered:
    // `a` had started and is in the 7000; `b` may have been overtaken and is counted as uncharged
    w.settle(c.ticket, 1000, { remaining: 7000, resetInMs: 30_000 })
    expect(w.available()).toBe(7000 - 1000)
  })
})

describe('PacedWindow on a shared account', () => {
  it('detects another job from reports and then keeps its own requests within half its share of what is left', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    expect(w.contended()).toBe(false)
    const a = w.tryTake(100_000)
    if (!a.ok) throw new Error('not admitted')
    w.settle(a.ticket, 100_000, { remaining: 900_000, resetInMs: 50_000 })
    const b = w.tryTake(100_000)
    if (!b.ok) throw new Error('not admitted')
    now = 1000
    // Our b explains 100 000 of the drop; the other 300 000 were another job's.
    w.settle(b.ticket, 100_000, { remaining: 500_000, resetInMs: 49_000 })
    expect(w.contended()).toBe(true)
    // Our share of the spending (smoothed from 1 towards 100 000 of 400 000) counts as a half at
    // most, and we keep half of that: of 500 000 left, in flight plus the request take 125 000,
    // even with nothing of ours in flight (the figures may be stale: the others go on spending).
    expect(w.share()).toBe(0.5)
    expect(w.waitFor(125_001)).toBe(48_000)
    // A request larger than half our share of a whole window would never fit: it goes alone.
    expect(w.waitFor(250_001)).toBe(0)
    const c = w.tryTake(100_000)
    expect(c.ok).toBe(true)
    expect(w.waitFor(25_000)).toBe(0)
    expect(w.waitFor(25_001)).toBe(48_000)
    // A window later with nobody else seen, the account counts as ours alone again (each report
    // compares a whole window: the last job left goes back to the whole budget).
    now = 1000 + MINUTE - 1
    expect(w.contended()).toBe(true)
    now = 1000 + MINUTE
    expect(w.contended()).toBe(false)
  })

  it('counts as its own a request sent before the window opened and still in flight then (it may be charged in it)', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ assumeShared: false, limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    w.take(300_000) // waits on monday's side and is charged in the next window
    now = 100
    const b = w.take(10_000)
    w.settle(b, 10_000, { remaining: 990_000, resetInMs: MINUTE - 100 })
    now = 61_000
    const c = w.take(10_000)
    now = 62_000
    // the next window has spent our 300,000 and 10,000: nobody else's
    w.settle(c, 10_000, { remaining: 690_000, resetInMs: 59_000, asOf: 'response' })
    expect(w.contended()).toBe(false)
  })

  it('drops the assumption when a report taken half a window after the start shows nobody else, however little was spent', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    // a slow request (2× latency) admitted at 29 s answers at 52 s: it says what monday knew at 29 s
    const slow = new PacedWindow({ limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    now = 29_000
    const early = slow.take(20_000)
    now = 52_000
    slow.settle(early, 20_000, { remaining: 980_000, resetInMs: 31_000 })
    expect(slow.contended()).toBe(true)
    // one admitted at 30 s: nobody else had spent by then
    now = 0
    const fast = new PacedWindow({ limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    now = 30_000
    const late = fast.take(20_000)
    now = 30_500
    fast.settle(late, 20_000, { remaining: 980_000, resetInMs: 30_000 })
    expect(fast.contended()).toBe(false)
  })

  it('drops the assumption once a window shows 30% of its limit spent, all of it ours, and not if another job shows', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    // admitted without the pacing (a quarter of the budget while sharing is assumed): detection only
    const take = (w: PacedWindow, cost: number, remaining: number): void => {
      now += 100
      w.settle(w.take(cost), cost, { remaining, resetInMs: 50_000 })
    }
    const alone = new PacedWindow({ limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    for (let i = 1; i <= 9; i++) take(alone, 30_000, 1_000_000 - 30_000 * i)
    // 270,000 spent in the window, all ours: not yet 30%
    expect(alone.contended()).toBe(true)
    take(alone, 30_000, 700_000)
    expect(alone.contended()).toBe(false)
    const shared = new PacedWindow({ limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    take(shared, 30_000, 970_000)
    take(shared, 30_000, 860_000) // 80,000 more than ours: another job
    for (let i = 0; i < 10; i++) take(shared, 30_000, 830_000 - 30_000 * i)
    expect(shared.contended()).toBe(true)
  })

  it('assumes a shared account until reports show otherwise, and after a reset sends half its share before the new window reports', () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const w = new PacedWindow({ limit: 1_000_000, windowMs: MINUTE, clock, burst: 1 })
    expect(w.contended()).toBe(true)
    // A server that never reports leaves the hard cap as the only check.
    const first = w.tryTake(100_000)
    if (!first.ok) throw new Error('not admitted')
    expect(w.waitFor(100_000)).toBe(0)
    // 300,000 spent, 100,000 of it ours: another job
    w.settle(first.ticket, 100_000, { remaining: 700_000, resetInMs: 10_000 })
    expect(w.contended()).toBe(true)
    // our part of the spending, smoothed, plus the fairness boost
    expect(w.share()).toBeCloseTo(0.25 + 0.2 * (1 / 3 - 0.25) + 0.1)
    now = 10_000
    // The window reset and nobody knows yet how the new one is shared: half our share of it
    // (183,333 points) until its first report, instead of the whole window at once.
    expect(w.tryTake(100_000).ok).toBe(true)
    expect(w.waitFor(84_000)).toBeGreaterThan(0)
    expect(w.waitFor(83_000)).toBe(0)
    now = 10_000 + 2 * MINUTE
    expect(w.contended()).toBe(false)
  })
})
