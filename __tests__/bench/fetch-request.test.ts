import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fetchRequest } from '../../bench/fetch-request.js'
import { errorClassOf } from '../../src/pipelines/load-board/errors.js'
import { FakeClock } from '../helpers/fake-clock.js'

/** Answers each request with the next scripted [status, body]. */
let script: [number, unknown][] = []
let server: Server
let url = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const [status, body] = script.shift() ?? [200, { data: { ok: true } }]
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`
})
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

/** Runs a request while advancing the fake clock through its retry waits. */
const outcomes: string[] = []
async function send(clock: FakeClock): Promise<unknown> {
  outcomes.length = 0
  const request = fetchRequest({ url, token: 't', clock, attempts: 4, onOutcome: o => void outcomes.push(o) })
  const result = request('query { x }', {}, { kind: 'test', items: 1 }).then(
    data => ({ ok: true, data }),
    (error: unknown) => ({ ok: false, error })
  )
  for (let i = 0; i < 50; i++) await clock.advance(10_000)
  return await result
}

describe('fetchRequest (fallback monday client of load-board)', () => {
  it('classifies both shapes of an expired cursor and does not retry them', async () => {
    for (const body of [
      {
        error_code: 'CursorException',
        error_message: 'CursorExpiredError: The cursor provided for pagination has expired.'
      },
      { errors: [{ message: 'The cursor has expired', extensions: { code: 'CursorExpiredError' } }] }
    ]) {
      script = [[200, body]]
      const clock = new FakeClock()
      const outcome = (await send(clock)) as { ok: boolean; error: unknown }
      expect(outcome.ok).toBe(false)
      expect(errorClassOf(outcome.error)).toBe('cursor_expired')
      expect(clock.sleeps).toEqual([])
    }
  })

  it('waits retry_in_seconds after a 429 and retries 5xx, then succeeds', async () => {
    script = [
      [
        429,
        {
          errors: [
            {
              message: 'Complexity budget exhausted',
              extensions: { code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 7 }
            }
          ]
        }
      ],
      [500, {}],
      [200, { data: { items: [] } }]
    ]
    const clock = new FakeClock()
    expect(await send(clock)).toEqual({ ok: true, data: { items: [] } })
    expect(clock.sleeps).toEqual([7000, 2000])
    expect(outcomes).toEqual(['complexity', 'other', 'ok'])
  })

  it('gives up after its attempts and on auth errors at once', async () => {
    script = [
      [500, {}],
      [500, {}],
      [500, {}],
      [500, {}]
    ]
    const outcome = (await send(new FakeClock())) as { ok: boolean; error: { attempts: number; errorClass: string } }
    expect(outcome.error).toMatchObject({ attempts: 4, errorClass: 'server' })
    script = [[401, { errors: [{ message: 'Not Authenticated', extensions: { code: 'Unauthorized' } }] }]]
    const clock = new FakeClock()
    const auth = (await send(clock)) as { error: { errorClass: string } }
    expect(auth.error.errorClass).toBe('auth')
    expect(clock.sleeps).toEqual([])
  })
})
