/**
 * The client against the monday emulator under its limits, on virtual time: the client and the
 * emulator share one fake clock that moves only when no request is in flight (helpers/virtual-time).
 * Durations below are emulated minutes; the tests finish in seconds, and how loaded the machine is
 * cannot change what either side sees.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { startMondayEmulator, type MondayEmulator } from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
import { seededRandom } from '../../src/engine/clock.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { onVirtualTime } from '../helpers/virtual-time.js'
import { createItems } from './create-items.js'

let emu: MondayEmulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

function throttledCount(e: MondayEmulator): number {
  return Object.values(e.admin.stats().throttled).reduce((a, b) => a + b, 0)
}

function names(e: MondayEmulator, boardId: string): string[] {
  return e.admin.items(boardId).map(i => i.name)
}

const START = Date.UTC(2026, 10, 23, 12, 0, 0)
/** The emulator reads the virtual clock but never sleeps on it (it has no latency here). */
const readOnly = (clock: FakeClock) => ({ now: () => clock.now() })

describe('monday client against the emulator: budget', () => {
  it('creates 5,000 items in aliased batches under a 2M-point budget without one budget-exhausted response', async () => {
    const clock = new FakeClock(START)
    const limits = { complexityPerMinute: 2_000_000 }
    emu = await startMondayEmulator({ plan: 'pro', limits, clock: readOnly(clock), seed: 11 })
    const board = emu.admin.createBoard({ name: 'load', columns: [] })
    const client = createMondayClient({
      url: emu.url,
      token: 't',
      plan: 'pro',
      limits,
      clock,
      random: seededRandom(11)
    })
    const result = await onVirtualTime(clock, () => createItems(client, board.id, 5000, { workers: 8 }))
    expect(result).toMatchObject({ created: 5000, failedAliases: 0 })
    const created = names(emu, board.id)
    expect(created).toHaveLength(5000)
    expect(new Set(created).size).toBe(5000)
    expect(emu.admin.stats().throttled).toEqual({})
    const metrics = client.metrics()
    expect(metrics.byKind.create_item?.items).toBe(5000)
    // The batch size followed the learnt cost: 10,000 points per item, a tenth of the budget per request.
    expect(metrics.batchSizes.at(-1)).toMatchObject({ kind: 'create_item', size: 20 })
    expect(metrics.throttledMs.budget).toBeGreaterThan(0)
    // 50M points at 2M a minute: the run waited on the budget for most of 25 emulated minutes
    expect(clock.now() - START).toBeGreaterThan(20 * 60_000)
  })

  it('two clients sharing one account both finish with under 2% of requests throttled', async () => {
    const clock = new FakeClock(START)
    const complexityPerMinute = 2_000_000
    emu = await startMondayEmulator({
      plan: 'pro',
      limits: { complexityPerMinute },
      clock: readOnly(clock),
      seed: 12
    })
    const board = emu.admin.createBoard({ name: 'shared', columns: [] })
    const make = (seed: number) =>
      createMondayClient({
        url: emu?.url,
        token: 't',
        plan: 'pro',
        limits: { complexityPerMinute },
        clock,
        random: seededRandom(seed)
      })
    const [a, b] = [make(1), make(2)]
    const [ra, rb] = await onVirtualTime(clock, () =>
      Promise.all([
        createItems(a, board.id, 1000, { prefix: 'a', workers: 8 }),
        createItems(b, board.id, 1000, { prefix: 'b', workers: 8 })
      ])
    )
    expect([ra.created, rb.created]).toEqual([1000, 1000])
    expect(new Set(names(emu, board.id)).size).toBe(2000)
    const stats = emu.admin.stats()
    const share = throttledCount(emu) / stats.requests
    process.stdout.write(
      `two clients: ${stats.requests} requests, ${throttledCount(emu)} throttled (${(share * 100).toFixed(2)}%)\n`
    )
    expect(share).toBeLessThan(0.02)
  })
})
