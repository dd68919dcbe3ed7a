/** One request from first attempt to answer or final error: the cap check, retries, waits and re-keying. */
import type { Random } from '../../engine/clock.js'
import type { ErrorClass } from '../../engine/run-types.js'
import { RetryTimer } from '../../engine/retry-timer.js'
import { runAttempt } from './attempt.js'
import { LIMIT_CLASSES } from './classify.js'
import type { ClientEngine } from './client-engine.js'
import { withComplexity } from './complexity-field.js'
import type { ParsedResponse } from './response.js'
import {
  MondayRequestFailedError,
  type ClassifiedError,
  type MondayGraphqlError,
  type MondayResponse,
  type RequestMeta
} from './types.js'

/** What the loop of one client needs; built once per client. */
export interface RequestLoop {
  engine: ClientEngine
  random: Random
  /** Attempts per request for retryable errors. */
  maxAttempts: number
  /** Removes the token from a message (a safety net for servers that echo it). */
  scrub: (text: string) => string
}

/** How one request went so far: the idempotency key in use and what the failures said. */
interface RetryState {
  key: string | undefined
  rekeys: number
  /** An attempt may have run without us seeing the answer (timeout, dropped connection, 5xx). */
  ambiguous: boolean
  conflicts: number
}

/** A conflicting attempt may run up to the request timeout: wait in steps of a tenth of it, this many times. */
const MAX_CONFLICT_WAITS = 10
const AMBIGUOUS: readonly ErrorClass[] = ['timeout', 'network', 'server']
/** A request cut before its answer: monday may go on executing it and keeps no replay for it. */
const CUT: readonly ErrorClass[] = ['timeout', 'network']
/** monday ms per operation assumed for a cut request of a kind never measured (create_subitem's p90). */
const UNKNOWN_OPERATION_MS = 4_400

/**
 * Waits until the work of a cut request must be over: monday runs its aliases one after another
 * and does not stop at the 504, so `items` × the kind's p90 per operation (+25%) after it was sent.
 */
async function waitForCutWork(engine: ClientEngine, meta: RequestMeta, sentAt: number): Promise<void> {
  const perOperation = engine.times.p90(meta.kind) ?? UNKNOWN_OPERATION_MS
  const end = sentAt + (meta.items * perOperation * 1.25) / engine.timeScale
  const wait = end - engine.clock.now()
  if (wait > 0) await engine.clock.sleep(wait, meta.signal)
}

function failureMessage(kind: string, c: ClassifiedError, attempts: number): string {
  const code = c.code ? ` (${c.code})` : ''
  return `monday ${kind} request failed${code}: ${c.message} [${c.errorClass}, ${attempts} attempt${attempts === 1 ? '' : 's'}]`
}

/** A request estimated over monday's per-query cap is refused before it is sent. */
function refuseOverCap(meta: RequestMeta, estimate: number, cap: number): void {
  if (estimate <= cap) return
  const c: ClassifiedError = {
    errorClass: 'complexity',
    action: 'shrink',
    message: `estimated ${estimate} points exceed the per-query cap of ${cap}`
  }
  throw new MondayRequestFailedError(failureMessage(meta.kind, c, 0), c, [], 0)
}

/** The caller's response: the data without the complexity selection the client added. */
function responseOf<T>(parsed: ParsedResponse, injected: boolean): MondayResponse<T> {
  const data = parsed.data ? { ...parsed.data } : null
  if (data && injected) delete data.complexity
  return {
    data: data as T | null,
    errors: parsed.errors,
    replayed: parsed.replayed,
    ...(parsed.complexity ? { complexity: parsed.complexity } : {})
  }
}

/** The error a request ends with; a validation failure of a batch says to split it and find the bad row. */
function finalError(
  loop: RequestLoop,
  meta: RequestMeta,
  failure: ClassifiedError,
  errors: MondayGraphqlError[],
  attempt: number
): MondayRequestFailedError {
  const c =
    failure.action === 'fail' && failure.errorClass === 'validation' && meta.items > 1
      ? { ...failure, action: 'split' as const }
      : failure
  return new MondayRequestFailedError(loop.scrub(failureMessage(meta.kind, c, attempt)), c, errors, attempt)
}

