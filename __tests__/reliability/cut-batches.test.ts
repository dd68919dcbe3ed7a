/**
 * Cut batches (issue 16): the emulator's monday profile cuts every mutation request at 60 s with
 * 504 while its aliases go on executing (all of them, or a seeded number) and stores no
 * idempotency replay. Each item mode must still leave every order and line on the board exactly
 * once: a cut batch is reconciled by sync key before anything is sent again.
 */
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { LatencyProfile } from '../../emulator/monday/index.js'
import type { ItemMode } from '../../src/config/schema.js'
import { runSyncJob } from '../../src/jobs/sync.js'
import { startHarness, verify } from '../sync/harness.js'
import { count } from './tally.js'

/** Every mutation takes 61 emulated seconds, so even one alias passes monday's 60 s timeout. */
const CUT_PROFILE: LatencyProfile = {
  name: 'cut',
  mutations: { '*': { medianMs: 61_000, p90Ms: 61_000 } },
  reads: { base: { '*': { medianMs: 500, p90Ms: 500 } } },
  timeout: { ms: 60_000, continueAllShare: 0.5 }
}
/** A cut request's work lasts 61 s per alias: 0.5 s real here (slow enough that a loaded machine's stalls do not reorder it). */
const TIME_SCALE = 120
const ORDERS = 4
const LINES = 2

describe('sync: batches cut at 60 s while monday keeps executing them', () => {
  it.each<ItemMode>(['single', 'batch', 'asyncBatch'])(
    '%s: every item and subitem exactly once, none lost',
    async mode => {
      const h = await startHarness(
        { orders: ORDERS, linesPerOrder: LINES },
        { timeScale: TIME_SCALE, latency: CUT_PROFILE, seed: 41 }
      )
      try {
        // a row whose batch was cut five times waits for the next run: run until nothing is pending
        for (let run = 0; run < 3; run++) {
          await runSyncJob({
            config: h.config,
            token: 'test-token',
            apiUrl: h.emu.url,
            databaseUrl: h.dbUrl,
            runDir: join(h.dir, `run-${mode}-${run}`),
            itemMode: mode,
            timeScale: TIME_SCALE
          })
          const check = await verify(h)
          if (check.synced.orders === ORDERS && check.synced.lines === ORDERS * LINES) break
        }
        const stats = h.emu.admin.stats()
        expect(stats.errors.GatewayTimeout).toBeGreaterThan(0)
        const result = await verify(h)
        expect(result.problems).toEqual([])
        expect(result).toMatchObject({
          items: ORDERS,
          subitems: ORDERS * LINES,
          synced: { orders: ORDERS, lines: ORDERS * LINES }
        })
        count('rows', ORDERS * (1 + LINES))
      } finally {
        await h.close()
      }
    }
  )
})
