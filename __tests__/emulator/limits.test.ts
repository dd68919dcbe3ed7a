import { afterEach, describe, expect, it } from '@jest/globals'
import type { MondayEmulator, MondayEmulatorOptions } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, ManualClock, post } from './http.js'

let emu: MondayEmulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

async function start(options: MondayEmulatorOptions): Promise<MondayEmulator> {
  emu = await emulator(options)
  return emu
}

const CREATE = (boardId: string): string =>
  `mutation { create_item(board_id: ${boardId}, item_name: "x") { id } complexity { before after query reset_in_x_seconds } }`

describe('limits', () => {
  it('uses monday defaults per plan', async () => {
    const e = await start({ plan: 'enterprise' })
    expect(e.limits).toEqual({
      complexityPerMinute: 10_000_000,
      queryComplexityCap: 5_000_000,
      requestsPerMinute: 5_000,
      concurrency: 250,
      dailyCalls: 25_000,
      ipRequestsPer10s: 5_000
    })
    const { planLimits } = await import('../../emulator/monday/index.js')
    expect(planLimits('free')).toMatchObject({
      complexityPerMinute: 1_000_000,
      requestsPerMinute: 1_000,
      concurrency: 40,
      dailyCalls: 1_000
    })
    expect(planLimits('pro')).toMatchObject({ requestsPerMinute: 2_500, concurrency: 100, dailyCalls: 10_000 })
  })

  it('shares one per-minute complexity budget between two clients and resets 60 s after the first call', async () => {
    const clock = new ManualClock()
    const e = await start({ clock, limits: { complexityPerMinute: 25_000 } })
    const board = e.admin.createBoard({ name: 'b' })
    const first = dataOf(await post(e.url, CREATE(board.id), {}, { Authorization: 'client-a' }))
    expect(first.complexity).toEqual({ before: 25_000, after: 15_000, query: 10_000, reset_in_x_seconds: 60 })
    clock.advance(20_000)
    const second = dataOf(await post(e.url, CREATE(board.id), {}, { Authorization: 'client-b' }))
    expect(second.complexity).toEqual({ before: 15_000, after: 5_000, query: 10_000, reset_in_x_seconds: 40 })
    const refused = await post(e.url, CREATE(board.id), {}, { Authorization: 'client-a' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('40')
    expect(refused.body.errors).toEqual([
      {
        message: 'Complexity budget exhausted',
        extensions: { code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 40 }
      }
    ])
    expect(typeof refused.body.extensions?.request_id).toBe('string')
    expect(e.admin.items(board.id)).toHaveLength(2)
    clock.advance(40_000)
    const after = dataOf(await post(e.url, CREATE(board.id), {}, { Authorization: 'client-b' }))
    expect(after.complexity).toMatchObject({ before: 25_000, after: 15_000 })
    const stats = e.admin.stats()
    expect(stats.throttled).toEqual({ COMPLEXITY_BUDGET_EXHAUSTED: 1 })
    expect(stats.byKind.create_item).toEqual({ requests: 3, points: 30_000 })
    expect(stats.pointsSpent).toBe(30_000)
  })

  it('charges reads by objects and list sizes, and refuses a query over the per-query cap', async () => {
    const e = await start({})
    const board = e.admin.createBoard({ name: 'b', columns: [{ title: 'T', type: 'text' }], items: 3 })
    const cost = async (q: string): Promise<number> =>
      (dataOf(await post(e.url, `{ complexity { query } ${q} }`)).complexity as { query: number }).query
    const base = await cost('')
    const small = await cost(`boards(ids: [${board.id}]) { items_page(limit: 10) { items { id } } }`)
    const large = await cost(`boards(ids: [${board.id}]) { items_page(limit: 500) { items { id } } }`)
    expect(small - base).toBe(10 + 10 + 10 * 11)
    expect(large - base).toBe(10 + 10 + 500 * 11)
    const mutation = dataOf(
      await post(e.url, `mutation { create_group(board_id: ${board.id}, group_name: "g") { id } complexity { query } }`)
    )
    expect(mutation.complexity).toEqual({ query: 30_000 })
    const heavy = await post(
      e.url,
      `{ boards(limit: 1000) { items_page(limit: 500) { items { id column_values { id text value } subitems { id column_values { id text } } } } } }`
    )
    expect(heavy.status).toBe(200)
    expect(heavy.body.errors?.[0]?.extensions).toMatchObject({
      code: 'REQUEST_MAX_COMPLEXITY_EXCEEDED',
      max_complexity_per_request: 5_000_000
    })
  })

  it('corrects the estimate to the actual cost from 2025-10 on; failed mutations cost a tenth', async () => {
    const e = await start({ clock: new ManualClock() })
    const board = e.admin.createBoard({ name: 'b', items: 3 })
    const before = async (version: string): Promise<number> =>
      (
        dataOf(await post(e.url, '{ complexity { before } }', {}, { 'API-Version': version })).complexity as {
          before: number
        }
      ).before
    const read = `{ boards(ids: [${board.id}]) { items_page(limit: 500) { items { id } } } }`
    const start0 = await before('2026-10')
    await post(e.url, read, {}, { 'API-Version': '2026-10' })
    const afterRead = await before('2026-10')
    // actual: board object 10 + items_page object 10 + 3 items × (10 + 1), plus the complexity probe (10 + 1)
    expect(start0 - afterRead).toBe(11 + 10 + 10 + 3 * 11)
    await post(e.url, read, {}, { 'API-Version': '2025-07' })
    expect(afterRead - (await before('2025-07'))).toBe(11 + 10 + 10 + 500 * 11)
    const failing = `mutation { ok: create_item(board_id: ${board.id}, item_name: "a") { id } bad: create_item(board_id: 1, item_name: "b") { id } }`
    const pointsBefore = e.admin.stats().pointsSpent
    await post(e.url, failing, {}, { 'API-Version': '2026-10' })
    expect(e.admin.stats().pointsSpent - pointsBefore).toBe(10_000 + 1_000)
    await post(e.url, failing, {}, { 'API-Version': '2025-04' })
    expect(e.admin.stats().pointsSpent - pointsBefore).toBe(11_000 + 20_000)
  })

  it('refuses over the requests-per-minute limit with MINUTE_RATE_LIMIT_EXCEEDED', async () => {
    const clock = new ManualClock()
    const e = await start({ clock, limits: { requestsPerMinute: 3 } })
    for (let i = 0; i < 3; i += 1) expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    clock.advance(15_000)
    const refused = await post(e.url, '{ me { id } }')
    expect(refused.status).toBe(429)
    expect(codes(refused)).toEqual(['MINUTE_RATE_LIMIT_EXCEEDED'])
    expect(refused.body.errors?.[0]?.extensions.retry_in_seconds).toBe(45)
    expect(refused.headers.get('ratelimit')).toContain('"minuteRate";r=0;t=45')
    clock.advance(45_000)
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
  })

  it('refuses requests over the concurrency limit while others are in flight', async () => {
    const e = await start({ limits: { concurrency: 2 }, latency: { baseMs: 300 } })
    const replies = await Promise.all(Array.from({ length: 4 }, () => post(e.url, '{ me { id } }')))
    const statuses = replies.map(r => r.status).sort()
    expect(statuses).toEqual([200, 200, 429, 429])
    const refused = replies.find(r => r.status === 429)
    expect(refused?.body.errors?.[0]?.extensions).toEqual({ code: 'MAX_CONCURRENCY_EXCEEDED', retry_in_seconds: 15 })
    expect(e.admin.stats().maxConcurrent).toBe(2)
  })

  it('counts daily calls to 00:00 UTC, throttled calls as 0.1, and limits per IP', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 23, 0, 0))
    const e = await start({ clock, limits: { dailyCalls: 2 } })
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    const refused = await post(e.url, '{ me { id } }')
    expect(refused.status).toBe(429)
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'DAILY_LIMIT_EXCEEDED', retry_in_seconds: 3600 })
    clock.advance(3_600_000)
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    e.admin.setLimits({ dailyCalls: 100, ipRequestsPer10s: 2 })
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    const ip = await post(e.url, '{ me { id } }')
    expect(codes(ip)).toEqual(['IP_RATE_LIMIT_EXCEEDED'])
    clock.advance(10_000)
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
  })

  it('shapes other limits per version and counts throttled calls as 0.1 of a daily call', async () => {
    const clock = new ManualClock()
    const e = await start({ clock, limits: { requestsPerMinute: 1, dailyCalls: 2 } })
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    const current = await post(e.url, '{ me { id } }')
    expect(current.body.errors?.[0]?.extensions).toEqual({ code: 'MINUTE_RATE_LIMIT_EXCEEDED', retry_in_seconds: 60 })
    const legacy = await post(e.url, '{ me { id } }', {}, { 'API-Version': '2024-04' })
    expect(legacy.status).toBe(429)
    expect(legacy.headers.get('retry-after')).toBe('60')
    expect(legacy.body).toMatchObject({
      error_code: 'RateLimitExceeded',
      status_code: 429,
      error_data: { retry_in_seconds: 60 }
    })
    for (let i = 0; i < 8; i += 1) expect((await post(e.url, '{ me { id } }')).status).toBe(429)
    clock.advance(60_000)
    // 1 call + 10 refusals × 0.1 = 2.0: the daily limit of 2 is reached
    expect(codes(await post(e.url, '{ me { id } }'))).toEqual(['DAILY_LIMIT_EXCEEDED'])
  })

  it('reports the per-query cap in the pre-2025-10 shape for older versions', async () => {
    const e = await start({ limits: { queryComplexityCap: 100 } })
    const reply = await post(e.url, '{ boards(limit: 50) { id name } }', {}, { 'API-Version': '2025-07' })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      error_code: 'ComplexityException',
      error_message: 'Query has complexity of 600, which exceeds max complexity of 100'
    })
    expect(e.admin.stats().errors).toEqual({ REQUEST_MAX_COMPLEXITY_EXCEEDED: 1 })
  })

  it('sends RateLimit-Policy and RateLimit headers', async () => {
    const e = await start({ plan: 'enterprise', clock: new ManualClock() })
    const reply = await post(e.url, '{ me { id } }')
    expect(reply.headers.get('ratelimit-policy')).toBe(
      '"minuteRate";q=5000;w=60, "concurrency";q=250, "complexityMinute";q=10000000;w=60'
    )
    expect(reply.headers.get('ratelimit')).toMatch(
      /^"minuteRate";r=4999;t=60, "concurrency";r=25\d, "complexityMinute";r=\d+;t=60$/
    )
  })
})
