import pLimit, { type LimitFunction } from 'p-limit'
import type { Clock } from './clock.js'
import type { EngineEventHandler } from './events.js'
import { LatencyWatch } from './latency-watch.js'
import type { AccountLimits } from './limits.js'
import type { MetricsRecorder, ThrottleReason } from './metrics.js'
import type { InFlightState } from './run-types.js'
import { PacedWindow, type Ticket, type WindowReport } from './paced-window.js'
import { RequestMix } from './request-mix.js'

export interface SchedulerOptions {
  limits: AccountLimits
  clock: Clock
  /** An emulated minute lasts 60 / timeScale clock seconds; default 1. */
  timeScale?: number
  /** Requests in flight at most; default (and ceiling) the plan's concurrency limit. */
  concurrency?: number
  /** Requests in flight until the first answers tune it; default 8. */
  initialConcurrency?: number
  metrics?: MetricsRecorder
  onEvent?: EngineEventHandler
  /** Treat the account as shared until the reports show otherwise (see `PacedWindow`); default true. */
  assumeShared?: boolean
}

/** A request the scheduler let through; settle it with what the server reported. */
export interface Admission {
  points: Ticket
  requests: Ticket
}

/**
 * Which limit the in-flight level is set by: the budget's or the rate's target, the plan's limit, a
 * back-off after `MAX_CONCURRENCY_EXCEEDED` or a timeout, or a back-off after requests queued.
 */
export type BindingLimit = 'complexity' | 'rate' | 'concurrency' | 'backoff' | 'latency'

/** Smoothed time per operation this many times its run's lowest: requests queue, back off (monday's own spread is about 1.2). */
const QUEUEING_BACKOFF = 3
/**
 * The level over Little's law's mean. Pacing spends what a window has left by its reset, so a
 * window's last seconds can send a burst of long requests (a batch of subitems runs ~20 s) that
 * are still on monday when the window resets; with a fifth of headroom they held every slot and
 * the new window opened only when they came back (5-7 s of every minute unspent).
 */
const HEADROOM = 1.6
/** The same on a shared account, where every job paces at its share of the budget: four jobs at 1.6 refused 1% of their requests at the windows' ends, at 1.2 0.2%. */
const SHARED_HEADROOM = 1.2
/**
 * Milliseconds of monday's time within which a request admitted before another may reach monday after
 * it (a new TLS connection): see `PacedWindowOptions.overtakeMs`. In monday's time like every duration:
 * at a time scale of 20, 250 clock milliseconds are 5 emulated seconds of our requests, and the budget's
 * reports taken at the answer counted them as not yet charged (a single job spent 91% of its budget
 * instead of 95%).
 */
const OVERTAKE_MS = 250
/** Below this, the back-off cap may grow again. */
const QUEUEING_CLEAR = 2
/**
 * A latency back-off is judged on the first requests sent after it (`TRIAL_SAMPLES` of its kind): if
 * their time per operation is not this share below the smoothed time that set it off, the wait was
 * not ours (a busy machine, another path) and fewer requests in flight only lose throughput: the
 * back-off is undone and their time becomes the kind's reference.
 */
const QUEUEING_FELL = 0.1
const TRIAL_SAMPLES = 3

/** The in-flight control loop's state, for metrics and progress lines. */
export type InFlightReport = InFlightState & { binding: BindingLimit }

/**
 * Admits requests in arrival order when they fit the complexity budget, the request rate and the
 * concurrency limit, and holds every request while monday has asked us to wait (a 429's
 * `retry_in_seconds` applies to the account, not only the request that received it).
 *
 * The requests in flight follow Little's law: to reach the rate the binding limit allows (budget ÷
 * points per request, or the request rate), level = rate × request time, × 1.6 (`HEADROOM`),
 * never below the starting level nor above the plan's concurrency limit. `MAX_CONCURRENCY_EXCEEDED`, timeouts and
 * queueing (a kind's time per operation at three times its lowest, `LatencyWatch`) lower a back-off cap by a quarter;
 * twenty successes in a row without queueing raise it by one. A latency back-off that the requests sent after it
 * show did not shorten the wait is undone (the wait is not ours).
 */
