/** The default `MondayClient`: graphql-request transport, driven by the engine. */
import { BatchSizer } from '../../engine/batch-size.js'
import { createBreaker } from '../../engine/breaker.js'
import { systemClock } from '../../engine/clock.js'
import { CostModel, defaultCost } from '../../engine/cost-model.js'
import { limitsFor } from '../../engine/limits.js'
import { MetricsRecorder } from '../../engine/metrics.js'
import { RetryTimer } from '../../engine/retry-timer.js'
import { Scheduler } from '../../engine/scheduler.js'
import { isServiceFailure, runAttempt, type AttemptContext } from './attempt.js'
import type { DefaultMondayClient, MondayClientOptions } from './client-options.js'
import { LIMIT_CLASSES } from './classify.js'
import { withComplexity } from './complexity-field.js'
import { PROBE_QUERY } from './documents.js'
import {
  MondayRequestFailedError,
  type ClassifiedError,
  type MondayGraphqlError,
  type MondayRequest,
  type MondayResponse,
  type RequestMeta
} from './types.js'

export type { DefaultMondayClient, MondayClientOptions }

function failureMessage(kind: string, c: ClassifiedError, attempts: number): string {
  const code = c.code ? ` (${c.code})` : ''
  return `monday ${kind} request failed${code}: ${c.message} [${c.errorClass}, ${attempts} attempt${attempts === 1 ? '' : 's'}]`
}