/** Waits before the next attempt: an account-wide limit holds every request, anything else only this one. */
async function waitBeforeRetry(
  engine: ClientEngine,
  meta: RequestMeta,
  c: ClassifiedError,
  delay: number,
  attempt: number
): Promise<void> {
  engine.metrics.retry(c.errorClass)
  engine.onEvent?.({
    type: 'retry',
    kind: meta.kind,
    errorClass: c.errorClass,
    attempt,
    delayMs: delay,
    ...(c.code ? { code: c.code } : {})
  })
  if (c.errorClass === 'concurrency' || c.errorClass === 'timeout') engine.scheduler.reduceConcurrency()
  if (LIMIT_CLASSES.includes(c.errorClass)) {
    engine.scheduler.pause(delay, c.errorClass)
    return
  }
  const started = engine.clock.now()
  await engine.clock.sleep(delay, meta.signal)
  engine.metrics.throttle(c.errorClass, engine.clock.now() - started)
}

/**
 * [IDEM] "Do not reuse a key after a 429: that request was not processed." A refused request
 * created nothing, so a fresh key cannot duplicate it, while the old key might be answered from
 * the cache with the refusal again. But if an earlier attempt may have run unseen (timeout,
 * dropped connection, 5xx), only the original key protects against a duplicate: then the key is
 * kept and a replayed refusal costs at most a few retries.
 */
function rekeyIfRefused(
  engine: ClientEngine,
  meta: RequestMeta,
  c: ClassifiedError,
  state: RetryState,
  attempt: number
): void {
  if (!c.notProcessed || !state.key || !meta.idempotencyKey || state.ambiguous) return
  state.key = `${meta.idempotencyKey}-r${++state.rekeys}`
  engine.onEvent?.({ type: 'rekey', kind: meta.kind, attempt })
}

/** Sends one request through the engine until it is answered or fails for good. */
export async function executeRequest<T>(
  loop: RequestLoop,
  request: { document: string; variables: Record<string, unknown>; meta: RequestMeta; strict: boolean },
  attempts = loop.maxAttempts
): Promise<MondayResponse<T>> {
  const { engine } = loop
  const { meta } = request
  const prepared = withComplexity(request.document)
  const estimate = meta.estimatedComplexity ?? engine.costs.estimate(meta.kind, meta.items)
  refuseOverCap(meta, estimate, engine.limits.queryComplexityCap)
  const timer = new RetryTimer(loop.random, engine.timeScale)
  const state: RetryState = { key: meta.idempotencyKey, rekeys: 0, ambiguous: false, conflicts: 0 }
  for (let attempt = 1; ; attempt++) {
    const input = { ...request, document: prepared, estimate, idempotencyKey: state.key, attempt }
    const sentAt = engine.clock.now()
    const result = await runAttempt(engine, input)
    if (result.ok) return responseOf<T>(result.parsed, prepared.injected)
    const c = result.failure
    if (AMBIGUOUS.includes(c.errorClass)) state.ambiguous = true
    if (meta.cutIsUnknown === true && prepared.isMutation && CUT.includes(c.errorClass)) {
      await waitForCutWork(engine, meta, sentAt)
      throw finalError(loop, meta, { ...c, action: 'fail', unknownOutcome: true }, [], attempt)
    }
    // A conflict means our earlier attempt is still running: wait for it (up to the request
    // timeout twice over) without spending the attempts meant for failures.
    if (c.errorClass === 'idempotency_conflict' && ++state.conflicts <= 2 * MAX_CONFLICT_WAITS) attempt -= 1
    const retryable = c.action === 'retry_after' || c.action === 'backoff'
    if (!retryable || attempt >= attempts) throw finalError(loop, meta, c, result.parsed?.allErrors ?? [], attempt)
    const backoff = timer.next(c.errorClass, c.retryInMs)
    const conflictFloorMs = engine.timeoutMs / MAX_CONFLICT_WAITS
    const delay = c.errorClass === 'idempotency_conflict' ? Math.max(backoff, conflictFloorMs) : backoff
    await waitBeforeRetry(engine, meta, c, delay, attempt)
    rekeyIfRefused(engine, meta, c, state, attempt)
  }
}
