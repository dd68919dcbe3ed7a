import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createMondayClient, type MondayClientOptions } from '../../src/adapters/monday/client.js'
import { MondayRequestFailedError } from '../../src/adapters/monday/types.js'
import type { EngineEvent } from '../../src/engine/events.js'
import { GraphqlBoardReader } from '../../src/pipelines/load-board/reader.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { drive } from './drive.js'
import { ScriptedServer, okBody } from './scripted-server.js'

let server: ScriptedServer
beforeAll(async () => {
  server = await new ScriptedServer().start()
})
afterAll(async () => await server.close())
beforeEach(() => {
  server.requests.length = 0
  server.script.length = 0
})
afterEach(() => {
  jest.restoreAllMocks()
})

function client(extra: Partial<MondayClientOptions> = {}) {
  const clock = new FakeClock(1_700_000_000_000)
  const events: EngineEvent[] = []
  const c = createMondayClient({
    url: server.url,
    token: 'token-abcdef-123',
    clock,
    random: () => 0,
    requestTimeoutMs: 600_000,
    onEvent: e => void events.push(e),
    ...extra
  })
  return { c, clock, events }
}

describe('monday client: requests', () => {
  it('probes once, sends token and API-Version, keys mutations only, and strips the injected complexity', async () => {
    const { c, clock } = client({ apiVersion: '2026-07' })
    server.script.push({ body: okBody() }, { body: okBody({ me: { id: '1' } }) }, { body: okBody({ a: { id: '2' } }) })
    const read = await drive(
      clock,
      c.request<{ me: { id: string } }>('query { me { id } }', {}, { kind: 'me', items: 1 })
    )
    expect(read).toEqual({ ok: true, value: { me: { id: '1' } } })
    const write = await drive(
      clock,
      c.send(
        'mutation { a: create_item(board_id: 1, item_name: "x") { id } }',
        {},
        { kind: 'create_item', items: 1, idempotencyKey: 'k1' }
      )
    )
    expect(write.ok && write.value).toEqual({
      data: { a: { id: '2' } },
      errors: [],
      replayed: false,
      complexity: { before: 1_000_000, after: 990_000, query: 10_000, resetInSeconds: 40 }
    })
    expect(
      server.requests.map(r => [
        r.query.includes('MondaySyncProbe'),
        r.headers.authorization,
        r.headers['api-version'],
        r.headers['idempotency-key']
      ])
    ).toEqual([
      [true, 'token-abcdef-123', '2026-07', undefined],
      [false, 'token-abcdef-123', '2026-07', undefined],
      [false, 'token-abcdef-123', '2026-07', 'k1']
    ])
    expect(server.work.every(r => r.query.includes('reset_in_x_seconds'))).toBe(true)
  })

  it('applies the limits the RateLimit-Policy header announces', async () => {
    const { c, clock, events } = client({ probe: false })
    server.script.push({
      body: okBody(),
      headers: {
        'RateLimit-Policy': '"minuteRate";q=1000;w=60, "concurrency";q=5, "complexityMinute";q=2000000;w=60',
        RateLimit: '"minuteRate";r=990;t=30'
      }
    })
    await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    expect(events.filter(e => e.type === 'limits' || e.type === 'concurrency')).toEqual([
      { type: 'limits', limit: 'complexityPerMinute', value: 2_000_000 },
      { type: 'limits', limit: 'requestsPerMinute', value: 1000 },
      { type: 'concurrency', limit: 5 }
    ])
    expect(c.metrics().budgetPerMinute).toBe(2_000_000)
  })

  it("paces on the RateLimit header's complexity left (taken at the answer), not the complexity field's (taken at the start)", async () => {
    const { c, clock, events } = client({ probe: false })
    // the field says 990,000 were left when the query started; by its answer other jobs spent the rest
    server.script.push(
      { body: okBody(), headers: { RateLimit: '"complexityMinute";r=0;t=30' } },
      { body: okBody({ me: { id: '1' } }) }
    )
    await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    const before = clock.now()
    await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    expect(events.filter(e => e.type === 'throttle').map(e => e.type === 'throttle' && e.reason)).toContain('budget')
    // the second waited for the header's reset, 30 s
    expect(clock.now() - before).toBeGreaterThanOrEqual(30_000)
  })

  it('refuses a request estimated over the per-query cap without sending it (shrink)', async () => {
    const { c, clock } = client({ probe: false })
    const r = await drive(
      clock,
      c.send('mutation { a: create_item(board_id: 1, item_name: "x") { id } }', {}, { kind: 'create_item', items: 600 })
    )
    expect(!r.ok && r.error instanceof MondayRequestFailedError && r.error.action).toBe('shrink')
    expect(server.requests).toHaveLength(0)
  })

  it('serves load-board reader calls through `request` (MondayRequest)', async () => {
    const { c, clock } = client({ probe: false })
    server.script.push({
      body: okBody({
        boards: [{ id: '7', items_count: 2, items_page: { cursor: null, items: [{ id: '1' }, { id: '2' }] } }]
      })
    })
    const page = await drive(clock, new GraphqlBoardReader(c.request).walkPage('7', null, 100))
    expect(page).toEqual({ ok: true, value: { ids: ['1', '2'], cursor: null, itemsCount: 2, groups: [] } })
    expect(c.metrics().byKind.items_page).toMatchObject({ requests: 1, items: 100, points: 10_000 })
  })

  it('stops waiting when the caller aborts', async () => {
    const { c, clock } = client({ probe: false })
    server.script.push({ status: 503, text: 'down' })
    const controller = new AbortController()
    const pending = c.request('query { me { id } }', {}, { kind: 'me', items: 1, signal: controller.signal })
    setTimeout(() => controller.abort(new Error('cancelled')), 50)
    const r = await drive(clock, pending, 1)
    expect(!r.ok && String(r.error)).toContain('cancelled')
  })
})

describe('monday client: circuit breaker', () => {
  it('opens after consecutive server failures, fails fast, and closes after a successful trial; state is savable', async () => {
    let now = 1_000_000
    jest.spyOn(Date, 'now').mockImplementation(() => now)
    const { c, clock, events } = client({
      probe: false,
      maxAttempts: 3,
      breaker: { threshold: 2, halfOpenAfterMs: 30_000 }
    })
    server.script.push({ status: 503, text: 'down' }, { status: 503, text: 'down' })
    const failed = await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    expect(!failed.ok && failed.error instanceof MondayRequestFailedError && failed.error.message).toMatch(
      /circuit open/
    )
    expect(server.requests).toHaveLength(2)
    expect(c.saveBreakerState()).toMatchObject({ ownState: { value: 1, openedAt: 1_000_000 } })
    now += 30_000
    server.script.push({ body: okBody({ me: { id: '1' } }) })
    const ok = await drive(clock, c.request('query { me { id } }', {}, { kind: 'me', items: 1 }))
    expect(ok.ok).toBe(true)
    expect(events.flatMap(e => (e.type === 'breaker' ? [e.state] : []))).toEqual(['open', 'half_open', 'closed'])
  })
})
