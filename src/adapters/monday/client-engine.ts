/** The engine parts one client drives, built from its options: limits, metrics, costs, scheduler, sizer, breaker. */
import { BatchSizer } from '../../engine/batch-size.js'
import { createBreaker } from '../../engine/breaker.js'
import { systemClock } from '../../engine/clock.js'
import { CostModel, defaultCost } from '../../engine/cost-model.js'
import type { AccountLimits } from '../../engine/limits.js'
import { limitsFor } from '../../engine/limits.js'
import { MetricsRecorder } from '../../engine/metrics.js'
import { Scheduler } from '../../engine/scheduler.js'
import { ServerTimes } from '../../engine/server-times.js'
import { isServiceFailure, type AttemptContext } from './attempt.js'
import type { MondayClientOptions } from './client-options.js'

/** monday cuts a request at 60 s [BP]; the client gives up a little later (monday ms, ÷ the time scale). */
const DEFAULT_TIMEOUT_MS = 75_000
/**
 * Clock milliseconds the default timeout never goes under: against an emulator at a time scale, a
 * loaded machine stalls in real time, and a request timed out before the server even took it up
 * would be reconciled while it is still to run. The server's own 504 comes at its 60 s anyway.
 */
const MIN_TIMEOUT_MS = 60_000
/** A request's p90 should stay inside a third of monday's timeout (monday ms). */
const TARGET_REQUEST_MS = 20_000
/** A successful request slower than this shrinks its kind's batch (monday ms). */
const SLOW_REQUEST_MS = 30_000

/** Most operations whose p90 (monday ms each) fit in `withinMs`, run one after another; undefined without a figure. */
function operationsWithin(withinMs: number, p90: number | undefined): number | undefined {
  return p90 === undefined ? undefined : Math.max(1, Math.floor(withinMs / p90))
}

/**
 * Most operations of `kind` one request should carry: monday runs aliases one after another, so
 * keep a request's p90 inside a third of its 60 s timeout. Undefined for a kind with no figure.
 */
export function timeCap(times: ServerTimes, kind: string): number | undefined {
  return operationsWithin(TARGET_REQUEST_MS, times.p90(kind))
}

/**
 * Most operations of `kind` one request may carry whatever the configured minimum: a measured p90
 * inside half of monday's timeout (the slow-request mark). Undefined until the kind is measured.
 */
export function hardTimeCap(times: ServerTimes, kind: string): number | undefined {
  return operationsWithin(SLOW_REQUEST_MS, times.measuredP90(kind))
}

/** What one attempt needs (`AttemptContext`) plus the limits in force. */
export interface ClientEngine extends AttemptContext {
  limits: AccountLimits
}

/** The scheduler (budget, rate, concurrency) and the batch sizer over it. */
function pacing(options: MondayClientOptions, limits: AccountLimits, metrics: MetricsRecorder, costs: CostModel) {
  const { onEvent } = options
  const scheduler = new Scheduler({
    limits,
    clock: options.clock ?? systemClock,
    timeScale: options.timeScale ?? 1,
    metrics,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.initialConcurrency ? { initialConcurrency: options.initialConcurrency } : {}),
    ...(onEvent ? { onEvent } : {})
  })
  const timeScale = options.timeScale ?? 1
  const times = new ServerTimes(timeScale)
  const sizer = new BatchSizer({
    maxPointsPerRequest: () => Math.min(limits.queryComplexityCap * 0.8, scheduler.points.limit * 0.1),
    perItem: kind => costs.perItem(kind) ?? defaultCost(kind).perItem,
    // monday runs aliases one after another: keep a request's p90 inside a third of its 60 s timeout
    timeCap: kind => timeCap(times, kind),
    hardCap: kind => hardTimeCap(times, kind),
    slowMs: SLOW_REQUEST_MS / timeScale,
    onSize: (kind, size) => metrics.batchSize(kind, size),
    ...(onEvent ? { onEvent } : {})
  })
  return { scheduler, sizer, times }
}

/** Builds the engine of one client; every request of the client shares it. */
export function createClientEngine(options: MondayClientOptions): ClientEngine {
  const clock = options.clock ?? systemClock
  const timeScale = options.timeScale ?? 1
  const { onEvent } = options
  const limits = limitsFor(options.plan ?? 'pro', options.limits)
  const metrics = new MetricsRecorder(clock, limits.complexityPerMinute, 1_000, 60_000 / timeScale)
  const costs = new CostModel()
  const breaker = createBreaker({
    isFailure: isServiceFailure,
    threshold: options.breaker?.threshold ?? 10,
    halfOpenAfterMs: (options.breaker?.halfOpenAfterMs ?? 30_000) / timeScale,
    initialState: options.breaker?.initialState,
    ...(onEvent ? { onEvent } : {})
  })
  return {
    url: options.url ?? 'https://api.monday.com/v2',
    headers: { Authorization: options.token, 'API-Version': options.apiVersion ?? '2026-10' },
    clock,
    timeScale,
    // the server answers 504 at its own 60 s; this is a safety net, never under 60 s of clock time
    timeoutMs: options.requestTimeoutMs ?? Math.max(DEFAULT_TIMEOUT_MS / timeScale, MIN_TIMEOUT_MS),
    limits,
    metrics,
    costs,
    breaker,
    ...pacing(options, limits, metrics, costs),
    ...(onEvent ? { onEvent } : {})
  }
}
