import { afterEach, describe, expect, it } from '@jest/globals'
import type { MondayEmulator, MondayEmulatorOptions } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, ManualClock, post } from './http.js'

let emu: MondayEmulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})
async function start(options: MondayEmulatorOptions = {}): Promise<MondayEmulator> {
  emu = await emulator(options)
  return emu
}

const create = (boardId: string, name = 'x'): string =>
  `mutation { create_item(board_id: ${boardId}, item_name: "${name}") { id } }`

describe('cursors', () => {
  it('expire 60 minutes after the first request (CursorExpiredError; legacy CursorException)', async () => {
    const clock = new ManualClock()
    const e = await start({ clock })
    const board = e.admin.createBoard({ name: 'c', items: 30 })
    const first = dataOf(await post(e.url, `{ boards(ids: [${board.id}]) { items_page(limit: 10) { cursor } } }`)) as {
      boards: { items_page: { cursor: string } }[]
    }
    const cursor = first.boards[0]?.items_page.cursor ?? ''
    clock.advance(59 * 60_000)
    const ok = dataOf(
      await post(e.url, `query($c: String!) { next_items_page(cursor: $c, limit: 10) { cursor items { id } } }`, {
        c: cursor
      })
    )
    expect((ok.next_items_page as { items: unknown[] }).items).toHaveLength(10)
    clock.advance(60_000)
    const expired = await post(e.url, `query($c: String!) { next_items_page(cursor: $c) { cursor } }`, { c: cursor })
    expect(expired.status).toBe(200)
    expect(codes(expired)).toEqual(['CursorExpiredError'])
    expect(expired.body.errors?.[0]?.message).toMatch(
      /^CursorExpiredError: The cursor provided for pagination has expired/
    )
    const legacy = await post(
      e.url,
      `query($c: String!) { next_items_page(cursor: $c) { cursor } }`,
      { c: cursor },
      { 'API-Version': '2024-01' }
    )
    expect(legacy.status).toBe(200)
    expect(legacy.body).toMatchObject({
      error_code: 'CursorException',
      error_message: expect.stringMatching(/^CursorExpiredError/) as unknown
    })
  })

  it('run on an emulated clock sped up by timeScale', async () => {
    let real = 1_000_000
    const e = await start({ clock: { now: () => real }, timeScale: 60 })
    const board = e.admin.createBoard({ name: 't', items: 5 })
    const first = dataOf(await post(e.url, `{ boards(ids: [${board.id}]) { items_page(limit: 2) { cursor } } }`)) as {
      boards: { items_page: { cursor: string } }[]
    }
    real += 61_000 // 61 real seconds = 61 emulated minutes
    const expired = await post(e.url, `query($c: String!) { next_items_page(cursor: $c) { cursor } }`, {
      c: first.boards[0]?.items_page.cursor
    })
    expect(codes(expired)).toEqual(['CursorExpiredError'])
  })
})

describe('cursor store', () => {
  it('keeps at most MAX_WALKS walks; evicted and expired cursors answer CursorExpiredError', async () => {
    const { CursorStore, MAX_WALKS, CURSOR_LIFETIME_MS } = await import('../../emulator/monday/cursors.js')
    const store = new CursorStore('t')
    const first = store.open(['1', '2'], 1, 0) ?? ''
    expect(store.resume(first, 0).ids).toEqual(['1', '2'])
    expect(store.open(['1'], 1, 0)).toBeNull()
    for (let i = 0; i < MAX_WALKS; i += 1) store.open(['1', '2'], 1, 1)
    expect(() => store.resume(first, 1)).toThrow(/CursorExpiredError/)
    const late = store.open(['1', '2'], 1, 2) ?? ''
    store.open(['1', '2'], 1, 2 + CURSOR_LIFETIME_MS)
    expect(() => store.resume(late, 2 + CURSOR_LIFETIME_MS)).toThrow(/CursorExpiredError/)
    expect(() => store.resume('garbage', 0)).toThrow(/invalid/)
  })
})

