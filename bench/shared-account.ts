/**
 * Four concurrent sync jobs on one emulated monday account: each has its own client, database and
 * board, and they share the account's per-minute complexity budget as real jobs do (monday's limits
 * are per account [RL]). Prints the aggregate fraction of the budget's bound and the share of
 * requests the server throttled.
 *
 *   tsx bench/shared-account.ts [--jobs N] [--orders N]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { startMondayEmulator } from '../emulator/monday/index.js'
import { runSyncJob } from '../src/jobs/sync.js'
import { loadSyncConfig } from '../src/config/load.js'
import type { PipelineReport } from '../src/engine/run-types.js'
import { DEMO_BOARD, seedDemoDatabase } from '../src/pipelines/sync/demo-data.js'
import { benchProfile, describeProfile } from './profile.js'
import { syncBound } from './sync.js'

export interface SharedAccountBenchOptions {
  /** Concurrent jobs; default 4. */
  jobs?: number
  /** Orders per job (each with 5 lines); default 400. */
  orders?: number
  /**
   * An emulated minute lasts 60 / timeScale real seconds; default 15: four jobs at the account's
   * bound send 3.3 requests per emulated second, 100 a real second at 30, more than one core serves
   * for the emulator, four clients and four SQLite databases.
   */
  timeScale?: number
  log?: (line: string) => void
}

export interface SharedAccountBenchResult {
  jobs: number
  items: number
  /** Real seconds. */
  seconds: number
  /** Items per emulated second, all jobs together. */
  itemsPerSecond: number
  /** Items per emulated second the account allows on the profile (bench/sync.ts syncBound), and the binding limit. */
  boundItemsPerSecond: number
  binding: string
  /** Requests answered 504 at the 60 s timeout. */
  timeouts: number
  fractionOfBound: number
  requests: number
  throttled: number
  throttledShare: number
  allSynced: boolean
  server: string
}

export async function benchSharedAccount(options: SharedAccountBenchOptions = {}): Promise<SharedAccountBenchResult> {
  const jobs = options.jobs ?? 4
  const orders = options.orders ?? 400
  const timeScale = options.timeScale ?? 15
  const log = options.log ?? ((): void => undefined)
  const dir = mkdtempSync(join(tmpdir(), 'monday-sync-shared-'))
  const emulator = await startMondayEmulator({
    plan: 'pro',
    timeScale,
    latency: benchProfile(),
    seed: 7
  })
  try {
    const runs = await Promise.all(
      Array.from({ length: jobs }, async (_, job) => {
        const databaseUrl = `sqlite:${join(dir, `job-${job}.db`)}`
        await seedDemoDatabase(databaseUrl, { orders, seed: 100 + job })
        const board = emulator.admin.createBoard({ ...DEMO_BOARD, name: `ORDER_LIST ${job}` })
        const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', {
          environment: 'development',
          env: { MONDAY_BOARD_ID: board.id }
        })
        return { job, databaseUrl, board, config }
      })
    )
    log(`${jobs} jobs × ${orders} orders × 6 items against one pro account (time scale ${timeScale})`)
    const started = performance.now()
    const reports: PipelineReport[] = await Promise.all(
      runs.map(run =>
        runSyncJob({
          config: run.config,
          token: `job-${run.job}`,
          apiUrl: emulator.url,
          databaseUrl: run.databaseUrl,
          runDir: join(dir, `run-${run.job}`),
          itemMode: 'asyncBatch',
          timeScale
        })
      )
    )
    const seconds = (performance.now() - started) / 1000
    const items = reports.reduce((n, r) => n + r.itemsDone, 0)
    const stats = emulator.admin.stats()
    const throttled = Object.values(stats.throttled).reduce((a, b) => a + b, 0)
    const profile = benchProfile()
    const bound = syncBound(profile, 50)
    const boundItemsPerSecond = bound.itemsPerSecond
    const allSynced = runs.every(
      run => emulator.admin.items(run.board.id).reduce((n, i) => n + 1 + i.subitems.length, 0) === orders * 6
    )
    return {
      jobs,
      items,
      seconds,
      itemsPerSecond: items / (seconds * timeScale),
      boundItemsPerSecond,
      binding: bound.binding,
      fractionOfBound: items / (seconds * timeScale) / boundItemsPerSecond,
      timeouts: stats.errors.GatewayTimeout ?? 0,
      requests: stats.requests,
      throttled,
      throttledShare: stats.requests > 0 ? throttled / stats.requests : 0,
      allSynced,
      server: `monday emulator, pro plan (10M points/min, 2,500 requests/min, 100 in flight), ${describeProfile(profile, timeScale)}`
    }
  } finally {
    await emulator.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { jobs: { type: 'string' }, orders: { type: 'string' } } })
  const result = await benchSharedAccount({
    ...(values.jobs ? { jobs: Number(values.jobs) } : {}),
    ...(values.orders ? { orders: Number(values.orders) } : {}),
    log: line => console.log(line)
  })
  console.log(JSON.stringify(result, null, 2))
}
