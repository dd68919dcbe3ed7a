/**
 * The client against the monday emulator under its limits, sped up by the emulator's time scale.
 * Durations below are emulated; the tests finish in seconds.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { startMondayEmulator, type MondayEmulator } from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
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

describe('monday client against the emulator: budget', () => {
  it('creates 5,000 items in aliased batches under a 2M-point budget without one budget-exhausted response', async () => {
    const timeScale = 600
    const limits = { complexityPerMinute: 2_000_000 }
    emu = await startMondayEmulator({ plan: 'pro', limits, timeScale, seed: 11 })
    const board = emu.admin.createBoard({ name: 'load', columns: [] })
    const client = createMondayClient({ url: emu.url, token: 't', plan: 'pro', limits, timeScale })
    const result = await createItems(client, board.id, 5000, { workers: 8 })
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
  }, 90_000)

  it('two clients sharing one account both finish with under 2% of requests throttled', async () => {
    const timeScale = 120
    const complexityPerMinute = 2_000_000
    emu = await startMondayEmulator({ plan: 'pro', limits: { complexityPerMinute }, timeScale, seed: 12 })
    const board = emu.admin.createBoard({ name: 'shared', columns: [] })
    const make = () =>
      createMondayClient({ url: emu?.url, token: 't', plan: 'pro', limits: { complexityPerMinute }, timeScale })
    const [a, b] = [make(), make()]
    const [ra, rb] = await Promise.all([
      createItems(a, board.id, 1000, { prefix: 'a', workers: 8 }),
      createItems(b, board.id, 1000, { prefix: 'b', workers: 8 })
    ])
    expect([ra.created, rb.created]).toEqual([1000, 1000])
    expect(new Set(names(emu, board.id)).size).toBe(2000)
    const stats = emu.admin.stats()
    const share = throttledCount(emu) / stats.requests
    process.stdout.write(
      `two clients: ${stats.requests} requests, ${throttledCount(emu)} throttled (${(share * 100).toFixed(2)}%)\n`
    )
    expect(share).toBeLessThan(0.02)
  }, 90_000)
})