export class Scheduler {
  readonly points: PacedWindow
  readonly requests: PacedWindow
  private readonly limiter: LimitFunction
  private readonly ceiling: number
  private gate: Promise<unknown> = Promise.resolve()
  private pausedUntil = 0
  private pauseReason: ThrottleReason = 'rate_limit'
  private changed = new AbortController()
  private streak = 0
  private readonly latency = new LatencyWatch()
  /** The last request's queueing ratio (1: no queueing). */
  private queueing = 1
  private latencyBackoffAt = -Infinity
  /** The latency back-off being judged: its kind, the smoothed time per operation that set it off, when, the cap before it, and the times per operation of requests sent after it. */
  private latencyTrial: { kind: string; perOperation: number; at: number; cap: number; after: number[] } | undefined
  private backoffReason: 'backoff' | 'latency' = 'backoff'

  constructor(private readonly options: SchedulerOptions) {
    const windowMs = (options.limits.windowSeconds * 1000) / (options.timeScale ?? 1)
    const common = {
      windowMs,
      clock: options.clock,
      overtakeMs: OVERTAKE_MS / (options.timeScale ?? 1),
      ...(options.assumeShared === false ? { assumeShared: false } : {})
    }
    this.points = new PacedWindow({ limit: options.limits.complexityPerMinute, ...common })
    this.requests = new PacedWindow({ limit: options.limits.requestsPerMinute, ...common })
    this.ceiling = Math.max(1, Math.min(options.concurrency ?? options.limits.concurrency, options.limits.concurrency))
    this.backoffCap = this.ceiling
    this.floor = Math.min(this.ceiling, Math.max(1, options.initialConcurrency ?? 8))
    this.limiter = pLimit(this.floor)
    this.peak = this.limiter.concurrency
  }

  /** The level the loop never goes below by itself (only a back-off does). */
  private readonly floor: number

  private backoffCap: number
  /** Our share of the account's concurrency: what we have on the server plus half of the free slots. */
  private shareCap = Infinity
  /** Requests admitted and not yet answered: ours on the server. */
  private sending = 0
  private peak: number
  private binding: BindingLimit = 'concurrency'
  /** Time and points of the recent requests, expected from admission, measured once answered. */
  private readonly mix = new RequestMix()

  /** The control loop's state. */
  inFlight(): InFlightReport {
    return {
      level: this.limiter.concurrency,
      peak: this.peak,
      binding: this.binding,
      requestMs: Math.round(this.mix.meanMs())
    }
  }

  /**
   * Takes in one answered request (clock milliseconds, points it cost; `admission` matches it to its
   * expectation) and sets the level: the binding limit's rate × the request time (Little's law),
   * capped by the plan and the back-off. With `sample` (the request's kind and operations), a
   * request that queued lowers the back-off cap, at most once per request time and not while an earlier one is
   * judged (`judgeLatencyBackoff`).
   */
  tune(requestMs: number, points: number, sample?: { kind: string; items: number }, admission?: Admission): void {
    this.mix.answered(admission?.points, requestMs, points)
    const now = this.options.clock.now()
    if (sample) {
      this.queueing = this.latency.observe(sample.kind, sample.items, requestMs)
      this.judgeLatencyBackoff(sample, requestMs, now)
    }
    if (
      sample &&
      this.latencyTrial === undefined &&
      this.queueing >= QUEUEING_BACKOFF &&
      now - this.latencyBackoffAt >= this.mix.meanMs()
    ) {
      this.latencyBackoffAt = now
      const perOperation = this.latency.smoothed(sample.kind) ?? 0
      this.latencyTrial = { kind: sample.kind, perOperation, at: now, cap: this.backoffCap, after: [] }
      this.lowerBackoffCap('latency')
    }
    this.setLevel()
  }

