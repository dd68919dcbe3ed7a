import { describe, expect, it } from '@jest/globals'
import { classifyError, classifyTransportError, retryAfterMs } from '../../src/adapters/monday/classify.js'
import { parseRateLimitHeader, readRateLimitHeaders } from '../../src/adapters/monday/rate-limit-headers.js'
import { parseResponse } from '../../src/adapters/monday/response.js'

const err = (code: string, extra: Record<string, unknown> = {}, message = code) => ({
  message,
  extensions: { code, ...extra }
})

describe('classifyError: every code of API-FACTS.md', () => {
  it.each([
    ['COMPLEXITY_BUDGET_EXHAUSTED', 429, 'complexity', 'retry_after'],
    ['complexityBudgetExhausted', 200, 'complexity', 'retry_after'],
    ['FIELD_LIMIT_EXCEEDED', 200, 'complexity', 'retry_after'],
    ['MINUTE_RATE_LIMIT_EXCEEDED', 429, 'rate_limit', 'retry_after'],
    ['IP_RATE_LIMIT_EXCEEDED', 429, 'rate_limit', 'retry_after'],
    ['RATE_LIMIT_EXCEEDED', 429, 'rate_limit', 'retry_after'],
    ['tooManyRequests', 200, 'rate_limit', 'retry_after'],
    ['MAX_CONCURRENCY_EXCEEDED', 429, 'concurrency', 'retry_after'],
    ['maxConcurrencyExceeded', 429, 'concurrency', 'retry_after'],
    ['DAILY_LIMIT_EXCEEDED', 429, 'daily_limit', 'fail'],
    ['CursorExpiredError', 200, 'cursor_expired', 'fail'],
    ['IDEMPOTENCY_CONFLICT', 409, 'idempotency_conflict', 'retry_after'],
    ['Unauthorized', 401, 'auth', 'fail'],
    ['UserUnauthorizedException', 403, 'auth', 'fail'],
    ['ResourceNotFoundException', 404, 'not_found', 'fail'],
    ['InvalidBoardIdException', 200, 'not_found', 'fail'],
    ['ColumnValueException', 200, 'validation', 'fail'],
    ['InvalidColumnIdException', 200, 'validation', 'fail'],
    ['ItemNameTooLongException', 200, 'validation', 'fail'],
    ['ItemsLimitationException', 200, 'validation', 'fail'],
    ['RecordInvalidException', 422, 'validation', 'fail'],
    ['JsonParseException', 400, 'validation', 'fail'],
    ['InvalidVersionException', 400, 'validation', 'fail'],
    ['INTERNAL_SERVER_ERROR', 500, 'server', 'backoff']
  ])('%s (HTTP %i) → %s, %s', (code, status, errorClass, action) => {
    expect(classifyError(err(code), status)).toMatchObject({ errorClass, action, code })
  })

  it('falls back on the status when the code is unknown or absent', () => {
    expect(
      [429, 423, 504, 502, 401, 404, 409, 418, 200].map(s => classifyError({ message: 'x' }, s).errorClass)
    ).toEqual([
      'rate_limit',
      'locked',
      'timeout',
      'server',
      'auth',
      'not_found',
      'idempotency_conflict',
      'validation',
      'unknown'
    ])
    expect(classifyError({ message: 'x', extensions: { status_code: 429 } }, 200)).toMatchObject({
      errorClass: 'rate_limit',
      notProcessed: true
    })
  })

  it('reads the wait from retry_in_seconds, retryAfterMs, Retry-After or the legacy message', () => {
    expect(classifyError(err('MINUTE_RATE_LIMIT_EXCEEDED', { retry_in_seconds: 58 }), 429).retryInMs).toBe(58_000)
    expect(classifyError(err('RATE_LIMIT_EXCEEDED', { retryAfterMs: 1500 }), 429).retryInMs).toBe(1500)
    expect(classifyError(err('IDEMPOTENCY_CONFLICT'), 409, 3000).retryInMs).toBe(3000)
    const legacy = {
      message: 'Complexity budget exhausted, query cost 30001 budget remaining 19986 out of 1000000 reset in 3 seconds',
      code: 'ComplexityException'
    }
    expect(classifyError(legacy, 200)).toMatchObject({ errorClass: 'complexity', retryInMs: 3000, notProcessed: true })
  })

  it('recognises an expired cursor and an over-the-cap query by their message', () => {
    expect(
      classifyError({ message: 'CursorExpiredError: The cursor provided for pagination has expired.' }, 200).errorClass
    ).toBe('cursor_expired')
    expect(
      classifyError({ message: 'Query has complexity of 6000000, which exceeds max complexity of 5000000' }, 200)
    ).toMatchObject({ errorClass: 'complexity', action: 'shrink' })
  })

  it('transport failures: timeout and network, both retried with backoff', () => {
    expect(classifyTransportError(new Error('x'), true)).toEqual({
      errorClass: 'timeout',
      action: 'backoff',
      message: 'request timed out'
    })
    expect(classifyTransportError('ECONNRESET', false)).toMatchObject({ errorClass: 'network', action: 'backoff' })
  })

  it('Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
  })
})

