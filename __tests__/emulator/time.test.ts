/**
 * Fidelity of the emulator's time model (API-FACTS.md "Time"), in raw HTTP with an injected clock:
 * aliased mutations add up and take effect one by one, every duration is divided by the one time
 * scale, the 60 s timeout answers 504 while the work goes on, reads grow with the column values
 * they return, and the `monday` profile's spread reproduces each kind's median and p90.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { LatencyProfile, MondayEmulator, MondayEmulatorOptions } from '../../emulator/monday/index.js'
import { seededRandom } from '../../emulator/monday/random.js'
import { drawTime, mondayProfile, readProfile } from '../../emulator/monday/timing.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { codes, emulator, post, type Reply } from './http.js'

let emu: MondayEmulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0)

async function start(options: MondayEmulatorOptions): Promise<MondayEmulator> {
  emu = await emulator(options)
  return emu
}

/** A profile without spread: every kind takes exactly its median. */
function fixedProfile(overrides: Partial<LatencyProfile> = {}): LatencyProfile {
  return {
    name: 'fixed',
    mutations: { create_item: { medianMs: 1_000, p90Ms: 1_000 }, '*': { medianMs: 500, p90Ms: 500 } },
    reads: {
      base: { items_page: { medianMs: 600, p90Ms: 600 }, '*': { medianMs: 100, p90Ms: 100 } },
      perItemMs: 0.25,
      perColumnValueMs: 3
    },
    refused: { medianMs: 79, p90Ms: 79 },
    ...overrides
  }
}

/** Lets the server reach its next sleep: real I/O, so poll until `n` sleepers wait on the clock. */
async function sleepers(clock: FakeClock, n: number): Promise<void> {
  for (let i = 0; i < 2_000 && clock.pending < n; i++) await new Promise(resolve => setTimeout(resolve, 1))
  expect(clock.pending).toBeGreaterThanOrEqual(n)
}

const creates = (boardId: string, names: string[]): string =>
  `mutation { ${names.map((n, i) => `a${i}: create_item(board_id: ${boardId}, item_name: "${n}") { id created_at }`).join(' ')} }`

describe('serial mutations', () => {
  it('add up, and each alias takes effect at its own moment: a reader meanwhile sees the first ones only', async () => {
    const clock = new FakeClock(T0)
    const e = await start({ clock, latency: fixedProfile() })
    const board = e.admin.createBoard({ name: 's', columns: [] })
    const answer = post(e.url, creates(board.id, ['one', 'two', 'three']))
    await sleepers(clock, 1) // the first alias
    await clock.advance(1_000)
    await sleepers(clock, 1)
    expect(e.admin.items(board.id).map(i => i.name)).toEqual(['one'])
    const read = post(e.url, `{ boards(ids: [${board.id}]) { items_page(limit: 10) { items { name } } } }`)
    await sleepers(clock, 2) // the second alias, and the read's 600 ms + 0.25 ms for its one item
    await clock.advance(601)
    const seen = (await read).body.data as { boards: { items_page: { items: { name: string }[] } }[] }
    expect(seen.boards[0]?.items_page.items.map(i => i.name)).toEqual(['one'])
    await clock.advance(1_399)
    const reply = await answer
    expect(reply.status).toBe(200)
    const data = reply.body.data as Record<string, { created_at: string }>
    // 3 × 1,000 ms in a row, each created when its own time ends
    expect(Object.values(data).map(d => Date.parse(d.created_at) - T0)).toEqual([1_000, 2_000, 3_000])
    expect(clock.now() - T0).toBe(3_000)
  })

  it('charge a refused request the time of a validation error', async () => {
    const clock = new FakeClock(T0)
    const e = await start({ clock, latency: fixedProfile() })
    const answer = post(e.url, '{ no_such_field }')
    await sleepers(clock, 1)
    await clock.advance(79)
    expect((await answer).status).toBe(200)
    expect(clock.sleeps).toEqual([79])
  })
})

