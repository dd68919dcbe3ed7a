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
import { startHarness, verify, type SyncHarness } from '../sync/harness.js'
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

/**
 * Only create_group is cut (61 s); after the 504 monday creates the group (`continueAllShare` 1)
 * or, at a seeded half of the cuts, not (0); the rest answers at monday's pace.
 */
function groupCutProfile(continueAllShare: number): LatencyProfile {
  return {
    name: 'group-cut',
    mutations: { create_group: { medianMs: 61_000, p90Ms: 61_000 }, '*': { medianMs: 800, p90Ms: 800 } },
    reads: { base: { '*': { medianMs: 500, p90Ms: 500 } } },
    timeout: { ms: 60_000, continueAllShare }
  }
}

/** The board's group titles, as monday lists them (a title twice means a duplicate group). */
async function groupTitles(h: SyncHarness): Promise<string[]> {
  const response = await fetch(h.emu.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'test' },
    body: JSON.stringify({
      query: 'query ($b: [ID!]) { boards(ids: $b) { groups { title } } }',
      variables: { b: [h.boardId] }
    })
  })
  const body = (await response.json()) as { data: { boards: { groups: { title: string }[] }[] } }
  return body.data.boards[0]!.groups.map(g => g.title).sort()
}

describe('sync: a create_group cut at 60 s', () => {
  it.each([
    ['goes on and creates the group', 1],
    ['sometimes stops before the group exists', 0]
  ])(
    'whose work %s is looked up by title before it is created again: one group per title',
    async (_what, continueAllShare) => {
      // 12 orders over the three seasons: the board has SS26, so FW26 and SS27 are created
      const orders = 12
      const h = await startHarness(
        { orders, linesPerOrder: 1 },
        { timeScale: TIME_SCALE, latency: groupCutProfile(continueAllShare), seed: 43 }
      )
      try {
        const seasons = (await h.db.query<{ SEASON: string }>('SELECT DISTINCT SEASON FROM ORDER_LIST')).map(
          s => s.SEASON
        )
        expect(seasons.length).toBeGreaterThan(1)
        const expected = [...new Set(['SS26', ...seasons])].sort()
        let adopted = 0
        // a group cut five times in a run waits for the next run, which finds it by title first
        for (let run = 0; run < 3; run++) {
          const report = await runSyncJob({
            config: h.config,
            token: 'test-token',
            apiUrl: h.emu.url,
            databaseUrl: h.dbUrl,
            runDir: join(h.dir, `run-groups-${run}`),
            itemMode: 'asyncBatch',
            timeScale: TIME_SCALE
          })
          adopted += Number((report.details as { groupsAdopted?: number }).groupsAdopted ?? 0)
          const titles = await groupTitles(h)
          expect(titles).toEqual([...new Set(titles)].sort())
          if ((await verify(h)).synced.orders === orders) break
        }
        expect(h.emu.admin.stats().errors.GatewayTimeout).toBeGreaterThan(0)
        if (continueAllShare === 1) expect(adopted).toBe(expected.length - 1)
        expect(await groupTitles(h)).toEqual(expected)
        const result = await verify(h)
        expect(result.problems).toEqual([])
        expect(result).toMatchObject({ items: orders, subitems: orders, synced: { orders, lines: orders } })
        count('rows', orders * 2)
      } finally {
        await h.close()
      }
    }
  )
})
