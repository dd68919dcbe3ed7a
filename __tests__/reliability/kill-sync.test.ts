import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { notSynced, type SyncHarness, startHarness, verify } from '../sync/harness.js'
import { type ChildResult, startCli } from './child.js'
import { type ProxyPlan, startProxy } from './proxy.js'
import { isMutation, syncEnv, writeSyncConfig } from './sync-setup.js'
import { SCALE, count, seeded } from './tally.js'

const TOKEN = 'tok-KILL-SYNC-3c9b'
const ORDERS = 60
const LINES = 3
const SEED = Number(process.env.KILL_SEED ?? 11_2026)
const SINGLE = 16 * SCALE
const CHAINS = 5 * SCALE
const PER_CHAIN = 4

/**
 * Where a kill lands, relative to the nth mutation: `arrival` (monday never sees it), `lost`
 * (monday executed it, the answer never arrives), `delivered` (the answer arrived; the kill
 * lands `delayMs` later, between the confirmation and the write-back or inside it).
 */
type Moment = 'arrival' | 'lost' | 'delivered'
interface KillPoint {
  fraction: number
  moment: Moment
  delayMs: number
}

const random = seeded(SEED)
const MOMENTS: Moment[] = ['arrival', 'lost', 'delivered']
const point = (fraction: number): KillPoint => ({
  fraction: Math.round(fraction * 1000) / 1000,
  moment: MOMENTS[Math.floor(random() * 3)]!,
  delayMs: Math.floor(random() * 20)
})
const singles = Array.from({ length: SINGLE }, (_, i) => ({ index: i + 1, ...point((i + random()) / SINGLE) }))
const chains = Array.from({ length: CHAINS }, (_, i) => ({
  index: i + 1,
  points: Array.from({ length: PER_CHAIN }, () => point(random() * 0.4))
}))

describe(`sync survives SIGKILL (seed ${SEED}: ${SINGLE} single kill points, ${CHAINS} chains of ${PER_CHAIN})`, () => {
  let span = 0
  let landed = 0

  /** A fresh board and database, and a proxy that kills the child at the armed point. */
  async function setup(): Promise<{
    h: SyncHarness
    run(kill?: KillPoint): Promise<ChildResult>
    close(): Promise<void>
    mutations(): number
  }> {
    const h = await startHarness({ orders: ORDERS, linesPerOrder: LINES })
    let mutations = 0
    let armed: { remaining: number; point: KillPoint; kill: () => void } | null = null
    const proxy = await startProxy(h.emu.url, (_, body): ProxyPlan | void => {
      if (!isMutation(body)) return
      mutations += 1
      if (!armed || --armed.remaining > 0) return
      const { point: p, kill } = armed
      armed = null
      if (p.moment === 'arrival') {
        kill()
        return { action: 'drop' }
      }
      if (p.moment === 'lost') return { action: 'lose', onAnswered: kill }
      return { onDelivered: () => setTimeout(kill, p.delayMs) }
    })
    const config = writeSyncConfig(h.dir, h.boardId, { max: 10, min: 5, concurrency: 4, checkpoint: 3 })
    const argv = ['sync', '--config', config, '--run-dir', join(h.dir, 'run')]
    const env = syncEnv(TOKEN, proxy.url, h.dbUrl)
    return {
      h,
      mutations: () => mutations,
      run: async kill => {
        const child = startCli(argv, env)
        if (kill) armed = { remaining: Math.max(1, Math.round(kill.fraction * span)), point: kill, kill: child.kill }
        const result = await child.done
        armed = null
        return result
      },
      close: async () => {
        await proxy.close()
        await h.close()
      }
    }
  }

  /** The board and the database agree: every order and line once, every id right, nothing pending. */
  async function expectExactlyOnce(h: SyncHarness, final: ChildResult): Promise<void> {
    expect({ code: final.code, stderr: final.stderr.includes(TOKEN) }).toEqual({ code: 0, stderr: false })
    expect(final.stdout).not.toContain(TOKEN)
    expect(await verify(h)).toEqual({
      items: ORDERS,
      subitems: ORDERS * LINES,
      synced: { orders: ORDERS, lines: ORDERS * LINES },
      problems: []
    })
    expect(await notSynced(h.db)).toEqual([])
    count('rows', ORDERS * (1 + LINES))
  }

  it('a clean run syncs every order and line once (and sets the span of the kill points)', async () => {
    const s = await setup()
    try {
      await expectExactlyOnce(s.h, await s.run())
      span = s.mutations()
      expect(span).toBeGreaterThanOrEqual((ORDERS * (1 + LINES)) / 10)
    } finally {
      await s.close()
    }
  }, 60_000)

  it.each(singles)(
    'kill point $index ($moment at $fraction of the mutations, +$delayMs ms): the re-run ends exactly once',
    async kill => {
      expect(span).toBeGreaterThan(0)
      const s = await setup()
      try {
        const killed = await s.run(kill)
        expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true)
        await expectExactlyOnce(s.h, await s.run())
        if (killed.signal === 'SIGKILL') {
          landed += 1
          count('killPoints')
        }
      } finally {
        await s.close()
      }
    },
    60_000
  )

  it('nearly every single kill point landed while the process was running', () => {
    expect(landed).toBeGreaterThanOrEqual(Math.floor(SINGLE * 0.8))
  })

  it.each(chains)(
    'chain $index: killed again in each re-run, then finished: exactly once',
    async ({ points }) => {
      const s = await setup()
      try {
        let kills = 0
        for (const p of points) {
          const result = await s.run(p)
          if (result.signal === 'SIGKILL') kills += 1
          else expect(result.code).toBe(0)
        }
        expect(kills).toBeGreaterThan(0)
        await expectExactlyOnce(s.h, await s.run())
        landed += kills
        count('killPoints', kills)
      } finally {
        await s.close()
      }
    },
    120_000
  )

  it('30 or more kill points (per RELIABILITY_SCALE) were survived in all', () => {
    expect(landed).toBeGreaterThanOrEqual(30 * SCALE)
  })
})
