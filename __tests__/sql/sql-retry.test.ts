import { describe, expect, it } from '@jest/globals'
import { type SqlRetryEvent, retrySql, transientError } from '../../src/adapters/sql/sql-retry.js'
import { seededRandom } from '../../src/engine/clock.js'
import { DatabaseError } from '../../src/errors.js'
import { FakeClock } from '../helpers/fake-clock.js'

/** An error as mssql throws it (RequestError with the server's number), wrapped as the adapter does. */
function sqlError(number: number, message = `error ${number}`): DatabaseError {
  const driver = Object.assign(new Error(message), { name: 'RequestError', code: 'EREQUEST', number })
  return new DatabaseError(`SQL Server: ${message}`, { cause: driver })
}

/** Runs retrySql over a scripted list of failures, advancing the fake clock until it settles. */
async function run(
  failures: unknown[],
  attempts = 5
): Promise<{ result: unknown; tries: number; events: SqlRetryEvent[]; sleeps: number[] }> {
  const clock = new FakeClock()
  const events: SqlRetryEvent[] = []
  let tries = 0
  const done = retrySql(
    async () => {
      const failure = failures[tries++]
      if (failure) throw failure
      return 'ok'
    },
    { attempts, clock, random: seededRandom(7), onRetry: e => events.push(e) }
  ).then(
    value => ({ value }),
    (error: unknown) => ({ error })
  )
  let settled: { value?: unknown; error?: unknown } | undefined
  void done.then(s => (settled = s))
  while (!settled) await clock.advance(60_000)
  return { result: settled.error ?? settled.value, tries, events, sleeps: clock.sleeps }
}

describe('SQL Server transient errors', () => {
  it.each([
    [1205, 'deadlock'],
    [1222, 'deadlock'],
    [40613, 'server'],
    [40197, 'server'],
    [40501, 'server'],
    [49918, 'server'],
    [10928, 'server']
  ])('error %i is retried as %s', (number, kind) => {
    expect(transientError(sqlError(number))).toMatchObject({ kind, number })
  })

  it('a full pool (tarn TimeoutError, as mssql rethrows it) is retried; other errors are not', () => {
    const pool = Object.assign(new Error('Failed to acquire a connection from the pool: operation timed out'), {
      name: 'TimeoutError'
    })
    expect(transientError(new DatabaseError('SQL Server: x', { cause: pool }))?.kind).toBe('pool')
    for (const number of [2628, 8115, 547, 2627, 208]) expect(transientError(sqlError(number))).toBeNull()
    expect(transientError(new Error('ETIMEOUT'))).toBeNull()
  })

  it('a deadlock victim is run again after the engine backoff of its class, then succeeds', async () => {
    const { result, tries, events, sleeps } = await run([sqlError(1205), sqlError(1205)])
    expect(result).toBe('ok')
    expect(tries).toBe(3)
    expect(events.map(e => [e.attempt, e.error.number])).toEqual([
      [1, 1205],
      [2, 1205]
    ])
    // the engine's `locked` backoff with equal jitter: [500, 1000) ms, then [1000, 2000) ms
    expect(sleeps).toEqual(events.map(e => e.delayMs))
    expect(sleeps[0]).toBeGreaterThanOrEqual(500)
    expect(sleeps[0]).toBeLessThan(1000)
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000)
    expect(sleeps[1]).toBeLessThan(2000)
  })

  it('gives up after the configured tries with the last error; a lasting error is thrown at once', async () => {
    const failures = Array.from({ length: 5 }, () => sqlError(40613))
    const exhausted = await run(failures, 3)
    expect(exhausted.tries).toBe(3)
    expect(String(exhausted.result)).toMatch(/40613/)
    const lasting = await run([sqlError(2628, 'String or binary data would be truncated')])
    expect(lasting.tries).toBe(1)
    expect(lasting.sleeps).toEqual([])
  })
})
