/** One attempt of a request: admitted by the scheduler, guarded by the breaker, sent, parsed, learnt from. */
import { isBrokenCircuitError } from 'cockatiel'
import type { BatchSizer } from '../../engine/batch-size.js'
import type { BreakerHandle } from '../../engine/breaker.js'
import type { Clock } from '../../engine/clock.js'
import type { CostModel } from '../../engine/cost-model.js'
import type { EngineEventHandler } from '../../engine/events.js'
import type { MetricsRecorder } from '../../engine/metrics.js'
import type { WindowReport } from '../../engine/paced-window.js'
import type { Scheduler } from '../../engine/scheduler.js'
import type { ServerTimes } from '../../engine/server-times.js'
import { SHRINK_CODES, classifyTransportError } from './classify.js'
import type { PreparedDocument } from './complexity-field.js'
import { readRateLimitHeaders, type RateLimitInfo } from './rate-limit-headers.js'
import { parseResponse, type ParsedResponse } from './response.js'
import { post, TransportError, type RawAnswer } from './transport.js'
import type { ClassifiedError, RequestMeta } from './types.js'

/** What an attempt needs from the client; built once per client. */
export interface AttemptContext {
  url: string
  headers: Record<string, string>
  clock: Clock
  timeScale: number
  timeoutMs: number
  scheduler: Scheduler
  /** Server time per operation, learnt per kind. */
  times: ServerTimes
  breaker: BreakerHandle
  metrics: MetricsRecorder
  costs: CostModel
  sizer: BatchSizer
  onEvent?: EngineEventHandler
}

export interface AttemptInput {
  document: PreparedDocument
  variables: Record<string, unknown>
  meta: RequestMeta
  estimate: number
  idempotencyKey: string | undefined
  strict: boolean
  attempt: number
}

export type AttemptResult =
  { ok: true; parsed: ParsedResponse } | { ok: false; failure: ClassifiedError; parsed?: ParsedResponse }

/** An HTTP 5xx, thrown inside the breaker so it counts as a failure of the service. */
class ServerAnswer extends Error {
  constructor(readonly answer: RawAnswer) {
    super(`HTTP ${answer.status}`)
  }
}

/** Failures that open the circuit: the service is down or unreachable, not our request at fault. */
export const isServiceFailure = (e: unknown): boolean => e instanceof ServerAnswer || e instanceof TransportError

async function exchange(ctx: AttemptContext, input: AttemptInput): Promise<RawAnswer | ClassifiedError> {
  const headers =
    input.idempotencyKey && input.document.isMutation
      ? { ...ctx.headers, 'Idempotency-Key': input.idempotencyKey }
      : ctx.headers
  try {
    return await ctx.breaker.policy.execute(async () => {
      const answer = await post({
        url: ctx.url,
        headers,
        document: input.document.text,
        variables: input.variables,
        clock: ctx.clock,
        timeoutMs: ctx.timeoutMs,
        signal: input.meta.signal
      })
      if (answer.status >= 500) throw new ServerAnswer(answer)
      return answer
    })
  } catch (e: unknown) {
    if (e instanceof ServerAnswer) return e.answer
    if (e instanceof TransportError) return classifyTransportError(e, e.timedOut)
    if (isBrokenCircuitError(e))
      return { errorClass: 'server', action: 'backoff', message: 'circuit open after repeated server failures' }
    throw e
  }
}

/** The limits the headers announce, applied to the scheduler; returns the rate report. */
function applyHeaders(ctx: AttemptContext, info: RateLimitInfo): WindowReport | undefined {
  const q = info.complexity?.q
  if (q !== undefined && q !== ctx.scheduler.points.limit) {
    ctx.scheduler.points.setLimit(q)
    ctx.metrics.budgetPerMinute = q
    ctx.onEvent?.({ type: 'limits', limit: 'complexityPerMinute', value: q })
  }
  const rq = info.minuteRate?.q
  if (rq !== undefined && rq !== ctx.scheduler.requests.limit) {
    ctx.scheduler.requests.setLimit(rq)
    ctx.onEvent?.({ type: 'limits', limit: 'requestsPerMinute', value: rq })
  }
  if (info.concurrency?.q !== undefined) ctx.scheduler.capConcurrency(info.concurrency.q)
  if (info.concurrency?.r !== undefined) ctx.scheduler.shareConcurrency(info.concurrency.r)
  const r = info.minuteRate?.r
  return r === undefined
    ? undefined
    : {
        remaining: r,
        asOf: 'response',
        ...(info.minuteRate?.t === undefined ? {} : { resetInMs: (info.minuteRate.t * 1000) / ctx.timeScale })
      }
}