  /**
   * Keeps a latency back-off if the requests sent after it took less time per operation (ours queued),
   * else undoes it: the wait is not ours and does not shrink with fewer in flight (measured: load-board
   * at twice monday's latency on a busy machine took ~45 ms an item at 90 and at 41 in flight, and
   * lost half its throughput while the back-off held).
   */
  private judgeLatencyBackoff(sample: { kind: string; items: number }, requestMs: number, now: number): void {
    const trial = this.latencyTrial
    if (trial === undefined) return
    // requests of other kinds, or too few sent after it for long: keep the back-off
    if (now - trial.at > 4 * Math.max(this.mix.meanMs(), requestMs)) this.latencyTrial = undefined
    if (sample.kind !== trial.kind || sample.items < 1 || now - requestMs < trial.at) return
    trial.after.push(requestMs / sample.items)
    if (trial.after.length < TRIAL_SAMPLES) return
    this.latencyTrial = undefined
    const after = trial.after.reduce((a, b) => a + b, 0) / trial.after.length
    // what the requests sent after it took is the kind's time now (the smoothed time still carries the queue)
    const ours = after <= trial.perOperation * (1 - QUEUEING_FELL)
    this.queueing = this.latency.rebase(trial.kind, after, !ours)
    if (!ours) this.backoffCap = Math.max(this.backoffCap, trial.cap)
  }

  /**
   * The level from Little's law over the recent requests: the budget's rate (points per ms) × their
   * time per point, or the request rate × their mean time, whichever is lower, × `HEADROOM` plus one.
   */
  private setLevel(): void {
    // on a shared account our part of the budget (PacedWindow.share): the others' requests count
    // against the account's concurrency limit too, and every job's waiting requests go at a reset
    const msPerPoint = this.mix.msPerPoint()
    const share = this.points.share()
    const budgetLevel = msPerPoint > 0 ? ((this.points.limit * share) / this.points.windowMs) * msPerPoint : Infinity
    const rateLevel = (this.requests.limit / this.requests.windowMs) * this.mix.meanMs()
    // a shared account: each job paces at its share of the budget (PacedWindow), so no window ends in
    // a burst and a fifth over Little's law does; at most half our share of the plan's limit (the
    // shares are estimates)
    const headroom = share < 1 ? SHARED_HEADROOM : HEADROOM
    const target = Math.max(this.floor, Math.ceil(Math.min(budgetLevel, rateLevel) * headroom - 1e-9) + 1)
    const shared = share < 1 ? Math.max(this.floor, Math.floor((this.ceiling * share) / 2)) : Infinity
    const level = Math.max(1, Math.min(target, this.ceiling, this.backoffCap, this.shareCap, shared))
    this.binding =
      level === this.backoffCap && this.backoffCap < Math.min(target, this.ceiling)
        ? this.backoffReason
        : target >= Math.min(this.ceiling, this.shareCap, shared)
          ? 'concurrency'
          : budgetLevel <= rateLevel
            ? 'complexity'
            : 'rate'
    this.setConcurrency(level)
  }

  /** Requests allowed in flight now. */
  get concurrency(): number {
    return this.limiter.concurrency
  }

  /**
   * Runs `fn` once it is admitted for `cost` points; `fn` must settle the admission. `expectedMs`
   * (clock), when known, counts the request in the level's estimate from now, until `tune` takes
   * in its measured time.
   */
  async run<T>(
    cost: number,
    fn: (admission: Admission) => Promise<T>,
    signal?: AbortSignal,
    expectedMs?: number
  ): Promise<T> {
    return await this.limiter(async () => {
      const turn = this.gate.then(async () => await this.admit(cost, signal))
      this.gate = turn.catch(() => undefined)
      const admission = await turn
      if (expectedMs !== undefined && expectedMs > 0) {
        this.mix.admitted(admission.points, expectedMs, cost)
        this.setLevel()
      }
      this.sending += 1
      try {
        return await fn(admission)
      } finally {
        this.sending -= 1
      }
    })
  }

  /**
   * Takes in the account's free concurrency slots a response reported (`RateLimit: "concurrency";r=`).
   * The plan's limit is per account [RL]: other jobs' requests count against it too. Our level may
   * then reach what we have on the server plus our share of the free slots (our part of the
   * account's spending, `PacedWindow.share`, at most half), so jobs that each take their share of
   * what they see free do not together pass the limit; a lone job closes half the gap per answer.
   */
  shareConcurrency(free: number): void {
    const share = Math.min(0.5, this.points.share())
    this.shareCap = Math.max(this.floorShare(), this.sending + Math.floor(Math.max(0, free) * share))
    if (this.limiter.concurrency > this.shareCap) this.setConcurrency(this.shareCap)
  }

