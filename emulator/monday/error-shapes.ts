/** Error bodies per API version [ERR] [RL] (API-FACTS.md "Error bodies"). */
import type { RateLimitError } from './errors.js'
import type { ErrorShape } from './versions.js'

export interface HttpReply {
  status: number
  headers: Record<string, string>
  body: unknown
}

const LEGACY_CODES: Record<string, string> = {
  COMPLEXITY_BUDGET_EXHAUSTED: 'ComplexityException',
  MINUTE_RATE_LIMIT_EXCEEDED: 'RateLimitExceeded',
  MAX_CONCURRENCY_EXCEEDED: 'maxConcurrencyExceeded',
  DAILY_LIMIT_EXCEEDED: 'DAILY_LIMIT_EXCEEDED',
  IP_RATE_LIMIT_EXCEEDED: 'IP_RATE_LIMIT_EXCEEDED'
}

/** A refused request: 2026 and 2025-04 send HTTP 429; legacy sends complexity errors with HTTP 200. */
export function rateLimitReply(e: RateLimitError, shape: ErrorShape, requestId: string, accountId: number): HttpReply {
  const headers = { 'Retry-After': String(e.retryInSeconds) }
  if (shape === 'legacy') {
    const complexity = e.code === 'COMPLEXITY_BUDGET_EXHAUSTED'
    const message =
      complexity && e.budget !== undefined
        ? `Complexity budget exhausted, query cost ${e.budget.cost} budget remaining ${e.budget.left} out of ${e.budget.limit} reset in ${e.retryInSeconds} seconds`
        : e.message
    return {
      status: complexity ? 200 : 429,
      headers,
      body: {
        error_code: LEGACY_CODES[e.code] ?? e.code,
        status_code: 429,
        error_message: message,
        error_data: { retry_in_seconds: e.retryInSeconds },
        errors: [message],
        account_id: accountId
      }
    }
  }
  const extensions: Record<string, unknown> = { code: e.code, retry_in_seconds: e.retryInSeconds }
  if (shape === '2025-04' && e.budget !== undefined) {
    Object.assign(extensions, {
      complexity: e.budget.cost,
      complexity_budget_left: e.budget.left,
      complexity_budget_limit: e.budget.limit,
      status_code: 429
    })
  }
  return {
    status: 429,
    headers,
    body: { errors: [{ message: e.message, extensions }], extensions: { request_id: requestId } }
  }
}

/** The per-query cap [RL]: `REQUEST_MAX_COMPLEXITY_EXCEEDED` since 2025-10, ComplexityException before. */
export function queryCapReply(
  cost: number,
  cap: number,
  shape: ErrorShape,
  version: string,
  requestId: string,
  accountId: number
): HttpReply {
  const message = `Query has complexity of ${cost}, which exceeds max complexity of ${cap}`
  if (shape === 'legacy' || version < '2025-10') {
    return {
      status: 200,
      headers: {},
      body: {
        error_code: 'ComplexityException',
        status_code: 400,
        error_message: message,
        error_data: {},
        errors: [message],
        account_id: accountId
      }
    }
  }
  return {
    status: 200,
    headers: {},
    body: {
      errors: [
        {
          message: 'Max allowed complexity per request exceeded',
          extensions: { code: 'REQUEST_MAX_COMPLEXITY_EXCEEDED', cost, max_complexity_per_request: cap }
        }
      ],
      extensions: { request_id: requestId }
    }
  }
}

/** A transport-level error (400, 401, 409, 423, 5xx) in the GraphQL error format. */
export function httpErrorReply(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {}
): HttpReply {
  return {
    status,
    headers,
    body: { errors: [{ message, extensions: { code, status_code: status } }], extensions: { request_id: requestId } }
  }
}

/** The legacy expired-cursor body (HTTP 200) [API-FACTS]. */
export function legacyCursorReply(message: string, accountId: number): HttpReply {
  return {
    status: 200,
    headers: {},
    body: {
      error_code: 'CursorException',
      status_code: 200,
      error_message: message,
      error_data: {},
      account_id: accountId
    }
  }
}
