import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, ManualClock, post } from './http.js'

let emu: MondayEmulator
let boardId: string
const clock = new ManualClock()

beforeAll(async () => {
  emu = await emulator({ clock, limits: { complexityPerMinute: 15_000 } })
  boardId = emu.admin.createBoard({ name: 'v' }).id
})
afterAll(async () => {
  await emu.close()
})

const exhaust = async (version: string): Promise<Awaited<ReturnType<typeof post>>> => {
  clock.advance(61_000)
  await post(
    emu.url,
    `mutation { create_item(board_id: ${boardId}, item_name: "a") { id } }`,
    {},
    { 'API-Version': version }
  )
  return await post(
    emu.url,
    `mutation { create_item(board_id: ${boardId}, item_name: "b") { id } }`,
    {},
    { 'API-Version': version }
  )
}

describe('API versions', () => {
  it('serves Current without a header and echoes API-Version', async () => {
    const reply = await post(emu.url, '{ version { value kind display_name } }')
    expect(reply.headers.get('api-version')).toBe('2026-10')
    expect(dataOf(reply).version).toEqual({ value: '2026-10', kind: 'current', display_name: '2026-10 (Current)' })
    const maintenance = await post(emu.url, '{ version { value kind } }', {}, { 'API-Version': '2026-07' })
    expect(dataOf(maintenance).version).toEqual({ value: '2026-07', kind: 'maintenance' })
  })

  it('routes 2024-10 and 2025-01 to 2025-04', async () => {
    for (const v of ['2024-10', '2025-01']) {
      const reply = await post(emu.url, '{ version { value } }', {}, { 'API-Version': v })
      expect(reply.headers.get('api-version')).toBe('2025-04')
      expect(dataOf(reply).version).toEqual({ value: '2025-04' })
    }
  })

  // [ERR] https://developer.monday.com/api-reference/docs/error-handling lists InvalidVersionException among
  // the errors answered with HTTP 200
  it('answers a malformed version with InvalidVersionException, HTTP 200', async () => {
    for (const v of ['2026-13', 'latest', '2026-1', '2031-01']) {
      const reply = await post(emu.url, '{ me { id } }', {}, { 'API-Version': v })
      expect(reply.status).toBe(200)
      expect(codes(reply)).toEqual(['InvalidVersionException'])
    }
  })

  // [VER] https://developer.monday.com/api-reference/docs/api-versioning: 2027-01 is the release candidate on
  // 2026-11; `dev` is accepted (monday's SDK and agent toolkit send it)
  it('serves 2027-01 as the release candidate and accepts dev', async () => {
    const rc = await post(emu.url, '{ version { value kind } }', {}, { 'API-Version': '2027-01' })
    expect(dataOf(rc).version).toEqual({ value: '2027-01', kind: 'release_candidate' })
    const dev = await post(emu.url, '{ version { value kind } }', {}, { 'API-Version': 'dev' })
    expect(dev.status).toBe(200)
    expect(dev.headers.get('api-version')).toBe('dev')
    expect(dataOf(dev).version).toEqual({ value: 'dev', kind: 'dev' })
  })

  it('sends the 2026 complexity shape from 2025-07 on', async () => {
    const reply = await exhaust('2026-10')
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after')).toBe('60')
    expect(reply.body.errors?.[0]?.extensions).toEqual({ code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 60 })
  })

  it('sends the 2025-04 shape with budget fields', async () => {
    const reply = await exhaust('2025-01')
    expect(reply.status).toBe(429)
    expect(reply.body.errors?.[0]?.extensions).toEqual({
      code: 'COMPLEXITY_BUDGET_EXHAUSTED',
      complexity: 10_000,
      complexity_budget_left: 5_000,
      complexity_budget_limit: 15_000,
      retry_in_seconds: 60,
      status_code: 429
    })
  })

  it('sends the legacy ComplexityException with HTTP 200 for old versions', async () => {
    const reply = await exhaust('2024-07')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('api-version')).toBe('2024-07')
    expect(reply.body).toMatchObject({
      error_code: 'ComplexityException',
      status_code: 429,
      error_message:
        'Complexity budget exhausted, query cost 10000 budget remaining 5000 out of 15000 reset in 60 seconds'
    })
  })

  it('keeps application errors at HTTP 200 with extensions.code', async () => {
    clock.advance(61_000)
    const reply = await post(
      emu.url,
      `mutation { create_item(board_id: 1, item_name: "x") { id } }`,
      {},
      { 'API-Version': '2026-10' }
    )
    expect(reply.status).toBe(200)
    expect(reply.body.errors?.[0]).toMatchObject({
      path: ['create_item'],
      extensions: { code: 'InvalidBoardIdException' }
    })
  })
})

describe('request errors', () => {
  const raw = (body: string, headers: Record<string, string> = { Authorization: 't' }): Promise<Response> =>
    fetch(emu.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })

  it('rejects a missing Authorization with 401, bad JSON with 400, bad GraphQL with errors', async () => {
    expect((await raw('{"query":"{ me { id } }"}', {})).status).toBe(401)
    const badJson = await raw('{nope')
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ errors: [{ extensions: { code: 'JsonParseException' } }] })
    expect((await raw('{"query":"{ me { id } }","variables":[1]}')).status).toBe(400)
    expect((await raw('{"variables":{}}')).status).toBe(400)
    const syntax = (await (await raw('{"query":"{ me { "}')).json()) as { errors: { extensions: { code: string } }[] }
    expect(syntax.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED')
    const unknown = (await (await raw('{"query":"{ nope }"}')).json()) as { errors: { extensions: { code: string } }[] }
    expect(unknown.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
    const badVar = (await (
      await raw('{"query":"query($x: ID!) { items(ids: [$x]) { id } }","variables":{}}')
    ).json()) as { errors: unknown[] }
    expect(badVar.errors).toHaveLength(1)
    expect((await fetch(emu.url.replace('/v2', '/other'))).status).toBe(404)
  })

  it('requires the configured token when one is set', async () => {
    const locked = await emulator({ token: 'secret' })
    try {
      expect((await post(locked.url, '{ me { id } }', {}, { Authorization: 'other' })).status).toBe(401)
      expect((await post(locked.url, '{ me { id } }', {}, { Authorization: 'secret' })).status).toBe(200)
    } finally {
      await locked.close()
    }
  })
})
