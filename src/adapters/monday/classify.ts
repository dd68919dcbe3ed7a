/**
 * The error classifier: every error shape of API-FACTS.md ("Error bodies") mapped to an error
 * class and an action. Pure functions over status, headers and body; no I/O.
 */
import type { ErrorClass } from '../../engine/run-types.js'
import type { ClassifiedError, ErrorAction, MondayGraphqlError } from './types.js'

interface CodeRule {
  test: RegExp
  errorClass: ErrorClass
  action: ErrorAction
  /** A refusal before execution: the request was not processed [IDEM]. */
  notProcessed?: boolean
}

/** Codes, in the order they are tried. Both spellings of a code are accepted (API-FACTS.md). */
const RULES: CodeRule[] = [
  { test: /^FIELD_LIMIT_EXCEEDED$/i, errorClass: 'complexity', action: 'retry_after', notProcessed: true },
  {
    test: /^(COMPLEXITY_BUDGET_EXHAUSTED|ComplexityException|complexityBudgetExhausted)$/i,
    errorClass: 'complexity',
    action: 'retry_after',
    notProcessed: true
  },
  {
    test: /^(MINUTE_RATE_LIMIT_EXCEEDED|RATE_LIMIT_EXCEEDED|RateLimitExceeded|IP_RATE_LIMIT_EXCEEDED|tooManyRequests)$/i,
    errorClass: 'rate_limit',
    action: 'retry_after',
    notProcessed: true
  },
  {
    test: /^(MAX_CONCURRENCY_EXCEEDED|maxConcurrencyExceeded)$/i,
    errorClass: 'concurrency',
    action: 'retry_after',
    notProcessed: true
  },
  { test: /^DAILY_LIMIT_EXCEEDED$/i, errorClass: 'daily_limit', action: 'fail', notProcessed: true },
  { test: /^(CursorExpiredError|CursorException)$/i, errorClass: 'cursor_expired', action: 'fail' },
  { test: /^IDEMPOTENCY_CONFLICT$/i, errorClass: 'idempotency_conflict', action: 'retry_after' },
  {
    test: /^(Unauthorized|UserUnauthorizedException|USER_UNAUTHORIZED|UNAUTHENTICATED|Forbidden)$/i,
    errorClass: 'auth',
    action: 'fail'
  },
  {
    test: /^(ResourceNotFoundException|InvalidBoardIdException|InvalidItemIdException|NOT_FOUND)$/i,
    errorClass: 'not_found',
    action: 'fail'
  },
  {
    test: /^(ColumnValueException|InvalidColumnIdException|ItemNameTooLongException|InvalidArgumentException|RecordInvalidException|ItemsLimitationException|CreateBoardException|JsonParseException|InvalidVersionException|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/i,
    errorClass: 'validation',
    action: 'fail'
  },
  { test: /^(ResourceLocked|LOCKED)$/i, errorClass: 'locked', action: 'backoff' },
  { test: /^(INTERNAL_SERVER_ERROR|InternalServerError)$/i, errorClass: 'server', action: 'backoff' }
]

/** Codes that also mean "ask for fewer objects next time" (the batch sizer halves). */
export const SHRINK_CODES: readonly string[] = ['FIELD_LIMIT_EXCEEDED']

/** Classes whose errors are about the whole request (limits), never about one alias. */
export const LIMIT_CLASSES: readonly ErrorClass[] = ['complexity', 'rate_limit', 'concurrency', 'daily_limit']

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

/** `Retry-After` as milliseconds: delta seconds or an HTTP date (RFC 9110). */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = num(header)
  if (seconds !== undefined) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** The wait a legacy message names: "… reset in 3 seconds". */
function resetFromMessage(message: string): number | undefined {
  const match = /reset in (\d+(?:\.\d+)?) seconds?/i.exec(message)
  return match?.[1] ? Number(match[1]) * 1000 : undefined
}

/** The class of an HTTP status with no recognised code. */
function byStatus(status: number): { errorClass: ErrorClass; action: ErrorAction } {
  if (status === 429) return { errorClass: 'rate_limit', action: 'retry_after' }
  if (status === 401 || status === 403) return { errorClass: 'auth', action: 'fail' }
  if (status === 404) return { errorClass: 'not_found', action: 'fail' }
  if (status === 409) return { errorClass: 'idempotency_conflict', action: 'retry_after' }
  if (status === 423) return { errorClass: 'locked', action: 'backoff' }
  if (status === 408 || status === 504) return { errorClass: 'timeout', action: 'backoff' }
  if (status >= 500) return { errorClass: 'server', action: 'backoff' }
  if (status >= 400) return { errorClass: 'validation', action: 'fail' }
  return { errorClass: 'unknown', action: 'fail' }
}

/** Classifies one GraphQL error (current, 2025-04 or legacy fields) of a response with `status`. */
export function classifyError(error: MondayGraphqlError, status: number, retryAfter?: number): ClassifiedError {
  const ext = error.extensions ?? {}
  const code = error.code ?? (typeof ext.code === 'string' ? ext.code : undefined)
  const innerStatus = num(ext.status_code) ?? status
  const rule = code ? RULES.find(r => r.test.test(code)) : undefined
  let base: Pick<CodeRule, 'errorClass' | 'action' | 'notProcessed'> = rule ?? byStatus(innerStatus)
  if (!rule && innerStatus === 429) base = { ...base, notProcessed: true }
  if (!rule && /CursorExpired|cursor .*expired/i.test(error.message))
    base = { errorClass: 'cursor_expired', action: 'fail' }
  if (!rule && /exceeds? (the )?max(imum)? complexity|query complexity .*(limit|cap)/i.test(error.message)) {
    base = { errorClass: 'complexity', action: 'shrink', notProcessed: true }
  }
  const retrySeconds =
    num(ext.retry_in_seconds) ?? num((ext.error_data as Record<string, unknown> | undefined)?.retry_in_seconds)
  const retryMs = num(ext.retryAfterMs)
  const retryInMs =
    retrySeconds !== undefined ? retrySeconds * 1000 : (retryMs ?? retryAfter ?? resetFromMessage(error.message))
  return {
    errorClass: base.errorClass,
    action: base.action,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    status: innerStatus,
    ...(retryInMs === undefined ? {} : { retryInMs }),
    ...(base.notProcessed ? { notProcessed: true } : {})
  }
}

/** A failure below HTTP: the request timed out or the connection failed. */
export function classifyTransportError(e: unknown, timedOut: boolean): ClassifiedError {
  const message = e instanceof Error ? e.message : String(e)
  if (timedOut) return { errorClass: 'timeout', action: 'backoff', message: 'request timed out' }
  return { errorClass: 'network', action: 'backoff', message: `connection failed: ${message}` }
}