/**
 * What the budget's window had left. The `RateLimit` header's `complexityMinute` first: monday takes
 * it when it answers, so it counts every job's spending until then. The `complexity` field is taken
 * when the query was charged, at its start [CPLX]: for a batch of subitems that ran 20 s it is 20 s
 * old, and four jobs pacing on such figures kept sending into a window the others had spent (1-2% of
 * their requests refused in the bench's shared-account scenario; none on the header's). The field's
 * reset stands in when the header gives none (`t` is sent "when exhausted or known").
 */
function budgetReport(
  ctx: AttemptContext,
  parsed: ParsedResponse,
  info: RateLimitInfo,
  latencyMs: number
): WindowReport | undefined {
  const scale = (ms: number): number => ms / ctx.timeScale
  const c = info.complexity
  if (c?.r !== undefined) {
    const field = parsed.complexity
    const resetInMs =
      c.t !== undefined
        ? scale(c.t * 1000)
        : field
          ? Math.max(0, scale(field.resetInSeconds * 1000) - latencyMs)
          : undefined
    return { remaining: c.r, asOf: 'response', ...(resetInMs === undefined ? {} : { resetInMs }) }
  }
  if (parsed.complexity)
    return { remaining: parsed.complexity.after, resetInMs: scale(parsed.complexity.resetInSeconds * 1000) }
  if (parsed.budgetHint)
    return {
      remaining: parsed.budgetHint.remaining,
      ...(parsed.budgetHint.resetInMs === undefined ? {} : { resetInMs: scale(parsed.budgetHint.resetInMs) })
    }
  return undefined
}

/** Runs one attempt through the scheduler and records what it learnt. */
export async function runAttempt(ctx: AttemptContext, input: AttemptInput): Promise<AttemptResult> {
  const { meta } = input
  return await ctx.scheduler.run(
    input.estimate,
    async admission => {
      const started = ctx.clock.now()
      let outcome: RawAnswer | ClassifiedError
      try {
        outcome = await exchange(ctx, input)
      } catch (e: unknown) {
        ctx.scheduler.settle(admission, { points: 0 })
        throw e
      }
      const latencyMs = ctx.clock.now() - started
      if (!('text' in outcome)) {
        // No answer: the request may have run; keep the estimate charged.
        ctx.scheduler.settle(admission, {})
        record(ctx, input, { ok: false, latencyMs, failure: outcome })
        return { ok: false, failure: outcome }
      }
      const parsed = parseResponse(outcome.status, outcome.headers, outcome.text, input.strict, ctx.clock.now())
      const info = readRateLimitHeaders(outcome.headers)
      const rate = applyHeaders(ctx, info)
      const budget = budgetReport(ctx, parsed, info, latencyMs)
      const points = parsed.complexity?.query ?? (parsed.failure?.notProcessed ? 0 : undefined)
      ctx.scheduler.settle(admission, {
        ...(points === undefined ? {} : { points }),
        ...(budget ? { budget } : {}),
        ...(rate ? { rate } : {})
      })
      if (parsed.failure) {
        record(ctx, input, { ok: false, latencyMs, failure: parsed.failure, points })
        return { ok: false, failure: parsed.failure, parsed }
      }
      if (parsed.complexity && meta.items > 0) ctx.costs.observe(meta.kind, meta.items, parsed.complexity.query)
      if (!parsed.replayed) ctx.times.observe(meta.kind, meta.items, latencyMs)
      ctx.scheduler.succeeded()
      ctx.scheduler.tune(latencyMs, points ?? input.estimate, parsed.replayed ? undefined : meta, admission)
      record(ctx, input, { ok: true, latencyMs, points })
      return { ok: true, parsed }
    },
    meta.signal,
    // counted in the in-flight level from now with the time its kind is expected to take
    meta.items > 0 ? ctx.times.requestMs(meta.kind, meta.items) : undefined
  )
}

function record(
  ctx: AttemptContext,
  input: AttemptInput,
  o: { ok: boolean; latencyMs: number; failure?: ClassifiedError; points?: number | undefined }
): void {
  const { kind, items } = input.meta
  ctx.metrics.request(kind, {
    ok: o.ok,
    items,
    latencyMs: o.latencyMs,
    ...(o.points === undefined ? {} : { points: o.points })
  })
  ctx.sizer.observe(kind, {
    ok: o.ok,
    items,
    latencyMs: o.latencyMs,
    ...(o.failure
      ? {
          errorClass: o.failure.errorClass,
          shrink: o.failure.action === 'shrink' || SHRINK_CODES.includes(o.failure.code ?? '')
        }
      : {})
  })
  ctx.onEvent?.({
    type: 'request',
    kind,
    items,
    ok: o.ok,
    latencyMs: o.latencyMs,
    attempt: input.attempt,
    ...(o.points === undefined ? {} : { points: o.points })
  })
}