describe('Idempotency-Key', () => {
  it('replays a mutation within 30 minutes without a second side effect', async () => {
    const clock = new ManualClock()
    const e = await start({ clock })
    const board = e.admin.createBoard({ name: 'i' })
    const first = await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'k1' })
    const again = await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'k1' })
    expect(first.headers.get('idempotency-replayed')).toBeNull()
    expect(again.headers.get('idempotency-replayed')).toBe('true')
    expect(again.body.data).toEqual(first.body.data)
    expect(e.admin.items(board.id)).toHaveLength(1)
    expect(e.admin.stats().idempotentReplays).toBe(1)
    clock.advance(30 * 60_000)
    await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'k1' })
    expect(e.admin.items(board.id)).toHaveLength(2)
    await post(e.url, '{ me { id } }', {}, { 'Idempotency-Key': 'k2' })
    expect(
      (await post(e.url, '{ me { id } }', {}, { 'Idempotency-Key': 'k2' })).headers.get('idempotency-replayed')
    ).toBeNull()
  })

  it('answers a concurrent duplicate with 409 IDEMPOTENCY_CONFLICT and caches nothing after a 429', async () => {
    const e = await start()
    const board = e.admin.createBoard({ name: 'i' })
    // The duplicate is sent once the emulator holds the first request (its key pending, its answer
    // delayed by the latency), not after a guessed real delay. Should the machine stall for the
    // whole latency between the two, the duplicate is a replay instead: then again, with 4× the
    // latency; the claim is checked only on a duplicate that met the first in flight.
    let a: Awaited<ReturnType<typeof post>> | undefined
    let b: Awaited<ReturnType<typeof post>> | undefined
    let created = 0
    for (const baseMs of [400, 1_600, 6_400]) {
      created += 1
      e.admin.setLatency({ baseMs })
      const key = `same-${baseMs}`
      const before = e.admin.stats().requests
      const first = post(e.url, create(board.id), {}, { 'Idempotency-Key': key })
      while (e.admin.stats().requests === before) await new Promise(r => setImmediate(r))
      b = await post(e.url, create(board.id), {}, { 'Idempotency-Key': key })
      a = await first
      if (b.headers.get('idempotency-replayed') !== 'true') break
    }
    expect(a?.status).toBe(200)
    expect(b?.status).toBe(409)
    expect(b?.headers.get('retry-after')).toBe('1')
    expect(codes(b!)).toEqual(['IDEMPOTENCY_CONFLICT'])
    e.admin.setLatency({})
    e.admin.setLimits({ complexityPerMinute: e.admin.stats().pointsSpent + 5_000 })
    expect((await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'k429' })).status).toBe(429)
    e.admin.setLimits({ complexityPerMinute: 10_000_000 })
    const retried = await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'k429' })
    expect(retried.status).toBe(200)
    expect(retried.headers.get('idempotency-replayed')).toBeNull()
    expect(e.admin.items(board.id)).toHaveLength(created + 1)
  })
})

describe('faults', () => {
  const outcome = async (url: string, q: string, headers: Record<string, string> = {}): Promise<string> => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: 't', 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ query: q })
      })
      const text = await res.text()
      return `${res.status}${res.status === 200 && text.includes('"errors"') ? '+errors' : ''}`
    } catch {
      return 'network'
    }
  }

  it('injects 500, 502, 504, dropped connections and timeouts deterministically from the seed', async () => {
    const run = async (): Promise<string[]> => {
      const e = await start({
        seed: 42,
        faults: { error500: 0.15, error502: 0.1, error504: 0.1, drop: 0.1, timeout: 0.05, timeoutMs: 20 }
      })
      const out: string[] = []
      for (let i = 0; i < 40; i += 1) out.push(await outcome(e.url, '{ me { id } }'))
      await e.close()
      emu = undefined
      return out
    }
    const a = await run()
    expect(await run()).toEqual(a)
    for (const kind of ['200', '500', '502', '504', 'network']) expect(a).toContain(kind)
  })

  it('answers 423 for locked mutations and fails single aliases', async () => {
    const e = await start({ seed: 3, faults: { locked: 1 } })
    const board = e.admin.createBoard({ name: 'f' })
    const locked = await post(e.url, create(board.id))
    expect(locked.status).toBe(423)
    expect(locked.body.errors?.[0]?.message).toBe('Resource is currently locked')
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    e.admin.setFaults({ aliasFailure: 0.5 })
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `a${i}: create_item(board_id: ${board.id}, item_name: "n${i}") { id }`
    ).join('\n')
    const reply = await post(e.url, `mutation { ${aliases} }`)
    const failed = reply.body.errors?.map(er => er.path?.[0]) ?? []
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThan(20)
    expect(e.admin.items(board.id)).toHaveLength(20 - failed.length)
    for (const alias of failed) expect(reply.body.data?.[String(alias)]).toBeNull()
  })

  it('can lose the response after the mutation ran, and the Idempotency-Key replay recovers it', async () => {
    const e = await start({ seed: 9, faults: { error502: 1, afterExecution: 1 } })
    const board = e.admin.createBoard({ name: 'f' })
    expect(await outcome(e.url, create(board.id), { 'Idempotency-Key': 'lost' })).toBe('502')
    expect(e.admin.items(board.id)).toHaveLength(1)
    e.admin.setFaults({})
    const replay = await post(e.url, create(board.id), {}, { 'Idempotency-Key': 'lost' })
    expect(replay.headers.get('idempotency-replayed')).toBe('true')
    expect((replay.body.data?.create_item as { id: string }).id).toBe(e.admin.items(board.id)[0]?.id)
    expect(e.admin.items(board.id)).toHaveLength(1)
  })

  it('sends 429 bursts', async () => {
    const e = await start({ seed: 1, faults: { burst429: 1, burstLength: 3 } })
    const statuses: number[] = []
    for (let i = 0; i < 3; i += 1) statuses.push((await post(e.url, '{ me { id } }')).status)
    expect(statuses).toEqual([429, 429, 429])
    e.admin.setFaults({})
    expect((await post(e.url, '{ me { id } }')).status).toBe(200)
    expect(e.admin.stats().throttled.MINUTE_RATE_LIMIT_EXCEEDED).toBe(3)
  })
})
