/**
 * The one-command demo (`npm run demo`): the monday emulator and an embedded SQLite database with
 * realistic orders, then `sync` in asyncBatch and `load-board` of the same board, then the
 * performance table and where the artifacts are. Nothing is left running.
 *
 *   npm run demo [-- --orders N] [-- --time-scale S] [-- --latency none|monday|FILE.json]
 *   tsx scripts/demo.ts --prepare-only --emulator URL --database FILE --config FILE
 *
 * `--prepare-only` only seeds the database, creates the board on a running emulator (through its
 * HTTP admin API) and writes a configuration for them: the CI workflow then runs the action on it.
 *
 * The emulator runs the pro plan's limits (10,000,000 complexity points and 2,500 requests per
 * minute, 100 in flight) with monday's measured server times (`--latency monday`, the default:
 * emulator/monday/profiles/monday.json; `none` or a profile file), and a time scale: every
 * duration is divided by S (S = 30 by default), so the limits and latency bind as on monday but
 * the demo takes about a minute.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startMondayEmulator } from '../emulator/monday/index.js'
import { readProfile } from '../emulator/monday/timing.js'
import { openDatabase } from '../src/adapters/sql/open.js'
import { reportTable } from '../src/cli/commands/load-board.js'
import { syncReportTable } from '../src/cli/commands/sync.js'
import type { CliIo } from '../src/cli/io.js'
import { runLoadBoardJob } from '../src/jobs/load-board.js'
import { runSyncJob } from '../src/jobs/sync.js'
import { loadSyncConfig } from '../src/config/load.js'
import type { PipelineReport } from '../src/engine/run-types.js'
import type { BoardTarget } from '../src/pipelines/load-board/board-target.js'
import { DEMO_BOARD, seedDemoDatabase } from '../src/pipelines/sync/demo-data.js'
import { cellText } from './cell-text.js'

const CONFIG = 'configs/pipelines/sync_order_list.toml'

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '300' },
    'time-scale': { type: 'string', default: '30' },
    latency: { type: 'string', default: 'monday' },
    dir: { type: 'string', default: '.runs/demo' },
    'prepare-only': { type: 'boolean', default: false },
    emulator: { type: 'string' },
    database: { type: 'string', default: 'demo.db' },
    config: { type: 'string', default: 'demo.toml' }
  }
})
const orders = Number(values.orders)
const timeScale = Number(values['time-scale'])
const latency = values.latency === 'monday' || values.latency === 'none' ? values.latency : readProfile(values.latency)
const dir = resolve(values.dir)
const TOKEN = 'demo-token'

const io: CliIo = {
  env: {},
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text)
}

function row(name: string, r: PipelineReport): string[] {
  const seconds = r.durationMs / 1000
  const m = r.metrics
  const throttled = Object.values(m.retries).reduce((a, b) => a + (b ?? 0), 0)
  const minutes = r.durationMs / (m.minuteMs ?? 60_000)
  const budgetShare = m.budgetPerMinute > 0 ? m.complexityUsed / (m.budgetPerMinute * minutes) : 0
  return [
    name,
    String(r.itemsDone),
    String(r.itemsFailed),
    seconds.toFixed(1),
    (r.itemsDone / Math.max(seconds, 0.001)).toFixed(0),
    String(m.requests),
    m.complexityUsed.toLocaleString('en-US'),
    budgetShare > 0 ? `${(budgetShare * 100).toFixed(0)}%` : '-',
    String(throttled)
  ]
}

const PERFORMANCE = [
  'pipeline',
  'items',
  'failed',
  'seconds',
  'items/s',
  'requests',
  'complexity',
  'of budget',
  'retries'
]

function table(rows: string[][], head = PERFORMANCE): string {
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(...all.map(r => (r[i] ?? '').length)))
  return all.map(r => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n') + '\n'
}

/** Where the demo's load-board lands the board: a typed table for orders and one for their lines. */
const DEMO_TARGET = (boardId: string): BoardTarget => ({
  boardId,
  name: 'Orders',
  description: 'The demo orders that sync sent to monday, read back',
  table: 'monday_orders',
  subitemsTable: 'monday_order_lines',
  includeSubitems: true,
  columns: [],
  subitemColumns: []
})

/** What an analyst runs on the typed tables: plain columns, a join on parent_item_id, no JSON. */
const SAMPLE_QUERY = `SELECT o.item_id, o.customer, o.status, o.due_date, l.size, l.qty
FROM monday_orders o
JOIN monday_order_lines l ON l.parent_item_id = o.item_id
WHERE o.status IS NOT NULL
ORDER BY o.due_date, o.item_id, l.item_id
LIMIT 5`

