import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { BACKOFF_SHAPES, backoffFor, maxDelayFor } from '../../src/engine/backoff.js'
import { BatchSizer } from '../../src/engine/batch-size.js'
import type { Clock } from '../../src/engine/clock.js'
import { PacedWindow } from '../../src/engine/paced-window.js'
import { RetryTimer } from '../../src/engine/retry-timer.js'
import type { ErrorClass } from '../../src/engine/run-types.js'
import { checkProperty } from './tally.js'

/** A clock the test moves by hand (nothing here sleeps). */
function manualClock(): Clock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: () => Promise.reject(new Error('the window never sleeps'))
  }
  return clock
}

const windowSetup = fc.record({
  limit: fc.integer({ min: 10, max: 10_000_000 }),
  windowMs: fc.integer({ min: 100, max: 60_000 }),
  burst: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
  margin: fc.option(fc.double({ min: 0, max: 0.2, noNaN: true }), { nil: undefined })
})
/** Requests: a pause before, and a cost as a fraction of what one window can hold. */
const requests = fc.array(
  fc.record({ gapMs: fc.integer({ min: 0, max: 5_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  { minLength: 1, maxLength: 60 }
)

/** Costs in every window (t - windowMs, t] that ends at an admission. */
function worstWindow(admitted: { at: number; cost: number }[], windowMs: number): number {
  return Math.max(
    0,
    ...admitted.map(a => admitted.filter(b => b.at <= a.at && b.at > a.at - windowMs).reduce((s, b) => s + b.cost, 0))
  )
}

describe('the budget (PacedWindow)', () => {
  it('never admits more than its limit in any window, and always admits after the wait it names', () => {
    checkProperty(
      fc.property(windowSetup, requests, (setup, list) => {
        const clock = manualClock()
        const window = new PacedWindow({ ...setup, clock })
        const room = setup.limit * (1 - (setup.margin ?? 0.02))
        const admitted: { at: number; cost: number }[] = []
        for (const r of list) {
          clock.time += r.gapMs
          const cost = Math.max(1, Math.floor(r.share * room))
          let asks = 0
          for (;;) {
            const result = window.tryTake(cost)
            if (result.ok) break
            expect(result.waitMs).toBeGreaterThan(0)
            clock.time += result.waitMs
            expect(++asks).toBeLessThan(10_000)
          }
          admitted.push({ at: clock.time, cost })
        }
        expect(worstWindow(admitted, setup.windowMs)).toBeLessThanOrEqual(setup.limit)
      }),
      300
    )
  })

  it('with honest reports from a monday-style window (resets a window after its first call) never overspends it', () => {
    const settleOrder = fc.array(fc.nat(), { minLength: 60, maxLength: 60 })
    checkProperty(
      fc.property(windowSetup, requests, settleOrder, (setup, list, order) => {
        const clock = manualClock()
        const window = new PacedWindow({ ...setup, clock })
        const room = setup.limit * (1 - (setup.margin ?? 0.02))
        const server = { start: -Infinity, spent: 0 }
        // monday computes the complexity field when it charges the query (at its start): the reset
        // is reported relative to that moment
        const inFlight: { ticket: number; remaining: number; resetInMs: number }[] = []
        list.forEach((r, i) => {
          clock.time += r.gapMs
          const cost = Math.max(1, Math.floor(r.share * room))
          for (let asks = 0; ; asks++) {
            const result = window.tryTake(cost)
            if (result.ok) {
              if (clock.time >= server.start + setup.windowMs) Object.assign(server, { start: clock.time, spent: 0 })
              server.spent += cost
              // monday would answer COMPLEXITY_BUDGET_EXHAUSTED here
              expect(server.spent).toBeLessThanOrEqual(setup.limit)
              const resetAt = server.start + setup.windowMs
              inFlight.push({
                ticket: result.ticket,
                remaining: setup.limit - server.spent,
                resetInMs: resetAt - clock.time
              })
              break
            }
            // a response may arrive while we wait
            const done = inFlight.splice((order[(i + asks) % order.length] ?? 0) % Math.max(1, inFlight.length), 1)[0]
            if (done) window.settle(done.ticket, undefined, { remaining: done.remaining, resetInMs: done.resetInMs })
            clock.time += result.waitMs
            expect(asks).toBeLessThan(10_000)
          }
          // responses arrive in any order
          const k = (order[i] ?? 0) % (inFlight.length + 1)
          for (const done of inFlight.splice(0, k)) {
            window.settle(done.ticket, cost, { remaining: done.remaining, resetInMs: done.resetInMs })
          }
        })
      }),
      300
    )
  })
})

/** Floating-point slack: (a / s) × e^n and (a × e^n) / s differ in the last bits. */
const LOW = 1 - 1e-12
const HIGH = 1 + 1e-12

describe('backoff delays', () => {
  const classes = [...(Object.keys(BACKOFF_SHAPES) as ErrorClass[]), 'unknown' as ErrorClass]
  const randoms = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
    minLength: 1,
    maxLength: 40
  })

  it('stay within [raw/2, raw] of their class, raw = min(max, initial × exponent^n), scaled, and under the ceiling', () => {
    checkProperty(
      fc.property(fc.constantFrom(...classes), randoms, fc.constantFrom(1, 10, 60, 600), (errorClass, draws, scale) => {
        let i = 0
        const random = (): number => draws[i++ % draws.length]!
        const shape = BACKOFF_SHAPES[errorClass] ?? { initialMs: 1_000, exponent: 2, maxMs: 30_000 }
        let backoff = backoffFor(errorClass, random, scale)
        for (let n = 0; n < draws.length; n++) {
          const raw = Math.min(shape.maxMs, shape.initialMs * shape.exponent ** n) / scale
          expect(backoff.duration).toBeGreaterThanOrEqual((raw / 2) * LOW)
          expect(backoff.duration).toBeLessThanOrEqual(raw * HIGH)
          expect(backoff.duration).toBeLessThanOrEqual(maxDelayFor(errorClass, scale) * HIGH)
          backoff = backoff.next(undefined)
        }
      }),
      400
    )
  })

  it('a delay monday named wins, with at most 10% (at most 1 s) of jitter; each class keeps its own sequence', () => {
    const events = fc.array(
      fc.record({
        errorClass: fc.constantFrom(...classes),
        retryInMs: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined })
      }),
      { minLength: 1, maxLength: 50 }
    )
    checkProperty(
      fc.property(events, randoms, fc.constantFrom(1, 60), (list, draws, scale) => {
        let i = 0
        const timer = new RetryTimer(() => draws[i++ % draws.length]!, scale)
        const attempts = new Map<ErrorClass, number>()
        for (const e of list) {
          const n = attempts.get(e.errorClass) ?? 0
          attempts.set(e.errorClass, n + 1)
          const delay = timer.next(e.errorClass, e.retryInMs)
          if (e.retryInMs !== undefined) {
            expect(delay).toBeGreaterThanOrEqual((e.retryInMs / scale) * LOW)
            expect(delay).toBeLessThanOrEqual(((e.retryInMs + Math.min(1_000, e.retryInMs * 0.1)) / scale) * HIGH)
          } else {
            const shape = BACKOFF_SHAPES[e.errorClass] ?? { initialMs: 1_000, exponent: 2, maxMs: 30_000 }
            const raw = Math.min(shape.maxMs, shape.initialMs * shape.exponent ** n) / scale
            expect(delay).toBeGreaterThanOrEqual((raw / 2) * LOW)
            expect(delay).toBeLessThanOrEqual(raw * HIGH)
          }
        }
      }),
      300
    )
  })
})

