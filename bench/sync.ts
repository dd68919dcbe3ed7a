/**
 * sync benchmark: 5,000 orders x 5 lines (30,000 items and subitems) in asyncBatch against the
 * monday emulator on the `monday` latency profile, through `executeSync` with the embedded
 * database; `batch` and `single` on subsets (compared per item). Prints items per emulated second,
 * the ratio to `single`, the fraction of the bound, the requests refused and the 504s.
 *
 * Model: pro plan (10M complexity points/min, 2,500 requests/min, 100 in flight); server times from
 * the profile (bench/profile.ts), aliased mutations run serially; the time scale (20 for
 * asyncBatch, 60 otherwise) divides every duration. The bound is the smallest of, in items per emulated second:
 *   complexity   10,000,000 / 10,000 points per create / 60
 *   rate         2,500 / 60 × operations per request (1 in single, at most 50 otherwise)
 *   in flight    100 × 6 ÷ (t(create_item) + 5 × t(create_subitem))   (serial execution)
 *
 *   npx tsx bench/sync.ts [--orders N] [--batch-orders N] [--single-orders N] [--modes single,batch,asyncBatch] [--latency-factor F]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { startMondayEmulator } from '../emulator/monday/index.js'
import { openDatabase } from '../src/adapters/sql/open.js'
import { runSyncJob } from '../src/jobs/sync.js'
import { loadSyncConfig } from '../src/config/load.js'
import type { ItemMode } from '../src/config/schema.js'
import { createDemoSchema, DEMO_BOARD, seedDemoOrders } from '../src/pipelines/sync/demo-data.js'
import type { LatencyProfile } from '../emulator/monday/types.js'
import { benchProfile, type Bound, boundOf, describeProfile, mutationMs } from './profile.js'

export interface SyncBenchOptions {
  /** Orders (5 lines each) for asyncBatch; default 5,000. */
  orders?: number
  /** Orders for batch (one request in flight); default orders / 25, at most 200. */
  batchOrders?: number
  /** Orders for single (one request per item); default orders / 250, between 5 and 20. */
  singleOrders?: number
  modes?: ItemMode[]
  /**
   * Every duration ÷ timeScale; default 20 for asyncBatch, 60 for batch and single. At the bound
   * asyncBatch sends 3.3 requests per emulated second: 200 a real second at 60, more than one core
   * serves for the emulator, the client and SQLite together (measured: 47% of the bound at 60, 72%
   * at 20, same code, 1,000 orders); batch and single keep one request in flight.
   */
  timeScale?: number
  /** The profile's latency × this; default 1. */
  latencyFactor?: number
  log?: (line: string) => void
}

export interface SyncModeResult {
  mode: ItemMode
  orders: number
  /** Items and subitems created. */
  items: number
  /** Real seconds. */
  seconds: number
  /** Items per emulated second. */
  itemsPerSecond: number
  requests: number
  /** Requests monday refused for a limit (429 and friends), as the emulator counted them. */
  throttled: number
  /** Requests answered 504 at monday's 60 s timeout. */
  timeouts: number
  /** Items and subitems on the board beyond one per row. */
  duplicates: number
  /** Rows not SYNCED at the end. */
  notSynced: number
  /** Every item and subitem on the board once, every row SYNCED. */
  exactlyOnce: boolean
  /** items/s ÷ single's items/s. */
  ratioToSingle: number | null
  /** items/s ÷ the bound. */
  fractionOfBound: number
  bound: Bound
}

export interface SyncBenchResult {
  server: string
  /** The users' first version: 3.4 s per record. */
  usersFirstVersionItemsPerSecond: number
  modes: SyncModeResult[]
}

const CREATE_POINTS = 10_000
/** The engine's largest batch (the example configuration's maxBatchSize). */
const MAX_BATCH = 50

/** The bound of the pro plan on `profile` for one order and its 5 lines (see the header). */
export function syncBound(profile: LatencyProfile, operationsPerRequest: number): Bound {
  const order = mutationMs(profile, 'create_item') + 5 * mutationMs(profile, 'create_subitem')
  return boundOf({
    complexity: 10_000_000 / CREATE_POINTS / 60,
    rate: (2_500 / 60) * operationsPerRequest,
    inFlight: (100 * 6) / (order / 1000)
  })
}

