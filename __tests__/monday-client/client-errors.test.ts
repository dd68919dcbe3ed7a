import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createMondayClient, type MondayClientOptions } from '../../src/adapters/monday/client.js'
import { MondayRequestFailedError, isMondayApiError } from '../../src/adapters/monday/types.js'
import type { EngineEvent } from '../../src/engine/events.js'
import { errorClassOf } from '../../src/pipelines/load-board/errors.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { drive, waits } from './drive.js'
import { ScriptedServer, okBody } from './scripted-server.js'

const TIMEOUT = 600_000
const TOKEN = 'tok-SECRET-123'
const MUTATION = 'mutation { a0: create_item(board_id: 1, item_name: "x") { id } }'
let server: ScriptedServer
beforeAll(async () => {
  server = await new ScriptedServer().start()
})
afterAll(async () => await server.close())
beforeEach(() => {
  server.requests.length = 0
  server.script.length = 0
})

function client(extra: Partial<MondayClientOptions> = {}) {
  const clock = new FakeClock(1_700_000_000_000)
  const events: EngineEvent[] = []
  const c = createMondayClient({
    url: server.url,
    token: TOKEN,
    clock,
    random: () => 0,
    requestTimeoutMs: TIMEOUT,
    probe: false,
    onEvent: e => void events.push(e),
    ...extra
  })
  return { c, clock, events }
}

const rateLimited = (code: string, retry: number) => ({
  status: 429,
  body: { errors: [{ message: code, extensions: { code, retry_in_seconds: retry } }], extensions: { request_id: 'x' } }
})

