import type { Clock } from '../../src/engine/clock.js'

/**
 * A clock that moves only when told. `sleep` resolves when `advance` passes its deadline, and
 * every sleep is recorded so tests can assert exact delay sequences.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = []
  private timers: { at: number; resolve: () => void; reject: (e: unknown) => void }[] = []

  constructor(private time = 0) {}

  now(): number {
    return this.time
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      const timer = { at: this.time + Math.max(0, ms), resolve, reject }
      this.timers.push(timer)
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter(t => t !== timer)
        reject(signal.reason)
      })
    })
  }

  /** Moves time forward by `ms`, waking sleepers in deadline order and letting them run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at)
      const next = this.timers[0]
      if (!next || next.at > end) break
      this.timers.shift()
      this.time = next.at
      next.resolve()
      await flush()
    }
    this.time = end
    await flush()
  }

  /** The deadline of the next sleeper to wake, or undefined when none waits. */
  get nextDeadline(): number | undefined {
    return this.timers.length === 0 ? undefined : Math.min(...this.timers.map(t => t.at))
  }

  /** Number of sleepers waiting. */
  get pending(): number {
    return this.timers.length
  }
}

/** Lets queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
  await new Promise(resolve => setImmediate(resolve))
}
