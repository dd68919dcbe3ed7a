import type { ThrottleReason } from './metrics.js'
import type { ErrorClass } from './run-types.js'

/** What the engine reports as it works; the wiring layer logs these (the engine never logs). */
export type EngineEvent =
  | { type: 'request'; kind: string; items: number; ok: boolean; latencyMs: number; points?: number; attempt: number }
  | { type: 'retry'; kind: string; errorClass: ErrorClass; code?: string; attempt: number; delayMs: number }
  | { type: 'throttle'; reason: ThrottleReason; waitMs: number }
  | { type: 'batch_size'; kind: string; size: number; reason: 'increase' | 'decrease' }
  | { type: 'concurrency'; limit: number }
  | { type: 'breaker'; state: 'open' | 'half_open' | 'closed' }
  | { type: 'limits'; limit: 'complexityPerMinute' | 'requestsPerMinute' | 'concurrency'; value: number }
  | { type: 'rekey'; kind: string; attempt: number }

/** A hook for engine events; must not throw. */
export type EngineEventHandler = (event: EngineEvent) => void
