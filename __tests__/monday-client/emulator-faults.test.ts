/** Every error shape the emulator serves, recovered from: items end up created exactly once. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { startMondayEmulator, type MondayEmulator } from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
import { isMondayApiError } from '../../src/adapters/monday/types.js'
import { seededRandom } from '../../src/engine/clock.js'
import type { EngineEvent } from '../../src/engine/events.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { onVirtualTime, ServerClock } from '../helpers/virtual-time.js'
import { createItems, createItemsDocument } from './create-items.js'

let emu: MondayEmulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const timeScale = 600
const START = Date.UTC(2026, 10, 23, 12, 0, 0)

function uniqueNames(e: MondayEmulator, boardId: string): { total: number; unique: number } {
  const names = e.admin.items(boardId).map(i => i.name)
  return { total: names.length, unique: new Set(names).size }
}

describe('monday client against the emulator: faults', () => {
  it('5xx, 504, dropped connections, timeouts, 423 and 429 bursts, some after execution: every item exactly once', async () => {
    // On virtual time (helpers/virtual-time): the client and the emulator share one fake clock,
    // so a hung request meets the client's 75 s timeout on that clock however loaded the machine
    // is, and no request that monday would have answered in time is cut.
    const clock = new FakeClock(START)
    const server = new ServerClock(clock)
    emu = await startMondayEmulator({
      clock: server,
      seed: 21,
      faults: {
        error500: 0.04,
        error502: 0.04,
        error504: 0.04,
        drop: 0.04,
        timeout: 0.03,
        timeoutMs: 120_000, // the hang outlasts the client's timeout: the client gives up first
        locked: 0.05,
        burst429: 0.03,
        burstLength: 2,
        afterExecution: 0.5
      }
    })
    const board = emu.admin.createBoard({ name: 'faults', columns: [] })
    const events: EngineEvent[] = []
    const client = createMondayClient({
      url: emu.url,
      token: 't',
      clock,
      random: seededRandom(21),
      maxAttempts: 12,
      onEvent: e => void events.push(e)
    })
    const result = await onVirtualTime(clock, () => createItems(client, board.id, 600, { workers: 4, max: 20 }), server)
    expect(result.created).toBe(600)
    expect(uniqueNames(emu, board.id)).toEqual({ total: 600, unique: 600 })
    const stats = emu.admin.stats()
    const retried = new Set(events.flatMap(e => (e.type === 'retry' ? [e.errorClass] : [])))
    for (const errorClass of ['server', 'network', 'timeout', 'locked', 'rate_limit'])
      expect(retried).toContain(errorClass)
    // Faults after execution lost responses to mutations that had run: the retry was replayed.
    expect(stats.idempotentReplays).toBeGreaterThan(0)
  })

  it('legacy HTTP 200 ComplexityException (cached under the key by the server) is retried with a fresh key', async () => {
    emu = await startMondayEmulator({
      timeScale: 60,
      seed: 22,
      legacyErrors: true,
      limits: { complexityPerMinute: 200_000 }
    })
    const board = emu.admin.createBoard({ name: 'legacy', columns: [] })
    const events: EngineEvent[] = []
    const client = createMondayClient({ url: emu.url, token: 't', timeScale: 60, onEvent: e => void events.push(e) })
    await client.probe()
    // Another job spends the budget behind the client's back (its view is now out of date).
    const rogue = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'rogue' },
      body: JSON.stringify({
        query: createItemsDocument(19),
        variables: Object.fromEntries([
          ['b', board.id],
          ...Array.from({ length: 19 }, (_, i) => [`n${i}`, `rogue-${i}`])
        ])
      })
    })
    expect(rogue.status).toBe(200)
    const response = await client.send(
      createItemsDocument(1),
      { b: board.id, n0: 'mine' },
      { kind: 'create_item', items: 1, idempotencyKey: 'mine-1' }
    )
    expect(response.errors).toEqual([])
    expect(uniqueNames(emu, board.id)).toEqual({ total: 20, unique: 20 })
    expect(events.some(e => e.type === 'retry' && e.code === 'ComplexityException')).toBe(true)
    expect(events.some(e => e.type === 'rekey')).toBe(true)
  })

  it('a concurrent duplicate gets IDEMPOTENCY_CONFLICT, waits and receives the replay', async () => {
    // On virtual time: a request takes 3 emulated s on the shared clock, far inside monday's 60 s
    // timeout, so the first is answered, not cut; the conflict waits a tenth of the client's 75 s
    // timeout, well inside the 30 minutes the server keeps the first answer.
    const clock = new FakeClock(START)
    const server = new ServerClock(clock)
    emu = await startMondayEmulator({ clock: server, seed: 23, latency: { baseMs: 3_000 } })
    const board = emu.admin.createBoard({ name: 'idem', columns: [] })
    const client = createMondayClient({ url: emu.url, token: 't', clock, random: seededRandom(23) })
    const send = () =>
      client.send<Record<string, { id: string }>>(
        createItemsDocument(1),
        { b: board.id, n0: 'once' },
        { kind: 'create_item', items: 1, idempotencyKey: 'same-key' }
      )
    const [first, second] = await onVirtualTime(clock, () => Promise.all([send(), send()]), server)
    expect(first.data?.a0?.id).toBe(second.data?.a0?.id)
    expect([first.replayed, second.replayed].sort()).toEqual([false, true])
    expect(uniqueNames(emu, board.id)).toEqual({ total: 1, unique: 1 })
    expect(client.metrics().retries).toEqual({ idempotency_conflict: 1 })
  })

  it('MAX_CONCURRENCY_EXCEEDED lowers the concurrency; failed aliases come back per alias', async () => {
    // on virtual time: each request takes 3 emulated seconds on the shared clock
    const clock = new FakeClock(START)
    const server = new ServerClock(clock)
    emu = await startMondayEmulator({
      clock: server,
      seed: 24,
      limits: { concurrency: 2 },
      latency: { baseMs: 3_000 },
      faults: { aliasFailure: 0.1 }
    })
    const board = emu.admin.createBoard({ name: 'conc', columns: [] })
    const events: EngineEvent[] = []
    const client = createMondayClient({
      url: emu.url,
      token: 't',
      clock,
      random: seededRandom(24),
      probe: false,
      concurrency: 8,
      onEvent: e => void events.push(e)
    })
    const result = await onVirtualTime(clock, () => createItems(client, board.id, 200, { workers: 8, max: 10 }), server)
    expect(result.created + result.failedAliases).toBe(200)
    expect(result.failedAliases).toBeGreaterThan(0)
    expect(uniqueNames(emu, board.id).unique).toBe(result.created)
    expect(events.some(e => e.type === 'retry' && e.errorClass === 'concurrency')).toBe(true)
    expect(events.some(e => e.type === 'concurrency' && e.limit <= 2)).toBe(true)
  })

  it('DAILY_LIMIT_EXCEEDED fails the request with its class instead of waiting for tomorrow', async () => {
    emu = await startMondayEmulator({ timeScale, seed: 25, limits: { dailyCalls: 2 } })
    const client = createMondayClient({ url: emu.url, token: 't', timeScale, probe: false })
    const query = 'query { me { id } }'
    await client.request(query, {}, { kind: 'me', items: 1 })
    await client.request(query, {}, { kind: 'me', items: 1 })
    const error = await client.request(query, {}, { kind: 'me', items: 1 }).catch((e: unknown) => e)
    expect(isMondayApiError(error) && error.errorClass).toBe('daily_limit')
  })
})
