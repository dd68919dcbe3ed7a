import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { startCli } from '../reliability/child.js'
import { writeSyncConfig } from '../reliability/sync-setup.js'
import { notSynced, type SyncHarness, startHarness, verify } from './harness.js'

let h: SyncHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const inProgress = async (harness: SyncHarness): Promise<number> => {
  const [row] = await harness.db.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM ORDER_LIST WHERE SYNC_STATE = 'SYNCING'"
  )
  return Number(row?.n ?? 0)
}

const ORDERS = 20
const LINES = 1

/**
 * Two syncs of the same tables at once (a cron that starts while a long run is still going):
 * monday takes 2 s per create and each alias of a batch takes effect on its own, so the second
 * run starts while the first has batches half done. The second must leave the first's claims
 * alone (they are live), send only what nobody holds, and never write to rows it does not hold.
 */
describe('overlapping runs never duplicate', () => {
  it('two CLI processes started seconds apart: every order and line exactly once, every row SYNCED', async () => {
    h = await startHarness(
      { orders: ORDERS, linesPerOrder: LINES },
      { timeScale: 1, latency: { perOperationMs: 2000 }, limits: { complexityPerMinute: 1_000_000_000 } }
    )
    const config = writeSyncConfig(h.dir, h.boardId, { max: 5, min: 5, concurrency: 2, mode: 'asyncBatch' })
    const env = { MONDAY_API_TOKEN: 'tok-overlap', MONDAY_API_URL: h.emu.url, DATABASE_URL: h.dbUrl }
    const run = (name: string) => startCli(['sync', '--config', config, '--run-dir', join(h!.dir, name)], env)
    const first = run('first')
    // the second starts once the first has claimed rows and monday is creating them
    for (let i = 0; i < 1200; i++) {
      if ((await inProgress(h)) > 0) break
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    expect(await inProgress(h)).toBeGreaterThan(0)
    const second = run('second')
    const [a, b] = await Promise.all([first.done, second.done])
    expect([a.code, b.code]).toEqual([0, 0])
    expect(b.stderr + b.stdout).toMatch(/in progress are held by a live run; left to it/)
    expect(await verify(h)).toEqual({
      items: ORDERS,
      subitems: ORDERS * LINES,
      synced: { orders: ORDERS, lines: ORDERS * LINES },
      problems: []
    })
    expect(await notSynced(h.db)).toEqual([])
  })
})
