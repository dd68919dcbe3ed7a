/**
 * The bench's "reactive client": a plain fetch with bounded retries and no budget, pacing or
 * breaker, to compare against the engine. Not part of the product.
 */
import type { MondayRequest } from '../src/adapters/monday/types.js'
import { type Clock, systemClock } from '../src/engine/clock.js'
import type { RequestOutcome } from '../src/pipelines/load-board/tuning.js'

/** A monday error with the class the retry logic and the pipeline act on. */
export class MondayRequestError extends Error {
  override name = 'MondayRequestError'
  constructor(
    message: string,
    readonly errorClass: string,
    readonly retryInMs: number | null,
    readonly attempts: number
  ) {
    super(message)
  }
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: string; retry_in_seconds?: number } }[]
  error_code?: string
  error_message?: string
  data?: unknown
}

function classify(
  status: number,
  body: ErrorBody
): { errorClass: string; message: string; retryMs: number | null } | null {
  const first = body.errors?.[0]
  const code = first?.extensions?.code ?? body.error_code ?? ''
  const message = first?.message ?? body.error_message ?? `HTTP ${status}`
  if (!first && !body.error_code && status < 400) return null
  const retry = first?.extensions?.retry_in_seconds
  const retryMs = typeof retry === 'number' ? retry * 1000 : null
  if (/cursor/i.test(code) || /CursorExpired/i.test(message)) return { errorClass: 'cursor_expired', message, retryMs }
  if (/COMPLEXITY|Complexity/i.test(code)) return { errorClass: 'complexity', message, retryMs: retryMs ?? 5000 }
  if (/CONCURRENCY|concurrency/i.test(code)) return { errorClass: 'concurrency', message, retryMs: retryMs ?? 1000 }
  if (status === 429 || /RATE_LIMIT|tooManyRequests/i.test(code)) {
    return { errorClass: 'rate_limit', message, retryMs: retryMs ?? 5000 }
  }
  if (status >= 500) return { errorClass: 'server', message, retryMs: 1000 }
  return { errorClass: status === 401 || status === 403 ? 'auth' : 'validation', message, retryMs: null }
}

export interface FetchRequestOptions {
  url: string
  /** monday API token; sent in the Authorization header only. */
  token: string
  apiVersion?: string
  clock?: Clock
  /** Attempts per request for retryable errors; default 6. */
  attempts?: number
  /** Milliseconds before a request is abandoned; default 60 000 (monday's own timeout [BP]). */
  timeoutMs?: number
  /** Told the outcome of every attempt (adaptive tuning). */
  onOutcome?: (outcome: RequestOutcome) => void
}

function outcomeOf(errorClass: string): RequestOutcome {
  if (errorClass === 'rate_limit' || errorClass === 'complexity' || errorClass === 'concurrency') return errorClass
  return errorClass === 'timeout' ? 'timeout' : 'other'
}

/**
 * A plain fetch-based MondayRequest with bounded retries (429 after `retry_in_seconds`, 5xx,
 * network errors). load-board itself runs on the engine client (createMondayClient); this is kept
 * as the "reactive peer" baseline that bench/engine.ts measures the engine against.
 */
export function fetchRequest(options: FetchRequestOptions): MondayRequest {
  const clock = options.clock ?? systemClock
  const attempts = options.attempts ?? 6
  return async <T>(document: string, variables: Record<string, unknown>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      let failure: { errorClass: string; message: string; retryMs: number | null }
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: options.token,
            'api-version': options.apiVersion ?? '2026-10'
          },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000)
        })
        const body = (await response.json().catch(() => ({}))) as ErrorBody
        const error = classify(response.status, body)
        if (!error) {
          options.onOutcome?.('ok')
          return body.data as T
        }
        failure = error
      } catch (e) {
        const timedOut = e instanceof Error && e.name === 'TimeoutError'
        const message = e instanceof Error ? e.message : String(e)
        failure = { errorClass: timedOut ? 'timeout' : 'network', message, retryMs: 500 }
      }
      options.onOutcome?.(outcomeOf(failure.errorClass))
      if (failure.retryMs === null || attempt >= attempts || failure.errorClass === 'cursor_expired') {
        throw new MondayRequestError(failure.message, failure.errorClass, failure.retryMs, attempt)
      }
      await clock.sleep(Math.min(60_000, failure.retryMs * attempt))
    }
  }
}