describe('monday client: error shapes of API-FACTS.md are recovered from', () => {
  it.each([
    ['COMPLEXITY_BUDGET_EXHAUSTED', 22, 'complexity'],
    ['MINUTE_RATE_LIMIT_EXCEEDED', 58, 'rate_limit'],
    ['MAX_CONCURRENCY_EXCEEDED', 15, 'concurrency']
  ])('2026 HTTP 429 %s: waits retry_in_seconds, then succeeds with a fresh key', async (code, seconds, errorClass) => {
    const { c, clock } = client()
    server.script.push(rateLimited(code, seconds), { body: okBody({ a0: { id: '1' } }) })
    const r = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 1, idempotencyKey: 'k' }))
    expect(r.ok).toBe(true)
    expect(waits(clock, TIMEOUT)).toEqual([seconds * 1000])
    expect(server.requests.map(q => q.headers['idempotency-key'])).toEqual(['k', 'k-r1'])
    expect(c.metrics().retries).toEqual({ [errorClass]: 1 })
  })

  it('2025-04 shape (fields inside extensions) and the legacy HTTP 200 ComplexityException', async () => {
    const { c, clock } = client()
    server.script.push(
      {
        status: 429,
        body: {
          errors: [
            {
              message: 'Complexity budget exhausted',
              extensions: {
                code: 'COMPLEXITY_BUDGET_EXHAUSTED',
                complexity: 30001,
                complexity_budget_left: 100,
                complexity_budget_limit: 1_000_000,
                retry_in_seconds: 7,
                status_code: 429
              }
            }
          ]
        }
      },
      {
        status: 200,
        body: {
          error_code: 'ComplexityException',
          status_code: 429,
          error_message:
            'Complexity budget exhausted, query cost 30001 budget remaining 19986 out of 1000000 reset in 3 seconds'
        }
      },
      { body: okBody({ boards: [] }) }
    )
    const r = await drive(clock, c.request('query { boards { id } }', {}, { kind: 'boards', items: 1 }))
    expect(r).toEqual({ ok: true, value: { boards: [] } })
    expect(waits(clock, TIMEOUT)).toEqual([7000, 3000])
  })

  it('FIELD_LIMIT_EXCEEDED waits its 15 s and halves the batch size', async () => {
    const { c, clock } = client()
    expect(c.suggestBatchSize('items', { min: 1, max: 100 })).toBe(50)
    server.script.push(
      {
        body: {
          errors: [
            { message: 'Field limit exceeded', extensions: { code: 'FIELD_LIMIT_EXCEEDED', retry_in_seconds: 15 } }
          ],
          data: null
        }
      },
      { body: okBody({ items: [] }) }
    )
    const r = await drive(clock, c.request('query { items(ids: [1]) { id } }', {}, { kind: 'items', items: 40 }))
    expect(r.ok).toBe(true)
    expect(waits(clock, TIMEOUT)).toEqual([15_000])
    expect(c.suggestBatchSize('items', { min: 1, max: 100 })).toBe(20)
  })

  it('IDEMPOTENCY_CONFLICT 409: waits Retry-After and retries with the same key; the replay is flagged', async () => {
    const { c, clock } = client({ requestTimeoutMs: 10_000 })
    server.script.push(
      {
        status: 409,
        headers: { 'Retry-After': '2' },
        body: { errors: [{ message: 'conflict', extensions: { code: 'IDEMPOTENCY_CONFLICT' } }] }
      },
      { body: okBody({ a0: { id: '9' } }), headers: { 'Idempotency-Replayed': 'true' } }
    )
    const r = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 1, idempotencyKey: 'k' }))
    expect(r.ok && r.value.replayed).toBe(true)
    expect(waits(clock, 10_000)).toEqual([2000])
    expect(server.requests.map(q => q.headers['idempotency-key'])).toEqual(['k', 'k'])
  })

  it('423, 5xx, a dropped connection and a timeout: per-class backoff, same key (the request may have run)', async () => {
    const { c, clock } = client({ requestTimeoutMs: 5000 })
    server.script.push(
      { status: 423, body: { error_message: 'Resource is currently locked' } },
      { status: 502, text: '<html>Bad Gateway</html>' },
      { drop: true },
      { hang: true },
      rateLimited('MINUTE_RATE_LIMIT_EXCEEDED', 1),
      { status: 500, body: { errors: [{ message: 'Internal server error' }] } },
      { body: okBody({ a0: { id: '1' } }) }
    )
    const r = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 1, idempotencyKey: 'k' }), 500)
    expect(r.ok).toBe(true)
    // locked 1 000/2, server 1 000/2, network 500/2, timeout 1 000/2, 429 1 s, server 2 000/2.
    expect(waits(clock, 5000)).toEqual([500, 500, 250, 500, 1000, 1000])
    expect(c.metrics().retries).toEqual({ locked: 1, server: 2, network: 1, timeout: 1, rate_limit: 1 })
    // After ambiguous failures the 429 does not change the key: the first attempt may have run.
    expect(new Set(server.requests.map(q => q.headers['idempotency-key']))).toEqual(new Set(['k']))
  })

  it('DAILY_LIMIT_EXCEEDED, auth and not-found fail at once with their class; the token is never in the message', async () => {
    const { c, clock } = client()
    server.script.push(
      rateLimited('DAILY_LIMIT_EXCEEDED', 3599),
      {
        status: 401,
        body: { errors: [{ message: `Not authenticated: ${TOKEN}`, extensions: { code: 'Unauthorized' } }] }
      },
      { status: 404, body: { error_message: 'Not found', error_code: 'ResourceNotFoundException' } }
    )
    const classes: string[] = []
    for (let i = 0; i < 3; i++) {
      const r = await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
      if (r.ok) throw new Error('expected a failure')
      expect(isMondayApiError(r.error)).toBe(true)
      expect(String((r.error as Error).message)).not.toContain(TOKEN)
      classes.push(errorClassOf(r.error))
    }
    expect(classes).toEqual(['daily_limit', 'auth', 'not_found'])
    expect(server.requests).toHaveLength(3)
  })

  it('an expired cursor (legacy and current shapes) fails without retry as cursor_expired', async () => {
    const { c, clock } = client()
    server.script.push(
      {
        body: {
          error_code: 'CursorException',
          error_message: 'CursorExpiredError: The cursor provided for pagination has expired.'
        }
      },
      {
        body: {
          errors: [{ message: 'expired', extensions: { code: 'CursorExpiredError' } }],
          data: { next_items_page: null }
        }
      }
    )
    for (let i = 0; i < 2; i++) {
      const r = await drive(
        clock,
        c.request('query { next_items_page(cursor: "c") { cursor } }', {}, { kind: 'next_items_page', items: 100 })
      )
      expect(r.ok ? 'ok' : errorClassOf(r.error)).toBe('cursor_expired')
    }
    expect(server.requests).toHaveLength(2)
  })

  it('validation: a whole-request error splits a batch and fails a single row; per-alias errors resolve with data', async () => {
    const { c, clock } = client()
    server.script.push(
      { body: { errors: [{ message: 'invalid value', extensions: { code: 'ColumnValueException' } }], data: null } },
      { body: { errors: [{ message: 'invalid value', extensions: { code: 'ColumnValueException' } }], data: null } },
      {
        body: {
          data: { a0: { id: '1' }, a1: null, complexity: { before: 10, after: 5, query: 5, reset_in_x_seconds: 3 } },
          errors: [{ message: 'name too long', path: ['a1'], extensions: { code: 'ItemNameTooLongException' } }]
        }
      }
    )
    const batch = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 2 }))
    expect(!batch.ok && batch.error instanceof MondayRequestFailedError && batch.error.action).toBe('split')
    const single = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 1 }))
    expect(!single.ok && single.error instanceof MondayRequestFailedError && single.error.action).toBe('fail')
    const partial = await drive(clock, c.send<Record<string, unknown>>(MUTATION, {}, { kind: 'create_item', items: 2 }))
    if (!partial.ok) throw partial.error
    expect(partial.value.data).toEqual({ a0: { id: '1' }, a1: null })
    expect(partial.value.errors.map(e => [e.path?.[0], e.classified?.errorClass, e.classified?.action])).toEqual([
      ['a1', 'validation', 'fail']
    ])
    expect(server.requests).toHaveLength(3)
  })

  it('a subgraph throttle with partial data resolves per alias for send() and is retried by request()', async () => {
    const { c, clock } = client()
    const throttled = {
      body: {
        data: { a0: { id: '1' }, a1: null },
        errors: [{ message: 'Too many requests', path: ['a1'], extensions: { code: 'tooManyRequests' } }]
      }
    }
    server.script.push(throttled, throttled, { body: okBody({ a0: { id: '1' }, a1: { id: '2' } }) })
    const sent = await drive(clock, c.send(MUTATION, {}, { kind: 'create_item', items: 2 }))
    expect(sent.ok && sent.value.errors[0]?.classified?.errorClass).toBe('rate_limit')
    const read = await drive(
      clock,
      c.request<Record<string, unknown>>('query { a0: me { id } a1: me { id } }', {}, { kind: 'me', items: 2 })
    )
    expect(read).toEqual({ ok: true, value: { a0: { id: '1' }, a1: { id: '2' } } })
  })

  it('gives up after maxAttempts and reports the attempts', async () => {
    const { c, clock } = client({ maxAttempts: 3 })
    for (let i = 0; i < 3; i++) server.script.push({ status: 503, text: 'unavailable' })
    const r = await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    expect(
      !r.ok && r.error instanceof MondayRequestFailedError && [r.error.errorClass, r.error.details.attempts]
    ).toEqual(['server', 3])
  })
})
