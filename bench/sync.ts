/**
 * sync benchmark: 5,000 orders x 5 lines (30,000 items and subitems) in each item mode against the
 * monday emulator, through `executeSync` with the embedded database. Prints items/s, the ratio to
 * `single`, the fraction of the account's bound and the requests monday throttled.
 *
 * Model: pro plan (10M complexity points/min, 2,500 requests/min, 100 in flight); every request
 * takes 120 ms + 4 ms per aliased operation (±20%, real milliseconds, not scaled); time scale 60
 * (an emulated minute lasts one real second), so the complexity budget allows 1,000 creates/s.
 * `single` sends one request per item; at ~125 ms each it is measured on `singleOrders` orders
 * (default orders / 50, at most 100) and compared per item.
 *
 *   npx tsx bench/sync.ts [--orders N] [--single-orders N] [--modes single,batch,asyncBatch]
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

export interface SyncBenchOptions {
  /** Orders (5 lines each) for batch and asyncBatch; default 5,000. */
  orders?: number
  /** Orders for single (one request per item); default orders / 50, between 10 and 100. */
  singleOrders?: number
  modes?: ItemMode[]
  /** Emulated minutes per real minute; default 60. */
  timeScale?: number
  log?: (line: string) => void
}

export interface SyncModeResult {
  mode: ItemMode
  orders: number
  /** Items and subitems created. */
  items: number
  seconds: number
  itemsPerSecond: number
  requests: number
  /** Requests monday refused for a limit (429 and friends), as the emulator counted them. */
  throttled: number
  /** Every item and subitem on the board once, every row SYNCED. */
  exactlyOnce: boolean
  /** items/s ÷ single's items/s. */
  ratioToSingle: number | null
  /** items/s ÷ the complexity budget's bound. */
  fractionOfBound: number
}

export interface SyncBenchResult {
  server: string
  boundItemsPerSecond: number
  /** The users' first version: 3.4 s per record. */
  usersFirstVersionItemsPerSecond: number
  modes: SyncModeResult[]
}

const CREATE_POINTS = 10_000
const LATENCY = { baseMs: 120, perOperationMs: 4, jitter: 0.2 }

async function runMode(
  mode: ItemMode,
  orders: number,
  timeScale: number,
  dir: string
): Promise<Omit<SyncModeResult, 'ratioToSingle' | 'fractionOfBound'>> {
  const emulator = await startMondayEmulator({ plan: 'pro', timeScale, latency: LATENCY, seed: 7 })
  const databaseUrl = `sqlite:${join(dir, `${mode}.db`)}`
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
      runDir: join(dir, `run-${mode}`),
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
      itemsPerSecond: report.itemsDone / seconds,
      requests: stats.requests,
      throttled: Object.values(stats.throttled).reduce((a, b) => a + b, 0),
      exactlyOnce: onBoard === orders * 6 && Number(synced?.n) === orders * 6
    }
  } finally {
    await emulator.close()
  }
}

export async function benchSync(options: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const orders = options.orders ?? 5000
  const singleOrders = options.singleOrders ?? Math.min(100, Math.max(10, Math.round(orders / 50)))
  const timeScale = options.timeScale ?? 60
  const modes = options.modes ?? ['single', 'batch', 'asyncBatch']
  const log = options.log ?? ((): void => undefined)
  const bound = (10_000_000 / CREATE_POINTS) * (timeScale / 60)
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  const results: SyncModeResult[] = []
  try {
    for (const mode of modes) {
      const n = mode === 'single' ? singleOrders : orders
      log(`sync ${mode}: ${n} orders x 5 lines …`)
      const r = await runMode(mode, n, timeScale, dir)
      results.push({ ...r, ratioToSingle: null, fractionOfBound: r.itemsPerSecond / bound })
      log(
        `  ${r.items} items in ${r.seconds.toFixed(1)} s: ${r.itemsPerSecond.toFixed(1)} items/s, ${r.requests} requests`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const single = results.find(r => r.mode === 'single')
  for (const r of results) r.ratioToSingle = single ? r.itemsPerSecond / single.itemsPerSecond : null
  return {
    server: `monday emulator, pro plan (10M points/min, 2,500 requests/min, 100 in flight), 120 ms + 4 ms per operation ±20%, time scale ${timeScale}`,
    boundItemsPerSecond: bound,
    usersFirstVersionItemsPerSecond: 1 / 3.4,
    modes: results
  }
}

/** The lines the bench prints. */
export function formatSyncBench(r: SyncBenchResult): string {
  const head = `sync bench (${r.server}); bound ${r.boundItemsPerSecond.toFixed(0)} items/s (complexity budget)`
  const lines = r.modes.map(
    m =>
      `  ${m.mode.padEnd(10)} ${String(m.orders).padStart(5)} orders  ${m.itemsPerSecond.toFixed(1).padStart(7)} items/s  ` +
      `x${(m.ratioToSingle ?? NaN).toFixed(1)} single  ${(m.fractionOfBound * 100).toFixed(0)}% of bound  ` +
      `${m.requests} requests, ${m.throttled} throttled  exactly once: ${m.exactlyOnce ? 'yes' : 'NO'}`
  )
  return [
    head,
    ...lines,
    `  users' first version: ${r.usersFirstVersionItemsPerSecond.toFixed(2)} items/s (3.4 s per record)`
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { orders: { type: 'string' }, 'single-orders': { type: 'string' }, modes: { type: 'string' } }
  })
  benchSync({
    ...(values.orders ? { orders: Number(values.orders) } : {}),
    ...(values['single-orders'] ? { singleOrders: Number(values['single-orders']) } : {}),
    ...(values.modes ? { modes: values.modes.split(',') as ItemMode[] } : {}),
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
