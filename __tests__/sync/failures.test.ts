import { afterEach, describe, expect, it } from '@jest/globals'
import { createMondayClient } from '../../src/adapters/monday/index.js'
import { runSync } from '../../src/pipelines/sync/run.js'
import type { TableStats } from '../../src/pipelines/sync/context.js'
import { FAST_LIMITS, type SyncHarness, startHarness, TIME_SCALE, verify } from './harness.js'

let h: SyncHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('sync when whole requests fail', () => {
  it('splits a batch that exceeds the per-query complexity cap until it fits; nothing is lost', async () => {
    h = await startHarness(
      { orders: 60, linesPerOrder: 1 },
      { limits: { ...FAST_LIMITS, queryComplexityCap: 120_000 } }
    )
    const client = createMondayClient({
      url: h.emu.url,
      token: 't',
      timeScale: TIME_SCALE,
      limits: { ...FAST_LIMITS, queryComplexityCap: 120_000 }
    })
    const report = await runSync({ client, db: h.db }, { config: h.config, itemMode: 'batch' })
    expect(report).toMatchObject({ itemsDone: 120, itemsFailed: 0, failures: [] })
    expect(await verify(h)).toEqual({ items: 60, subitems: 60, synced: { orders: 60, lines: 60 }, problems: [] })
  })

  it('settles rows whose request failed after its retries: adopted, released or left for the next run; the next run completes exactly once', async () => {
    h = await startHarness({ orders: 200, linesPerOrder: 2 }, { seed: 3 })
    const emu = h.emu
    const flaky = createMondayClient({
      url: h.emu.url,
      token: 't',
      timeScale: TIME_SCALE,
      limits: FAST_LIMITS,
      maxAttempts: 1,
      probe: false
    })
    const warnings: string[] = []
    const report = await runSync(
      {
        client: flaky,
        db: h.db,
        hooks: {
          // faults start once the board was read: every mutation and lookup may now fail
          onTaskGraph: async () => emu.admin.setFaults({ error500: 0.3, afterExecution: 0.5 }),
          onLog: (level, m) => void (level === 'warning' && warnings.push(m))
        }
      },
      { config: h.config, itemMode: 'batch' }
    )
    const orders = report.details.orders as TableStats
    expect(report.failures.length).toBeGreaterThan(0)
    for (const f of report.failures) {
      expect(f).toMatchObject({ boardId: h.boardId, errorClass: 'server' })
      expect(f.rowKeys.every(k => /^\d+$/.test(k))).toBe(true)
    }
    expect(orders.created + orders.adopted + orders.released).toBeGreaterThan(0)
    expect((await verify(h)).problems).toEqual([])
    h.emu.admin.setFaults({})
    const again = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(again.failures).toEqual([])
    expect(await verify(h)).toEqual({ items: 200, subitems: 400, synced: { orders: 200, lines: 400 }, problems: [] })
  })

  it('stops taking batches when the token is refused, and says why', async () => {
    h = await startHarness({ orders: 20, linesPerOrder: 1 }, { token: 'right' })
    const wrong = createMondayClient({ url: h.emu.url, token: 'wrong', timeScale: TIME_SCALE, probe: false })
    await expect(runSync({ client: wrong, db: h.db }, { config: h.config })).rejects.toThrow(/auth|401|Unauthorized/i)
    const [row] = await h.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ORDER_LIST WHERE SYNC_STATE IN ('NEW', 'PENDING')"
    )
    expect(row?.n).toBe(20)
  })
})
