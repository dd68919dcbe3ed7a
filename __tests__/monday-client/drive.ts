import type { FakeClock } from '../helpers/fake-clock.js'

/**
 * Settles `promise` while moving the fake clock in `stepMs` steps, giving real I/O (the local
 * HTTP server) a moment between steps. Resolves to the outcome, never rejects.
 */
export async function drive<T>(
  clock: FakeClock,
  promise: Promise<T>,
  stepMs = 1000
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined
  promise.then(
    value => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error })
  )
  for (let i = 0; i < 5000 && !outcome; i++) {
    await new Promise(resolve => setTimeout(resolve, 2))
    if (!outcome) await clock.advance(stepMs)
  }
  if (!outcome) throw new Error('the request never settled')
  return outcome
}

/** Sleeps other than the request timeout (`timeoutMs`), i.e. the waits the engine chose. */
export function waits(clock: FakeClock, timeoutMs: number): number[] {
  return clock.sleeps.filter(ms => ms !== timeoutMs).map(ms => Math.round(ms))
}
