import { join } from 'node:path'
import type { SyncHarness } from '../sync/harness.js'
import { type ChildResult, startCli } from './child.js'
import { type ProxyPlan, startProxy } from './proxy.js'
import { isMutation, syncEnv, writeSyncConfig } from './sync-setup.js'
import { seeded } from './tally.js'

/**
 * Where a kill lands, relative to the nth mutation: `arrival` (monday never sees it), `lost`
 * (monday executed it, the answer never arrives), `delivered` (the answer arrived; the kill
 * lands `delayMs` later, between the confirmation and the write-back or inside it).
 */
export type Moment = 'arrival' | 'lost' | 'delivered'
export interface KillPoint {
  fraction: number
  moment: Moment
  delayMs: number
}

const MOMENTS: Moment[] = ['arrival', 'lost', 'delivered']

/**
 * Seeded kill points: `single` spread over the whole run (one per stratum) and `chains` of
 * `perChain` points each within the first `chainSpan` of the run (a killed re-run has less to do).
 */
export function killPlan(seed: number, single: number, chains: number, perChain: number, chainSpan: number) {
  const random = seeded(seed)
  const point = (fraction: number): KillPoint => ({
    fraction: Math.round(fraction * 1000) / 1000,
    moment: MOMENTS[Math.floor(random() * 3)]!,
    delayMs: Math.floor(random() * 20)
  })
  return {
    singles: Array.from({ length: single }, (_, i) => ({ index: i + 1, ...point((i + random()) / single) })),
    chains: Array.from({ length: chains }, (_, i) => ({
      index: i + 1,
      points: Array.from({ length: perChain }, () => point(random() * chainSpan))
    }))
  }
}

/** A harness behind a proxy that kills the CLI child at the armed point. */
export interface KillableSync {
  h: SyncHarness
  /** Runs the CLI; with `kill`, kills it at `kill.fraction` of `span` mutations. */
  run(kill?: KillPoint, span?: number): Promise<ChildResult>
  close(): Promise<void>
  /** Mutations seen so far. */
  mutations(): number
}

export async function killableSync(
  h: SyncHarness,
  token: string,
  batch: Parameters<typeof writeSyncConfig>[2]
): Promise<KillableSync> {
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
  const config = writeSyncConfig(h.dir, h.boardId, batch)
  const argv = ['sync', '--config', config, '--run-dir', join(h.dir, 'run')]
  const env = syncEnv(token, proxy.url, h.dbUrl)
  return {
    h,
    mutations: () => mutations,
    run: async (kill, span = 0) => {
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
