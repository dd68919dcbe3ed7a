import { ExponentialBackoff, type GeneratorFn, type IBackoff } from 'cockatiel'
import type { Random } from './clock.js'
import type { ErrorClass } from './run-types.js'

/** One class's backoff: the first delay, the growth factor and the ceiling, in milliseconds. */
export interface BackoffShape {
  /** Milliseconds before the first retry (before jitter). */
  initialMs: number
  /** Factor between consecutive delays. */
  exponent: number
  /** Ceiling of any delay, milliseconds. */
  maxMs: number
}

/**
 * Per-class shapes (issue 4): rate limits exponential up to 60 s, network ×1.5 up to 10 s,
 * server errors ×2 up to 30 s, timeouts ×1.2 up to 5 s. Durations are monday seconds; the client
 * divides them by its time scale.
 */
export const BACKOFF_SHAPES: Partial<Record<ErrorClass, BackoffShape>> = {
  rate_limit: { initialMs: 1_000, exponent: 2, maxMs: 60_000 },
  complexity: { initialMs: 1_000, exponent: 2, maxMs: 60_000 },
  concurrency: { initialMs: 500, exponent: 2, maxMs: 60_000 },
  network: { initialMs: 500, exponent: 1.5, maxMs: 10_000 },
  server: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
  locked: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
  idempotency_conflict: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
  timeout: { initialMs: 1_000, exponent: 1.2, maxMs: 5_000 }
}

const FALLBACK: BackoffShape = { initialMs: 1_000, exponent: 2, maxMs: 30_000 }

/**
 * "Equal jitter": the n-th raw delay is min(max, initial × exponent^n); the delay drawn is in
 * [raw / 2, raw), so retries of several jobs spread out but never collapse to zero.
 */
function equalJitter(random: Random): GeneratorFn<number> {
  return (attempt = 0, options) => {
    const raw = Math.min(options.maxDelay, options.initialDelay * options.exponent ** attempt)
    return [raw / 2 + (raw / 2) * random(), attempt + 1]
  }
}

/** A fresh backoff (cockatiel `IBackoff`) for `errorClass`, jittered by `random`, scaled by `1/timeScale`. */
export function backoffFor(errorClass: ErrorClass, random: Random, timeScale = 1): IBackoff<unknown> {
  const shape = BACKOFF_SHAPES[errorClass] ?? FALLBACK
  return new ExponentialBackoff<number>({
    generator: equalJitter(random),
    initialDelay: shape.initialMs / timeScale,
    exponent: shape.exponent,
    maxDelay: shape.maxMs / timeScale
  }).next()
}

/** The ceiling of `errorClass`'s delays in milliseconds (scaled). */
export function maxDelayFor(errorClass: ErrorClass, timeScale = 1): number {
  return (BACKOFF_SHAPES[errorClass] ?? FALLBACK).maxMs / timeScale
}