/** A scripted run: a create, a read, a 429 with its retry_in_seconds, an expired cursor, an idempotent replay. */
async function scriptedRun(
  timeScale: number
): Promise<{ cutAt: number; sleeps: number[]; retryIn: unknown; events: string[] }> {
  const clock = new FakeClock(T0)
  const e = await start({ clock, timeScale, latency: fixedProfile(), seed: 3, limits: { requestsPerMinute: 3 } })
  const board = e.admin.createBoard({ name: 't', items: 5, columns: [] })
  const events: string[] = []
  const run = async (send: () => Promise<Reply>, advanceMs: number): Promise<Reply> => {
    const reply = send()
    if (advanceMs > 0) {
      await sleepers(clock, 1)
      await clock.advance(advanceMs / timeScale)
    }
    const r = await reply
    events.push(`${r.status} ${r.headers.get('idempotency-replayed') ?? ''} ${codes(r).join(',')}`)
    return r
  }
  const key = { 'Idempotency-Key': 'k1' }
  await run(() => post(e.url, creates(board.id, ['x']), {}, key), 1_000)
  const page = await run(() => post(e.url, `{ boards(ids: [${board.id}]) { items_page(limit: 2) { cursor } } }`), 700)
  const cursor = (page.body.data as { boards: { items_page: { cursor: string } }[] }).boards[0]?.items_page.cursor
  await run(() => post(e.url, creates(board.id, ['x']), {}, key), 0) // replayed at once
  await run(() => post(e.url, '{ me { id } }'), 100)
  const refused = await run(() => post(e.url, '{ me { id } }'), 79) // the 4th request in the minute
  await clock.advance(60_000 / timeScale) // the minute window resets
  await run(() => post(e.url, '{ me { id } }'), 100)
  await clock.advance((30 * 60_000) / timeScale) // the idempotency cache (30 min) is gone
  await run(() => post(e.url, creates(board.id, ['x']), {}, key), 1_000)
  await clock.advance((30 * 60_000) / timeScale) // the cursor (60 min) has expired
  await run(() => post(e.url, `query($c: String!) { next_items_page(cursor: $c) { cursor } }`, { c: cursor }), 440)
  const timedOut = post(
    e.url,
    creates(
      board.id,
      Array.from({ length: 61 }, (_, i) => `t${i}`)
    )
  )
  await sleepers(clock, 1)
  // one emulated ms past 60 s: 60 aliases of 1,000 / 60 real ms may add up to a hair over 1,000
  await clock.advance((60_000 + 1) / timeScale)
  events.push(String((await timedOut).status))
  const cutAt = clock.now() - T0
  await clock.advance(1_000 / timeScale)
  return {
    cutAt,
    sleeps: clock.sleeps,
    retryIn: (refused.body.errors?.[0]?.extensions.retry_in_seconds as number) ?? null,
    events
  }
}

describe('one time scale', () => {
  it('divides every duration: a run at 60 is the run at 1, sixty times shorter', async () => {
    const one = await scriptedRun(1)
    await emu?.close()
    const sixty = await scriptedRun(60)
    expect(sixty.events).toEqual(one.events)
    expect(one.events).toEqual([
      '200  ',
      '200  ',
      '200 true ',
      '200  ',
      '429  MINUTE_RATE_LIMIT_EXCEEDED',
      '200  ',
      '200  ',
      '200  CursorExpiredError',
      '504'
    ])
    // retry_in_seconds and Retry-After are emulated seconds: the same number, which the client divides
    expect(sixty.retryIn).toBe(one.retryIn)
    expect(sixty.sleeps.map(ms => ms * 60)).toEqual(one.sleeps.map(ms => expect.closeTo(ms, 6) as unknown))
    // the 504 came at the same emulated moment: the timeout is scaled with everything else
    expect(sixty.cutAt * 60).toBeCloseTo(one.cutAt, 0)
    expect(one.sleeps.filter(ms => ms === 1_000).length).toBeGreaterThanOrEqual(60) // 60 serial aliases before the cut
  })
})

