import type { CircuitBreakerPolicy } from 'cockatiel'
import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel'
import type { EngineEventHandler } from './events.js'

export interface BreakerOptions {
  /** Consecutive transient failures (server, network, timeout) that open the circuit; default 10. */
  threshold?: number
  /** Milliseconds (clock time, already scaled) the circuit stays open before a trial call; default 30 000. */
  halfOpenAfterMs?: number
  /** State saved by `BreakerHandle.save()` in an earlier run. */
  initialState?: unknown
  /** Which errors count as failures of the service. */
  isFailure: (e: unknown) => boolean
  onEvent?: EngineEventHandler
}

/** The engine's circuit breaker: cockatiel's policy, with its state savable for the next run. */
export interface BreakerHandle {
  policy: CircuitBreakerPolicy
  state(): 'closed' | 'open' | 'half_open' | 'isolated'
  /** JSON-safe state; pass it back as `initialState`. */
  save(): unknown
}

const NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated'
} as const

/**
 * cockatiel's breaker (closed → open after `threshold` failures in a row → half-open after
 * `halfOpenAfterMs` → closed on a successful trial). cockatiel times the open state with
 * `Date.now()`, so the engine only asks it whether a call may go and waits with its own clock.
 */
export function createBreaker(options: BreakerOptions): BreakerHandle {
  const policy = circuitBreaker(handleWhen(options.isFailure), {
    breaker: new ConsecutiveBreaker(options.threshold ?? 10),
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
    initialState: options.initialState
  })
  policy.onBreak(() => options.onEvent?.({ type: 'breaker', state: 'open' }))
  policy.onHalfOpen(() => options.onEvent?.({ type: 'breaker', state: 'half_open' }))
  policy.onReset(() => options.onEvent?.({ type: 'breaker', state: 'closed' }))
  return {
    policy,
    state: () => NAMES[policy.state],
    save: () => policy.toJSON()
  }
}
