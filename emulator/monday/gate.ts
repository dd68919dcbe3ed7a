/** Admission of a request against the account's limits [RL], and the RateLimit headers. */
import type { ComplexityReport } from './context.js'
import { RateLimitError } from './errors.js'
import { seconds } from './limits.js'
import type { EmulatorState } from './state.js'

/** monday's fixture reports 15 s for MAX_CONCURRENCY_EXCEEDED [MCP]. */
export const CONCURRENCY_RETRY_SECONDS = 15
/** The daily window counts tenths of a call: a rate-limited call counts 0.1 toward the daily limit [RL]. */
const DAILY_UNITS_PER_CALL = 10
const THROTTLED_DAILY_UNITS = 1

/** Throws RateLimitError when a limit refuses the request; otherwise counts it. */
export function admitRequest(state: EmulatorState, ip: string): void {
  const now = state.now()
  const { windows, limits } = state
  const refuse = (code: string, message: string, retryMs: number): never => {
    windows.daily.consume(THROTTLED_DAILY_UNITS, now)
    throw new RateLimitError(code, message, seconds(retryMs))
  }
  const ipWindow = windows.ip(ip)
  ipWindow.consume(1, now)
  if (ipWindow.usedAt(now) > limits.ipRequestsPer10s) {
    refuse('IP_RATE_LIMIT_EXCEEDED', 'IP rate limit exceeded', ipWindow.resetInMs(now))
  }
  if (windows.daily.usedAt(now) >= limits.dailyCalls * DAILY_UNITS_PER_CALL) {
    refuse('DAILY_LIMIT_EXCEEDED', 'Daily limit exceeded', windows.daily.resetInMs(now))
  }
  if (windows.requests.usedAt(now) >= limits.requestsPerMinute) {
    refuse('MINUTE_RATE_LIMIT_EXCEEDED', 'Minute rate limit exceeded', windows.requests.resetInMs(now))
  }
  if (windows.inFlight >= limits.concurrency) {
    refuse('MAX_CONCURRENCY_EXCEEDED', 'Too many concurrent requests', CONCURRENCY_RETRY_SECONDS * 1000)
  }
  windows.daily.consume(DAILY_UNITS_PER_CALL, now)
  windows.requests.consume(1, now)
}

/** Spends `cost` points from the per-minute budget or throws COMPLEXITY_BUDGET_EXHAUSTED. */
export function chargeComplexity(state: EmulatorState, cost: number): ComplexityReport {
  const now = state.now()
  const window = state.windows.complexity
  const limit = state.limits.complexityPerMinute
  const left = Math.max(0, limit - window.usedAt(now))
  const resetIn = seconds(window.resetInMs(now))
  if (cost > left) {
    state.windows.daily.consume(THROTTLED_DAILY_UNITS, now)
    throw new RateLimitError('COMPLEXITY_BUDGET_EXHAUSTED', 'Complexity budget exhausted', resetIn, {
      cost,
      left,
      limit
    })
  }
  window.consume(cost, now)
  return { before: left, after: left - cost, query: cost, reset_in_x_seconds: seconds(window.resetInMs(now)) }
}

/** IETF-draft rate-limit headers as monday documents them (docs of 2026-09) [RL]. */
export function rateLimitHeaders(state: EmulatorState): Record<string, string> {
  const now = state.now()
  const { windows, limits } = state
  const rate = Math.max(0, limits.requestsPerMinute - windows.requests.usedAt(now))
  const conc = Math.max(0, limits.concurrency - windows.inFlight)
  const cplx = Math.max(0, limits.complexityPerMinute - windows.complexity.usedAt(now))
  const t = (ms: number): number => seconds(ms)
  return {
    'RateLimit-Policy': `"minuteRate";q=${limits.requestsPerMinute};w=60, "concurrency";q=${limits.concurrency}, "complexityMinute";q=${limits.complexityPerMinute};w=60`,
    RateLimit: `"minuteRate";r=${rate};t=${t(windows.requests.resetInMs(now))}, "concurrency";r=${conc}, "complexityMinute";r=${cplx};t=${t(windows.complexity.resetInMs(now))}`
  }
}