describe('the 60 s timeout', () => {
  const slow = (continueAllShare: number): LatencyProfile =>
    fixedProfile({
      mutations: { create_item: { medianMs: 25_000, p90Ms: 25_000 } },
      timeout: { ms: 60_000, continueAllShare }
    })

  it('answers 504 at 60 s while every alias goes on, and stores no idempotency replay', async () => {
    const clock = new FakeClock(T0)
    const e = await start({ clock, timeScale: 10, latency: slow(1) })
    const board = e.admin.createBoard({ name: 'cut', columns: [] })
    const doc = creates(board.id, ['a', 'b', 'c', 'd'])
    const answer = post(e.url, doc, {}, { 'Idempotency-Key': 'cut-1' })
    await sleepers(clock, 1)
    await clock.advance(6_000) // 60 emulated seconds
    const reply = await answer
    expect(reply.status).toBe(504)
    expect(e.admin.items(board.id)).toHaveLength(2) // at 25 s and 50 s
    await clock.advance(4_000) // 100 emulated seconds: the other two took effect after the 504
    expect(e.admin.items(board.id).map(i => i.name)).toEqual(['a', 'b', 'c', 'd'])
    expect(e.admin.stats().errors.GatewayTimeout).toBe(1)
    // the same key runs the batch again: nothing was cached for a cut request
    const again = post(e.url, doc, {}, { 'Idempotency-Key': 'cut-1' })
    await sleepers(clock, 1)
    await clock.advance(10_000)
    expect((await again).status).toBe(504)
    expect(e.admin.items(board.id)).toHaveLength(8)
    expect(e.admin.stats().idempotentReplays).toBe(0)
  })

  it('with a share below 1, some cut requests stop after a seeded number of their remaining aliases', async () => {
    const counts: number[] = []
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const clock = new FakeClock(T0)
      const e = await start({ clock, seed, latency: slow(0) })
      const board = e.admin.createBoard({ name: 'cut', columns: [] })
      const answer = post(e.url, creates(board.id, ['a', 'b', 'c', 'd', 'e', 'f']))
      await sleepers(clock, 1)
      await clock.advance(60_000)
      expect((await answer).status).toBe(504)
      await clock.advance(150_000)
      counts.push(e.admin.items(board.id).length)
      await e.close()
      emu = undefined
    }
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(2)
    for (const n of counts) expect(n).toBeLessThanOrEqual(6)
    expect(new Set(counts).size).toBeGreaterThan(1)
  })

  it('answers 504 to a read that would pass 60 s', async () => {
    const clock = new FakeClock(T0)
    const e = await start({ clock, latency: fixedProfile({ reads: { base: {}, perColumnValueMs: 10 } }) })
    const columns = Array.from({ length: 30 }, (_, i) => ({ title: `c${i}`, type: 'text' }))
    const board = e.admin.createBoard({ name: 'wide', columns, items: 500 })
    const answer = post(
      e.url,
      `{ boards(ids: [${board.id}]) { items_page(limit: 500) { items { id column_values { id text } } } } }`
    )
    await sleepers(clock, 1)
    await clock.advance(60_000)
    expect((await answer).status).toBe(504)
  })
})