describe('adaptive batch size (BatchSizer)', () => {
  const outcome = fc.record({
    ok: fc.boolean(),
    items: fc.integer({ min: 0, max: 200 }),
    latencyMs: fc.integer({ min: 0, max: 40_000 }),
    errorClass: fc.option(fc.constantFrom<ErrorClass>('timeout', 'server', 'rate_limit', 'complexity', 'network'), {
      nil: undefined
    }),
    shrink: fc.option(fc.boolean(), { nil: undefined })
  })

  it('always suggests a size within its bounds, and within what the learnt cost allows', () => {
    checkProperty(
      fc.property(
        fc.integer({ min: -5, max: 60 }),
        fc.integer({ min: -5, max: 150 }),
        fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(outcome, { maxLength: 80 }),
        (min, max, perItem, cap, outcomes) => {
          const sizer = new BatchSizer({ maxPointsPerRequest: () => cap, perItem: () => perItem })
          const lo = Math.max(1, min)
          const hi = Math.max(lo, max)
          const check = (): void => {
            const size = sizer.suggest('create_item', { min, max })
            expect(size).toBeGreaterThanOrEqual(lo)
            expect(size).toBeLessThanOrEqual(hi)
            if (perItem) expect(size).toBeLessThanOrEqual(Math.max(lo, Math.floor(cap / perItem)))
          }
          check()
          for (const o of outcomes) {
            sizer.observe('create_item', o)
            check()
          }
        }
      ),
      300
    )
  })
})