async function sampleQuery(databaseUrl: string): Promise<string> {
  const db = await openDatabase(databaseUrl)
  try {
    const rows = await db.query(SAMPLE_QUERY)
    const cells = rows.map(r => Object.values(r).map(cellText))
    const head = Object.keys(rows[0] ?? {})
    return `\n== sample query on the typed tables\n${SAMPLE_QUERY};\n\n${rows.length ? table(cells, head) : '(no rows)\n'}`
  } finally {
    await db.close()
  }
}

async function main(): Promise<void> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const databaseUrl = `sqlite:${join(dir, 'orders.db')}`
  const emulator = await startMondayEmulator({
    plan: 'pro',
    timeScale,
    latency,
    seed: 2026
  })
  try {
    io.stdout(
      `monday emulator at ${emulator.url} (pro plan, ${values.latency} server times, time scale ${timeScale})\n`
    )
    const seededCounts = await seedDemoDatabase(databaseUrl, { orders, linesPerOrder: 5, seed: 2026 })
    io.stdout(`seeded ${seededCounts.orders} orders and ${seededCounts.lines} lines into ${databaseUrl}\n`)
    const board = emulator.admin.createBoard(DEMO_BOARD)
    io.stdout(`created board ${board.id} "${DEMO_BOARD.name}" (subitems board ${board.subitemsBoardId})\n\n`)

    const config = loadSyncConfig(CONFIG, {
      environment: 'development',
      env: { MONDAY_BOARD_ID: board.id }
    })
    const syncDir = join(dir, 'sync')
    io.stdout('== sync (asyncBatch)\n')
    const sync = await runSyncJob(
      { config, token: TOKEN, apiUrl: emulator.url, databaseUrl, runDir: syncDir, itemMode: 'asyncBatch', timeScale },
      { output: io }
    )
    io.stdout(syncReportTable(sync))

    const loadDir = join(dir, 'load-board')
    io.stdout(`\n== load-board ${board.id}\n`)
    const load = await runLoadBoardJob(
      {
        boardIds: [board.id],
        databaseUrl,
        token: TOKEN,
        apiUrl: emulator.url,
        runDir: loadDir,
        targets: [DEMO_TARGET(board.id)],
        timeScale
      },
      { output: io }
    )
    io.stdout(reportTable(load))
    io.stdout(await sampleQuery(databaseUrl))

    io.stdout(`\n== performance\n${table([row('sync', sync), row('load-board', load)])}`)
    io.stdout(
      `\nartifacts:\n` +
        `  sync:       ${syncDir}/task-graph.json, checkpoint.json, report.json\n` +
        `  load-board: ${loadDir}/task-graph.json, checkpoint.json, report.json\n` +
        `  database:   ${databaseUrl} (ORDER_LIST, ORDER_LIST_LINES; typed tables monday_orders, ` +
        `monday_order_lines and their dictionary monday_sync_columns)\n`
    )
    const onBoard = emulator.admin.items(board.id)
    const subitems = onBoard.reduce((n, item) => n + item.subitems.length, 0)
    io.stdout(`board ${board.id} holds ${onBoard.length} items and ${subitems} subitems\n`)
    if (sync.itemsFailed > 0 || load.failures.length > 0) process.exitCode = 1
  } finally {
    await emulator.close()
  }
}

/** Seeds the database, creates the board on a running emulator and writes a configuration for both. */
async function prepare(emulatorUrl: string, databaseFile: string, configFile: string): Promise<void> {
  const databaseUrl = `sqlite:${databaseFile}`
  rmSync(databaseFile, { force: true })
  const counts = await seedDemoDatabase(databaseUrl, { orders, linesPerOrder: 5, seed: 2026 })
  const admin = new URL('/admin/boards', emulatorUrl)
  const response = await fetch(admin, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_BOARD)
  })
  if (!response.ok) throw new Error(`POST ${admin.href}: HTTP ${response.status} ${await response.text()}`)
  const board = (await response.json()) as { id: string }
  const text = readFileSync(CONFIG, 'utf8')
    .replaceAll('${MONDAY_BOARD_ID}', board.id)
    .replace('sqlite:./monday-sync.db', databaseUrl)
  writeFileSync(configFile, text)
  io.stdout(`seeded ${counts.orders} orders into ${databaseUrl}; board ${board.id}; configuration ${configFile}\n`)
}

const work = values['prepare-only']
  ? prepare(values.emulator ?? 'http://127.0.0.1:4000/v2', values.database ?? 'demo.db', values.config ?? 'demo.toml')
  : main()
work.catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
})
