/** Options of `createMondayClient` and the interface of the client it returns. */
import type { Clock, Random } from '../../engine/clock.js'
import type { EngineEventHandler } from '../../engine/events.js'
import type { AccountLimits } from '../../engine/limits.js'
import type { MondayClient, Plan } from './types.js'

export interface MondayClientOptions {
  /** API endpoint; default `https://api.monday.com/v2`. */
  url?: string
  /** API token; sent only in the `Authorization` header, never logged or put in messages. */
  token: string
  /** `API-Version` header; default `2026-10` (Current on 2026-11 [VER]). */
  apiVersion?: string
  /** Account plan, for default limits; default `pro`. */
  plan?: Plan
  /** Overrides of the plan's limits (points, requests per minute, concurrency). */
  limits?: Partial<AccountLimits>
  /** Requests in flight at most; default the plan's concurrency limit. */
  concurrency?: number
  /** Requests in flight until the first answers tune the level (Little's law, see docs/engine.md); default 8. */
  initialConcurrency?: number
  /** Default the system clock. */
  clock?: Clock
  /** Jitter source; default `Math.random`. */
  random?: Random
  /** An emulated minute lasts 60 / timeScale seconds; every monday-derived duration is divided by it. Default 1. */
  timeScale?: number
  /** Clock milliseconds before a request is abandoned; default 75 000 ÷ timeScale, at least 60 000 (monday cuts at 60 s [BP]). */
  requestTimeoutMs?: number
  /** Attempts per request for retryable errors; default 8. */
  maxAttempts?: number
  /** Circuit breaker: failures in a row to open (default 10), open time in monday ms (default 30 000), saved state. */
  breaker?: { threshold?: number; halfOpenAfterMs?: number; initialState?: unknown }
  /** Send a near-free complexity query before the first request to learn the budget; default true. */
  probe?: boolean
  /** Engine events (requests, retries, throttling, batch sizes, breaker) for the wiring to log. */
  onEvent?: EngineEventHandler
}

/** The default client: `MondayClient` plus the limits in force and the breaker's state. */
export interface DefaultMondayClient extends MondayClient {
  readonly limits: AccountLimits
  /** The circuit breaker's state, JSON-safe; pass it back as `breaker.initialState`. */
  saveBreakerState(): unknown
  /** Sends the probe query once; resolves when the budget is known (or the probe failed). */
  probe(): Promise<void>
}
