import { describe, expect, it } from '@jest/globals'
import type { EngineEvent } from '../../src/engine/events.js'
import { limitsFor } from '../../src/engine/limits.js'
import { MetricsRecorder } from '../../src/engine/metrics.js'
import { Scheduler } from '../../src/engine/scheduler.js'
import { FakeClock, flush } from '../helpers/fake-clock.js'

function setup(overrides: Parameters<typeof limitsFor>[1] = {}, concurrency?: number) {
  const clock = new FakeClock()
  const events: EngineEvent[] = []
  const metrics = new MetricsRecorder(clock, 0)
  const scheduler = new Scheduler({
    limits: limitsFor('pro', overrides),
    clock,
    metrics,
    assumeShared: false,
    onEvent: e => void events.push(e),
    ...(concurrency ? { concurrency } : {})
  })
  const started: number[] = []
  const run = (cost: number, id: number) =>
    scheduler.run(cost, async admission => {
      started.push(id)
      scheduler.settle(admission, { points: cost })
      return id
    })
  return { clock, events, metrics, scheduler, started, run }
}

describe('Scheduler', () => {
  it('admits in arrival order, each when the budget has paced enough points', async () => {
    const { clock, run, started, metrics } = setup({ complexityPerMinute: 60_000 })
    // Burst a fifth of the limit (12 000 points); refill 1 point per ms.
    const all = Promise.all([run(12_000, 1), run(3000, 2), run(1000, 3)])
    await flush()
    expect(started).toEqual([1])
    expect(clock.sleeps).toEqual([3000])
    await clock.advance(3000)
    expect(started).toEqual([1, 2])
    await clock.advance(1000)
    expect(started).toEqual([1, 2, 3])
    expect(await all).toEqual([1, 2, 3])
    expect(clock.sleeps).toEqual([3000, 1000])
    expect(metrics.snapshot().throttledMs).toEqual({ budget: 4000 })
  })

  it('holds every request while monday asked to wait, then lets them through', async () => {
    const { clock, run, scheduler, started, events } = setup()
    scheduler.pause(22_000, 'complexity')
    const all = Promise.all([run(10, 1), run(10, 2)])
    await flush()
    expect(started).toEqual([])
    await clock.advance(21_999)
    expect(started).toEqual([])
    await clock.advance(1)
    await all
    expect(started).toEqual([1, 2])
    expect(events).toContainEqual({ type: 'throttle', reason: 'complexity', waitMs: 22_000 })
    // A shorter pause never shortens a longer one.
    scheduler.pause(10_000, 'rate_limit')
    scheduler.pause(5_000, 'rate_limit')
    const third = run(10, 3)
    await clock.advance(9_999)
    expect(started).toEqual([1, 2])
    await clock.advance(1)
    await third
  })

  it('caps requests per minute', async () => {
    const { clock, run, started } = setup({ requestsPerMinute: 10 })
    // Burst 2 requests; then one per 6 s.
    const all = Promise.all([1, 2, 3, 4].map(i => run(1, i)))
    await flush()
    expect(started).toEqual([1, 2])
    await clock.advance(6000)
    expect(started).toEqual([1, 2, 3])
    await clock.advance(6000)
    await all
    expect(started).toEqual([1, 2, 3, 4])
  })

  it('wakes a waiting request early when a report frees budget', async () => {
    const { clock, scheduler, started } = setup({ complexityPerMinute: 10_000 })
    let release: () => void = () => undefined
    const first = scheduler.run(1900, async admission => {
      started.push(1)
      await new Promise<void>(r => (release = r))
      scheduler.settle(admission, { points: 1900, budget: { remaining: 9000, resetInMs: 10_000 } })
    })
    await flush()
    const second = scheduler.run(900, async a => {
      started.push(2)
      scheduler.settle(a, { points: 900 })
    })
    await flush()
    expect(started).toEqual([1])
    release()
    await first
    await clock.advance(0)
    await flush()
    // 800 points short at 10 000 / 60 000 per ms: 4 800 ms. The report (9 000 left, reset in
    // 10 s) raises the rate to 0.9 per ms, and the woken request waits 800 / 0.9 ms instead.
    expect(clock.sleeps[0]).toBe(4800)
    expect(clock.sleeps[1]).toBeCloseTo(888.9, 1)
    await clock.advance(60_000)
    await second
    expect(started).toEqual([1, 2])
  })

  it('limits concurrency and backs off multiplicatively, growing back additively', async () => {
    const { scheduler, events } = setup({ concurrency: 8 })
    expect(scheduler.concurrency).toBe(8)
    scheduler.reduceConcurrency()
    expect(scheduler.concurrency).toBe(6)
    for (let i = 0; i < 20; i++) scheduler.succeeded()
    expect(scheduler.concurrency).toBe(6)
    scheduler.tune(60_000, 1) // a target far above the back-off cap
    expect(scheduler.concurrency).toBe(7)
    expect(scheduler.inFlight()).toMatchObject({ level: 7, peak: 8, binding: 'backoff' })
    scheduler.capConcurrency(3)
    expect(scheduler.concurrency).toBe(3)
    expect(events.filter(e => e.type === 'concurrency')).toEqual([
      { type: 'concurrency', limit: 6 },
      { type: 'concurrency', limit: 7 },
      { type: 'concurrency', limit: 3 }
    ])
  })

  /** A scheduler whose create_subitem requests of 5 took 1 s, then 9 s twice: backed off from 13 to 9. */
  function backedOff() {
    const ctx = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 })
    const { scheduler } = ctx
    const item = { kind: 'create_subitem', items: 5 }
    // 50,000 points per request taking 1 s each: 4 in flight would do, the starting level 8 stays
    for (let i = 0; i < 6; i++) scheduler.tune(1_000, 50_000, item)
    expect(scheduler.inFlight()).toMatchObject({ level: 8, binding: 'complexity' })
    // the same requests now take 9 s: 2.1 s on average over the last 7 (Little's law reads it as more in flight: 7 × 1.6 + 1 = 13)
    scheduler.tune(9_000, 50_000, item)
    expect(scheduler.concurrency).toBe(13)
    // then smoothed 3.88 s per request, 3.88 × the lowest: back off to 13 × 3/4
    scheduler.tune(9_000, 50_000, item)
    expect(scheduler.inFlight()).toMatchObject({ level: 9, binding: 'latency' })
    // no second one before the requests sent after it have answered
    scheduler.tune(9_000, 50_000, item)
    expect(scheduler.concurrency).toBe(9)
    return { ...ctx, item }
  }

  it('backs off when requests queue (time per operation at three times its lowest) and keeps it when the requests sent after it take less', async () => {
    const { scheduler, clock, events, item } = backedOff()
    // the requests sent after it take 2 s (400 ms an operation, from 1.8 s): the queue was ours
    await clock.advance(10_000)
    for (let i = 0; i < 3; i++) scheduler.tune(2_000, 50_000, item)
    expect(scheduler.inFlight()).toMatchObject({ level: 9, binding: 'latency' })
    // still twice the lowest: successes do not raise the cap
    for (let i = 0; i < 40; i++) scheduler.succeeded()
    scheduler.tune(2_000, 50_000)
    expect(scheduler.concurrency).toBe(9)
    expect(events.filter(e => e.type === 'concurrency').map(e => (e.type === 'concurrency' ? e.limit : 0))).toEqual([
      13, 9
    ])
  })

  it('undoes a latency back-off when the requests sent after it take as long: the wait is not ours (a busy machine)', async () => {
    const { scheduler, clock, item } = backedOff()
    // answered after the back-off but sent before it: they do not judge it
    await clock.advance(5_000)
    scheduler.tune(9_000, 50_000, item)
    expect(scheduler.concurrency).toBe(9)
    // sent after it, as slow: fewer in flight did not shorten the wait
    await clock.advance(10_000)
    for (let i = 0; i < 3; i++) scheduler.tune(9_000, 50_000, item)
    expect(scheduler.inFlight()).toMatchObject({ level: 30, binding: 'complexity' })
    // 9 s is this kind's time now: no back-off while it stays so
    await clock.advance(10_000)
    for (let i = 0; i < 5; i++) scheduler.tune(9_000, 50_000, item)
    expect(scheduler.inFlight().binding).toBe('complexity')
  })

  it("shares the account's concurrency: what it has on the server plus half of the free slots monday reports", async () => {
    const { scheduler } = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 })
    const release: (() => void)[] = []
    const running = Array.from({ length: 8 }, () =>
      scheduler.run(1, async admission => {
        await new Promise<void>(resolve => release.push(resolve))
        scheduler.settle(admission, { points: 1 })
      })
    )
    await flush()
    expect(release).toHaveLength(8)
    // cheap requests: Little's law wants the plan's 100, but other jobs hold 80 of the account's 100 slots
    scheduler.shareConcurrency(12)
    scheduler.tune(14_000, 100)
    expect(scheduler.inFlight()).toMatchObject({ level: 14, binding: 'concurrency' })
    // they finished: 92 free, ours 8 on the server
    scheduler.shareConcurrency(92)
    scheduler.tune(14_000, 100)
    expect(scheduler.concurrency).toBe(54)
    // nothing free: no more than we have, and never under a quarter of the starting level
    scheduler.shareConcurrency(0)
    expect(scheduler.concurrency).toBe(8)
    for (const r of release) r()
    await Promise.all(running)
    scheduler.shareConcurrency(0)
    expect(scheduler.concurrency).toBe(2)
  })

  it("counts its requests in a report taken at monday's answer by monday's time, whatever the time scale", async () => {
    const clock = new FakeClock()
    // at time scale 20 a request may overtake another within 250 / 20 clock milliseconds
    const { points } = new Scheduler({ limits: limitsFor('pro'), clock, timeScale: 20 })
    const a = points.take(100_000)
    await clock.advance(100) // 2 emulated seconds
    points.take(100_000)
    await clock.advance(100)
    // the RateLimit header of a's answer: both of ours were charged by then
    points.settle(a, 100_000, { remaining: 9_800_000, resetInMs: 2_000, asOf: 'response' })
    expect(points.available()).toBe(9_800_000)
  })

  it("on a shared account takes at most half its share of the plan's concurrency", () => {
    const clock = new FakeClock()
    // a new client assumes another job may start with it: a quarter of the account until reports show
    // otherwise, plus the fairness boost (0.1): half of 35% of 100
    const scheduler = new Scheduler({ limits: limitsFor('pro'), clock })
    scheduler.tune(14_000, 100)
    expect(scheduler.inFlight()).toMatchObject({ level: 17, binding: 'concurrency' })
  })

  it("sets the requests in flight by Little's law: the budget's rate × the request time", () => {
    const { scheduler } = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 })
    // 50,000 points per request: 200 requests a minute, 1 every 300 ms; 14 s each → 46.7 in flight, × 1.6 and one
    scheduler.tune(14_000, 50_000)
    expect(scheduler.inFlight()).toMatchObject({ level: 76, binding: 'complexity', requestMs: 14_000 })
    // cheap requests: the request rate (2,500 a minute: 700 in flight at 14 s) passes the plan's 100
    const cheap = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 }).scheduler
    cheap.tune(14_000, 100)
    expect(cheap.inFlight()).toMatchObject({ level: 100, binding: 'concurrency' })
    cheap.tune(14_000, 100)
    expect(cheap.concurrency).toBe(100)
    // a fast server needs no more than the starting level
    const fast = setup({}).scheduler
    for (let i = 0; i < 10; i++) fast.tune(1, 10_000)
    expect(fast.concurrency).toBe(8)
  })

  it("keeps Little's law over the recent requests: a burst of one kind does not pull the level down", () => {
    const { scheduler } = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 })
    // at 2× the profile: 2 create_subitem take 14 s (20,000 points), 9 create_item 18 s (90,000 points)
    for (let i = 0; i < 20; i++) scheduler.tune(14_000, 20_000)
    expect(scheduler.inFlight()).toMatchObject({ level: 100, binding: 'concurrency' })
    // ten item batches answer in a row: over the last 30 requests 0.354 ms per point, 59 in flight,
    // × 1.6 and one (smoothing request by request read 18 s per 90,000 points: 41)
    for (let i = 0; i < 10; i++) scheduler.tune(18_000, 90_000)
    expect(scheduler.inFlight()).toMatchObject({ level: 96, binding: 'complexity', requestMs: 15_333 })
  })

  it('counts a request in the level from its admission with the time it is expected to take', async () => {
    const { scheduler, clock } = setup({ complexityPerMinute: 10_000_000, requestsPerMinute: 2_500, concurrency: 100 })
    let answer: (ms: number) => void = () => undefined
    // 18 create_item expected at 1.1 s each (20 s, 180,000 points): 18.5 in flight reach the budget, × 1.6 and one
    const first = scheduler.run(
      180_000,
      async admission =>
        await new Promise<void>(resolve => {
          answer = ms => {
            scheduler.settle(admission, { points: 180_000 })
            scheduler.tune(ms, 180_000, undefined, admission)
            resolve()
          }
        }),
      undefined,
      20_000
    )
    await flush()
    expect(scheduler.inFlight()).toMatchObject({ level: 31, binding: 'complexity', requestMs: 20_000 })
    // it took twice as long: its measured time replaces the expectation
    await clock.advance(40_000)
    answer(40_000)
    await first
    expect(scheduler.inFlight()).toMatchObject({ level: 61, requestMs: 40_000 })
  })

  it('never has more than the concurrency limit in flight', async () => {
    const { scheduler } = setup({}, 2)
    let inFlight = 0
    let peak = 0
    const resolvers: (() => void)[] = []
    const runs = [1, 2, 3, 4, 5].map(() =>
      scheduler.run(1, async a => {
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise<void>(r => resolvers.push(r))
        inFlight--
        scheduler.settle(a, {})
      })
    )
    for (let i = 0; i < 5; i++) {
      await flush()
      resolvers.shift()?.()
    }
    await Promise.all(runs)
    expect(peak).toBe(2)
  })

  it('rejects a waiting request when its signal aborts', async () => {
    const { scheduler, run } = setup({ complexityPerMinute: 1000 })
    await run(100, 1)
    const controller = new AbortController()
    const waiting = scheduler.run(500, async () => 'never', controller.signal)
    await flush()
    controller.abort(new Error('stopped'))
    await expect(waiting).rejects.toThrow('stopped')
  })
})