describe('RateLimit headers', () => {
  it('parses policy and state and merges them per limit', () => {
    const headers = new Headers({
      'RateLimit-Policy': '"minuteRate";q=5000;w=60, "concurrency";q=250, "complexityMinute";q=5000000;w=60',
      RateLimit: '"minuteRate";r=4999, "concurrency";r=249, "complexityMinute";r=4950000;t=45'
    })
    expect(readRateLimitHeaders(headers)).toEqual({
      complexity: { q: 5_000_000, w: 60, r: 4_950_000, t: 45 },
      minuteRate: { q: 5000, w: 60, r: 4999 },
      concurrency: { q: 250, r: 249 }
    })
    expect(readRateLimitHeaders(new Headers())).toEqual({})
    expect(parseRateLimitHeader('bare;q=x;r=3, ;q=1').get('bare')).toEqual({ r: 3 })
  })
})

describe('parseResponse', () => {
  const h = new Headers()
  it('reads complexity, and the budget left from a 2025-04 error', () => {
    const ok = parseResponse(
      200,
      h,
      JSON.stringify({ data: { x: 1, complexity: { before: 10, after: 4, query: 6, reset_in_x_seconds: 30 } } })
    )
    expect(ok.complexity).toEqual({ before: 10, after: 4, query: 6, resetInSeconds: 30 })
    const exhausted = parseResponse(
      429,
      h,
      JSON.stringify({
        errors: [err('COMPLEXITY_BUDGET_EXHAUSTED', { complexity_budget_left: 100, retry_in_seconds: 7 })]
      })
    )
    expect(exhausted.budgetHint).toEqual({ remaining: 100, resetInMs: 7000 })
    expect(exhausted.failure).toMatchObject({ errorClass: 'complexity', retryInMs: 7000 })
  })

  it('picks the limit error over others when deciding a whole failure; non-JSON 5xx and empty 200s are server errors', () => {
    const both = parseResponse(
      200,
      h,
      JSON.stringify({ data: null, errors: [err('ColumnValueException'), err('MINUTE_RATE_LIMIT_EXCEEDED')] })
    )
    expect(both.failure?.errorClass).toBe('rate_limit')
    expect(parseResponse(502, h, '<html>').failure).toMatchObject({ errorClass: 'server', status: 502 })
    expect(parseResponse(200, h, '').failure).toMatchObject({ errorClass: 'server', action: 'backoff' })
  })

  it('keeps pathed errors per alias unless strict', () => {
    const body = JSON.stringify({
      data: { a0: { id: '1' }, a1: null },
      errors: [{ ...err('InvalidColumnIdException'), path: ['a1'] }]
    })
    expect(parseResponse(200, h, body).errors[0]?.classified?.errorClass).toBe('validation')
    expect(parseResponse(200, h, body, true).failure?.errorClass).toBe('validation')
    expect(parseResponse(200, new Headers({ 'Idempotency-Replayed': 'true' }), body).replayed).toBe(true)
  })
})
