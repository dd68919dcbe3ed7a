import type { IBackoff } from 'cockatiel'
import { backoffFor } from './backoff.js'
import type { Random } from './clock.js'
import type { ErrorClass } from './run-types.js'

/**
 * The delays of one request's retries. Each error class keeps its own backoff sequence
 * (cockatiel `IBackoff`); a delay monday named (`retry_in_seconds`, `Retry-After`) wins over the
 * backoff, plus up to 10% (at most one second) of jitter so several jobs do not return together.
 * Durations from monday are in monday milliseconds and divided by `timeScale`.
 */
export class RetryTimer {
  private readonly backoffs = new Map<ErrorClass, IBackoff<unknown>>()

  constructor(
    private readonly random: Random,
    private readonly timeScale = 1
  ) {}

  /** Clock milliseconds to wait before the next attempt after an `errorClass` failure. */
  next(errorClass: ErrorClass, retryInMs?: number): number {
    const previous = this.backoffs.get(errorClass)
    const backoff = previous ? previous.next(undefined) : backoffFor(errorClass, this.random, this.timeScale)
    this.backoffs.set(errorClass, backoff)
    if (retryInMs === undefined) return backoff.duration
    const jitter = this.random() * Math.min(1_000, retryInMs * 0.1)
    return (retryInMs + jitter) / this.timeScale
  }
}