describe('reads', () => {
  it('grow with the column values they return', async () => {
    const clock = new FakeClock(T0)
    const e = await start({ clock, latency: fixedProfile() })
    const columns = Array.from({ length: 30 }, (_, i) => ({ title: `c${i}`, type: 'text' }))
    const board = e.admin.createBoard({ name: 'wide', columns, items: 500 })
    const page = (fields: string): string =>
      `{ boards(ids: [${board.id}]) { items_page(limit: 500) { items { ${fields} } } } }`
    const timeOf = async (query: string): Promise<number> => {
      const before = clock.sleeps.length
      const answer = post(e.url, query)
      await sleepers(clock, 1)
      await clock.advance(60_000)
      expect((await answer).status).toBe(200)
      return clock.sleeps.slice(before).filter(ms => ms !== 60_000)[0] ?? 0
    }
    expect(await timeOf(page('id'))).toBeCloseTo(600 + 500 * 0.25, 6)
    expect(await timeOf(page('id column_values { id text }'))).toBeCloseTo(600 + 500 * 0.25 + 500 * 30 * 3, 6)
    expect(await timeOf(page('id column_values(ids: ["c0"]) { id text }'))).toBeCloseTo(600 + 125 + 500 * 3, 6)
  })

  it('on the monday profile: a 500-item full-field page of 30 columns nears 60 s, an id-only page stays under 1 s', () => {
    const profile = mondayProfile()
    const r = seededRandom(9)
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
    const base = profile.reads.base.items_page!
    const read = (cvs: number): number =>
      (drawTime(base, r) / base.medianMs) *
      (base.medianMs + 500 * (profile.reads.perItemMs ?? 0) + cvs * (profile.reads.perColumnValueMs ?? 0))
    const full = median(Array.from({ length: 2_001 }, () => read(500 * 30)))
    const ids = median(Array.from({ length: 2_001 }, () => read(0)))
    expect(full).toBeGreaterThan(40_000)
    expect(full).toBeLessThan(60_000)
    expect(ids).toBeLessThan(1_000)
  })
})

describe('the monday profile', () => {
  it('reproduces each kind’s median and p90 (API-FACTS.md "Time")', () => {
    const profile = mondayProfile()
    const kinds = { ...profile.mutations, ...profile.reads.base, refused: profile.refused! }
    for (const [kind, time] of Object.entries(kinds)) {
      const r = seededRandom(kind.length)
      const draws = Array.from({ length: 20_001 }, () => drawTime(time, r)).sort((a, b) => a - b)
      const at = (q: number): number => draws[Math.floor(q * (draws.length - 1))] ?? 0
      expect([kind, at(0.5) / time.medianMs]).toEqual([kind, expect.closeTo(1, 1)])
      expect(Math.abs(at(0.5) / time.medianMs - 1)).toBeLessThan(0.03)
      expect(Math.abs(at(0.9) / time.p90Ms - 1)).toBeLessThan(0.03)
      expect(draws.at(-1)).toBeLessThanOrEqual(time.maxMs ?? Infinity)
    }
    expect(profile.mutations.create_item).toMatchObject({ medianMs: 826, p90Ms: 1_021 })
    expect(profile.mutations.create_subitem?.medianMs).toBe(3_500)
  })

  it('is the file the CLI reads, and single create_item requests spread around 826 ms over HTTP', async () => {
    const file = readProfile('emulator/monday/profiles/monday.json')
    expect(file).toEqual(mondayProfile())
    expect(JSON.parse(readFileSync('emulator/monday/profiles/monday.json', 'utf8'))).toMatchObject({ name: 'monday' })
    const clock = new FakeClock(T0)
    const e = await start({ clock, timeScale: 60, latency: 'monday', seed: 4 })
    const board = e.admin.createBoard({ name: 'p', columns: [] })
    const times: number[] = []
    for (let i = 0; i < 60; i++) {
      const before = clock.sleeps.length
      const answer = post(e.url, creates(board.id, [`n${i}`]))
      await sleepers(clock, 1)
      await clock.advance(1_000)
      expect((await answer).status).toBe(200)
      times.push(...clock.sleeps.slice(before).filter(ms => ms !== 1_000))
    }
    times.sort((a, b) => a - b)
    // real milliseconds at time scale 60: about 826 / 60
    expect(times[30]! * 60).toBeGreaterThan(700)
    expect(times[30]! * 60).toBeLessThan(950)
  })
})