export function createMondayClient(options: MondayClientOptions): DefaultMondayClient {
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const timeScale = options.timeScale ?? 1
  const limits = limitsFor(options.plan ?? 'pro', options.limits)
  const metrics = new MetricsRecorder(clock, limits.complexityPerMinute, 1_000, 60_000 / timeScale)
  const costs = new CostModel()
  const onEvent = options.onEvent
  const scheduler = new Scheduler({
    limits,
    clock,
    timeScale,
    metrics,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(onEvent ? { onEvent } : {})
  })
  const sizer = new BatchSizer({
    maxPointsPerRequest: () => Math.min(limits.queryComplexityCap * 0.8, scheduler.points.limit * 0.1),
    perItem: kind => costs.perItem(kind) ?? defaultCost(kind).perItem,
    slowMs: (options.requestTimeoutMs ?? 60_000) / 4,
    onSize: (kind, size) => metrics.batchSize(kind, size),
    ...(onEvent ? { onEvent } : {})
  })
  const breaker = createBreaker({
    isFailure: isServiceFailure,
    threshold: options.breaker?.threshold ?? 10,
    halfOpenAfterMs: (options.breaker?.halfOpenAfterMs ?? 30_000) / timeScale,
    initialState: options.breaker?.initialState,
    ...(onEvent ? { onEvent } : {})
  })
  const token = options.token
  const ctx: AttemptContext = {
    url: options.url ?? 'https://api.monday.com/v2',
    headers: { Authorization: token, 'API-Version': options.apiVersion ?? '2026-10' },
    clock,
    timeScale,
    timeoutMs: options.requestTimeoutMs ?? 60_000,
    scheduler,
    breaker,
    metrics,
    costs,
    sizer,
    ...(onEvent ? { onEvent } : {})
  }
  const maxAttempts = options.maxAttempts ?? 8
  /** A conflicting attempt may run up to the request timeout: wait in steps of a tenth of it. */
  const conflictFloorMs = ctx.timeoutMs / 10
  const maxConflictWaits = 10
  // A safety net for servers that echo the token; too short a string would mangle every message.
  const scrub = (s: string): string => (token.length >= 8 ? s.split(token).join('***') : s)

  async function execute<T>(
    document: string,
    variables: Record<string, unknown>,
    meta: RequestMeta,
    strict: boolean,
    attempts = maxAttempts
  ): Promise<MondayResponse<T>> {
    const prepared = withComplexity(document)
    const estimate = meta.estimatedComplexity ?? costs.estimate(meta.kind, meta.items)
    if (estimate > limits.queryComplexityCap) {
      const c: ClassifiedError = {
        errorClass: 'complexity',
        action: 'shrink',
        message: `estimated ${estimate} points exceed the per-query cap of ${limits.queryComplexityCap}`
      }
      throw new MondayRequestFailedError(failureMessage(meta.kind, c, 0), c, [], 0)
    }
    const timer = new RetryTimer(random, timeScale)
    let key = meta.idempotencyKey
    let rekeys = 0
    let ambiguous = false
    let conflicts = 0
    for (let attempt = 1; ; attempt++) {
      const result = await runAttempt(ctx, {
        document: prepared,
        variables,
        meta,
        estimate,
        idempotencyKey: key,
        strict,
        attempt
      })
      if (result.ok) {
        const { parsed } = result
        const data = parsed.data ? { ...parsed.data } : null
        if (data && prepared.injected) delete data.complexity
        return {
          data: data as T | null,
          errors: parsed.errors,
          replayed: parsed.replayed,
          ...(parsed.complexity ? { complexity: parsed.complexity } : {})
        }
      }
      let c = result.failure
      // A request that may have run without us seeing the answer (timeout, dropped connection, 5xx).
      if (c.errorClass === 'timeout' || c.errorClass === 'network' || c.errorClass === 'server') ambiguous = true
      const retryable = c.action === 'retry_after' || c.action === 'backoff'
      // A conflict means our earlier attempt is still running: wait for it (up to the request
      // timeout twice over) without spending the attempts meant for failures.
      if (c.errorClass === 'idempotency_conflict' && ++conflicts <= 2 * maxConflictWaits) attempt -= 1
      if (!retryable || attempt >= attempts) {
        if (c.action === 'fail' && c.errorClass === 'validation' && meta.items > 1) c = { ...c, action: 'split' }
        const errors: MondayGraphqlError[] = result.parsed?.allErrors ?? []
        throw new MondayRequestFailedError(scrub(failureMessage(meta.kind, c, attempt)), c, errors, attempt)
      }
      const backoff = timer.next(c.errorClass, c.retryInMs)
      const delay = c.errorClass === 'idempotency_conflict' ? Math.max(backoff, conflictFloorMs) : backoff
      metrics.retry(c.errorClass)
      onEvent?.({
        type: 'retry',
        kind: meta.kind,
        errorClass: c.errorClass,
        attempt,
        delayMs: delay,
        ...(c.code ? { code: c.code } : {})
      })
      if (c.errorClass === 'concurrency') scheduler.reduceConcurrency()
      if (LIMIT_CLASSES.includes(c.errorClass)) {
        // The limit is the account's: hold every request, not only this one.
        scheduler.pause(delay, c.errorClass)
      } else {
        const started = clock.now()
        await clock.sleep(delay, meta.signal)
        metrics.throttle(c.errorClass, clock.now() - started)
      }
      // [IDEM] "Do not reuse a key after a 429: that request was not processed." A refused
      // request created nothing, so a fresh key cannot duplicate it, while the old key might be
      // answered from the cache with the refusal again. But if an earlier attempt may have run
      // unseen (timeout, dropped connection, 5xx), only the original key protects against a
      // duplicate: then the key is kept and a replayed refusal costs at most a few retries.
      if (c.notProcessed && key && meta.idempotencyKey && !ambiguous) {
        key = `${meta.idempotencyKey}-r${++rekeys}`
        onEvent?.({ type: 'rekey', kind: meta.kind, attempt })
      }
    }
  }

  let probing: Promise<void> | undefined
  const probe = async (): Promise<void> => {
    probing ??= execute(PROBE_QUERY, {}, { kind: 'probe', items: 0, estimatedComplexity: 10 }, true, 1).then(
      () => undefined,
      () => undefined
    )
    return await probing
  }
  const ready = async (): Promise<void> => {
    if (options.probe !== false) await probe()
  }

  const request: MondayRequest = async <T>(
    document: string,
    variables: Record<string, unknown>,
    meta: { kind: string; items: number; signal?: AbortSignal }
  ): Promise<T> => {
    await ready()
    const response = await execute<T>(document, variables, meta, true)
    return response.data as T
  }

  return {
    limits,
    send: async <T>(
      document: string,
      variables: Record<string, unknown>,
      meta: RequestMeta
    ): Promise<MondayResponse<T>> => {
      await ready()
      return await execute<T>(document, variables, meta, false)
    },
    request,
    suggestBatchSize: (kind, bounds) => sizer.suggest(kind, bounds),
    metrics: () => metrics.snapshot(),
    saveBreakerState: () => breaker.save(),
    probe
  }
}