async function runMode(
  mode: ItemMode,
  orders: number,
  timeScale: number,
  profile: LatencyProfile,
  dir: string
): Promise<Omit<SyncModeResult, 'ratioToSingle' | 'fractionOfBound' | 'bound'>> {
  const emulator = await startMondayEmulator({ plan: 'pro', timeScale, latency: profile, seed: 7 })
  const databaseUrl = `sqlite:${join(dir, `${mode}-${profile.name}.db`)}`
  try {
    const db = await openDatabase(databaseUrl, 'bench database')
    await createDemoSchema(db)
    await seedDemoOrders(db, { orders, seed: 3 })
    const board = emulator.admin.createBoard({ ...DEMO_BOARD, groups: ['SS26'] })
    const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: board.id } })
    const options = {
      config,
      token: 'bench',
      apiUrl: emulator.url,
      databaseUrl,
      runDir: join(dir, `run-${mode}-${profile.name}`),
      itemMode: mode,
      timeScale
    }
    const report = await runSyncJob(options)
    const stats = emulator.admin.stats()
    const onBoard = emulator.admin.items(board.id).reduce((n, i) => n + 1 + i.subitems.length, 0)
    const [synced] = await db.query<{ n: number }>(
      "SELECT (SELECT COUNT(*) FROM ORDER_LIST WHERE SYNC_STATE = 'SYNCED') + (SELECT COUNT(*) FROM ORDER_LIST_LINES WHERE SYNC_STATE = 'SYNCED') AS n"
    )
    await db.close()
    const seconds = report.durationMs / 1000
    return {
      mode,
      orders,
      items: report.itemsDone,
      seconds,
      itemsPerSecond: report.itemsDone / (seconds * timeScale),
      requests: stats.requests,
      throttled: Object.values(stats.throttled).reduce((a, b) => a + b, 0),
      timeouts: stats.errors.GatewayTimeout ?? 0,
      duplicates: Math.max(0, onBoard - orders * 6),
      notSynced: orders * 6 - Number(synced?.n),
      exactlyOnce: onBoard === orders * 6 && Number(synced?.n) === orders * 6
    }
  } finally {
    await emulator.close()
  }
}

export async function benchSync(options: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const orders = options.orders ?? 5000
  const sizes: Record<ItemMode, number> = {
    asyncBatch: orders,
    batch: options.batchOrders ?? Math.min(200, Math.max(10, Math.round(orders / 25))),
    single: options.singleOrders ?? Math.min(20, Math.max(5, Math.round(orders / 250)))
  }
  const scaleOf = (mode: ItemMode): number => options.timeScale ?? (mode === 'asyncBatch' ? 20 : 60)
  const profile = benchProfile(options.latencyFactor ?? 1)
  const modes = options.modes ?? ['single', 'batch', 'asyncBatch']
  const log = options.log ?? ((): void => undefined)
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  const results: SyncModeResult[] = []
  try {
    for (const mode of modes) {
      const n = sizes[mode]
      log(`sync ${mode}: ${n} orders x 5 lines on ${profile.name} …`)
      const r = await runMode(mode, n, scaleOf(mode), profile, dir)
      const bound = syncBound(profile, mode === 'single' ? 1 : MAX_BATCH)
      results.push({ ...r, ratioToSingle: null, fractionOfBound: r.itemsPerSecond / bound.itemsPerSecond, bound })
      log(
        `  ${r.items} items in ${r.seconds.toFixed(1)} s real: ${r.itemsPerSecond.toFixed(2)} items/s emulated ` +
          `(${((r.itemsPerSecond / bound.itemsPerSecond) * 100).toFixed(0)}% of ${bound.itemsPerSecond.toFixed(1)}, ${bound.binding}), ` +
          `${r.requests} requests, ${r.timeouts} timeouts, ${r.duplicates} duplicates, ${r.notSynced} not synced`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const single = results.find(r => r.mode === 'single')
  for (const r of results) r.ratioToSingle = single ? r.itemsPerSecond / single.itemsPerSecond : null
  return {
    server: `monday emulator, pro plan (10M points/min, 2,500 requests/min, 100 in flight), ${describeProfile(profile, scaleOf('asyncBatch'))}${options.timeScale ? '' : ' (batch and single at 60)'}`,
    usersFirstVersionItemsPerSecond: 1 / 3.4,
    modes: results
  }
}

/** The lines the bench prints. */
export function formatSyncBench(r: SyncBenchResult): string {
  const lines = r.modes.map(
    m =>
      `  ${m.mode.padEnd(10)} ${String(m.orders).padStart(5)} orders  ${m.itemsPerSecond.toFixed(2).padStart(7)} items/s  ` +
      `x${(m.ratioToSingle ?? NaN).toFixed(1)} single  ${(m.fractionOfBound * 100).toFixed(0)}% of ${m.bound.itemsPerSecond.toFixed(1)} (${m.bound.binding})  ` +
      `${m.requests} requests, ${m.throttled} throttled, ${m.timeouts} timeouts  exactly once: ${m.exactlyOnce ? 'yes' : `NO (${m.duplicates} duplicates, ${m.notSynced} not synced)`}`
  )
  return [
    `sync bench (${r.server}); items per emulated second`,
    ...lines,
    `  users' first version: ${r.usersFirstVersionItemsPerSecond.toFixed(2)} items/s (3.4 s per record)`
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string' },
      'batch-orders': { type: 'string' },
      'single-orders': { type: 'string' },
      modes: { type: 'string' },
      'latency-factor': { type: 'string' },
      'time-scale': { type: 'string' }
    }
  })
  benchSync({
    ...(values.orders ? { orders: Number(values.orders) } : {}),
    ...(values['batch-orders'] ? { batchOrders: Number(values['batch-orders']) } : {}),
    ...(values['single-orders'] ? { singleOrders: Number(values['single-orders']) } : {}),
    ...(values.modes ? { modes: values.modes.split(',') as ItemMode[] } : {}),
    ...(values['latency-factor'] ? { latencyFactor: Number(values['latency-factor']) } : {}),
    ...(values['time-scale'] ? { timeScale: Number(values['time-scale']) } : {}),
    log: line => console.log(line)
  }).then(
    result => {
      console.log(formatSyncBench(result))
      process.exitCode = result.modes.every(m => m.exactlyOnce) ? 0 : 1
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    }
  )
}