  /** The least a job keeps of a shared limit: enough to keep learning, a quarter of its starting level. */
  private floorShare(): number {
    return Math.max(1, Math.floor(this.floor / 4))
  }

  /** Takes in the server's view after a request. */
  settle(admission: Admission, outcome: { points?: number; budget?: WindowReport; rate?: WindowReport }): void {
    this.points.settle(admission.points, outcome.points, outcome.budget)
    this.requests.settle(admission.requests, undefined, outcome.rate)
    this.wake()
  }

  /** Holds every request for `ms` clock milliseconds (monday asked us to wait). */
  pause(ms: number, reason: ThrottleReason): void {
    const until = this.options.clock.now() + ms
    if (until <= this.pausedUntil) return
    this.pausedUntil = until
    this.pauseReason = reason
    this.wake()
  }

  /** Multiplicative decrease after `MAX_CONCURRENCY_EXCEEDED` or a timeout: the back-off cap drops by a quarter. */
  reduceConcurrency(): void {
    this.lowerBackoffCap('backoff')
  }

  private lowerBackoffCap(reason: 'backoff' | 'latency'): void {
    this.streak = 0
    this.backoffCap = Math.max(1, Math.floor(this.limiter.concurrency * 0.75))
    this.binding = this.backoffReason = reason
    this.setConcurrency(Math.min(this.limiter.concurrency, this.backoffCap))
  }

  /** Additive increase of the back-off cap towards the ceiling after successes while requests do not queue. */
  succeeded(): void {
    if (this.queueing >= QUEUEING_CLEAR) {
      this.streak = 0
      return
    }
    // the server refused (MAX_CONCURRENCY_EXCEEDED, a timeout): grow back slowly; queueing that cleared: faster
    const after = this.backoffReason === 'latency' ? 5 : 20
    if (this.backoffCap >= this.ceiling || ++this.streak < after) return
    this.streak = 0
    this.backoffCap += 1
  }

  /** Lowers the ceiling to what the server announces (`RateLimit-Policy: "concurrency";q=`). */
  capConcurrency(limit: number): void {
    this.backoffCap = Math.min(this.backoffCap, Math.max(1, limit))
    if (limit < this.limiter.concurrency) this.setConcurrency(Math.max(1, limit))
  }

  private setConcurrency(limit: number): void {
    if (limit === this.limiter.concurrency) return
    this.limiter.concurrency = limit
    this.peak = Math.max(this.peak, limit)
    this.options.onEvent?.({ type: 'concurrency', limit })
  }

  private async admit(cost: number, signal?: AbortSignal): Promise<Admission> {
    for (;;) {
      signal?.throwIfAborted()
      const now = this.options.clock.now()
      if (this.pausedUntil > now) {
        await this.wait(this.pausedUntil - now, this.pauseReason, signal)
        continue
      }
      const rateWait = this.requests.waitFor(1)
      if (rateWait > 0) {
        await this.wait(rateWait, 'rate', signal)
        continue
      }
      const budgetWait = this.points.waitFor(cost)
      if (budgetWait > 0) {
        await this.wait(budgetWait, 'budget', signal)
        continue
      }
      return { points: this.points.take(cost), requests: this.requests.take(1) }
    }
  }

  /** Sleeps up to `ms`, waking early when a response changes what the server told us. */
  private async wait(ms: number, reason: ThrottleReason, signal?: AbortSignal): Promise<void> {
    const started = this.options.clock.now()
    const wake = this.changed.signal
    const both = signal ? AbortSignal.any([signal, wake]) : wake
    this.options.onEvent?.({ type: 'throttle', reason, waitMs: ms })
    try {
      await this.options.clock.sleep(ms, both)
    } catch (e: unknown) {
      if (signal?.aborted) throw e
    } finally {
      this.options.metrics?.throttle(reason, this.options.clock.now() - started)
    }
  }

  private wake(): void {
    this.changed.abort()
    this.changed = new AbortController()
  }
}
