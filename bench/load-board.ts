/**
 * load-board benchmark against the monday emulator: a 100,000-item board loaded through the real
 * CLI (a child process, so its peak memory is its own), against a plain sequential items_page walk
 * (500 per page, every field) in the same run. Prints items/s, the ratio, the fraction of the
 * emulator's bound and peak RSS.
 *
 * The emulator runs the pro plan's limits (10,000,000 complexity points and 2,500 requests per
 * minute, 100 requests in flight) with a stated latency model (LATENCY below: 150 ms per request
 * plus 0.2 ms per item returned, jitter ±20%) and a time scale (an emulated minute lasts
 * 60 / timeScale real seconds, so per-minute limits allow timeScale times as much per real second;
 * the CLI is told the same scale through MONDAY_SYNC_TIME_SCALE).
 *
 * The bound is the least of what each limit allows, in items per real second:
 *   complexity   complexityPerMinute ÷ points per item read × timeScale ÷ 60
 *                (points per item measured: the emulator's points for items(ids:) ÷ items)
 *   rate         requestsPerMinute × 100 ids per request × timeScale ÷ 60
 *   concurrency  concurrency × 100 ids per request ÷ latency of a 100-item request (s)
 *
 *   npx tsx bench/load-board.ts [--items N] [--concurrency N] [--time-scale N]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type LatencyModel, type MondayEmulator, startMondayEmulator } from '../emulator/monday/index.js'
import type { PipelineReport } from '../src/engine/run-types.js'
import { LoadBoardItemFieldsFragmentDoc } from '../src/graphql/generated.js'
import type { BoardVerification } from '../src/pipelines/load-board/verify.js'
import { LOAD_BOARD_COLUMNS } from '../__tests__/load-board/emulator-board.js'

export interface LoadBoardBenchOptions {
  /** Items on the board; default 100 000. */
  items?: number
  /** Batch requests in flight for load-board; default 12. */
  concurrency?: number
  /** An emulated minute lasts 60 / timeScale real seconds; default 2. */
  timeScale?: number
  log?: (line: string) => void
}

export interface LoadBoardBenchResult {
  items: number
  loaded: number
  verified: boolean
  seconds: number
  itemsPerSecond: number
  baselineSeconds: number
  baselineItemsPerSecond: number
  /** load-board items/s ÷ the sequential walk's items/s. */
  ratio: number
  /** The emulator's bound in items/s (from its limits), null when it has none. */
  boundItemsPerSecond: number | null
  fractionOfBound: number | null
  /** Each limit's bound in items/s, and which one binds. */
  bounds: { complexity: number; rate: number; concurrency: number; binding: string }
  /**
   * Not one of the emulator's limits but the ceiling of any walk-then-fetch design under this
   * latency model: one cursor walk yields 500 ids per page latency (ids cost the same per-item
   * latency as full items in the emulator's model). items/s.
   */
  walkBoundItemsPerSecond: number
  /** Complexity points per item read through items(ids:) (the emulator's figure). */
  pointsPerItem: number
  /** What the load-board run's engine reported. */
  complexityUsed: number
  retries: number
  throttledMs: number
  /** Peak resident set of the load-board process (VmHWM), MB. */
  peakRssMb: number
  server: string
}

/** The emulator's latency in the bench: real milliseconds, not scaled. */
export const LATENCY: LatencyModel = { baseMs: 150, perItemMs: 0.2, jitter: 0.2 }

/** The plain walk users write: items_page then next_items_page, 500 per page, every field; no engine. */
export async function sequentialWalk(url: string, token: string, boardId: string): Promise<number> {
  const post = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token, 'api-version': '2026-10' },
      body: JSON.stringify({ query, variables })
    })
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
    if (!body.data || body.errors?.length)
      throw new Error(`walk failed: ${body.errors?.[0]?.message ?? response.status}`)
    return body.data
  }
  const fields = String(LoadBoardItemFieldsFragmentDoc)
  const first = `query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 500) { cursor items { ...LoadBoardItemFields } } } } ${fields}`
  const next = `query ($c: String!) { next_items_page(cursor: $c, limit: 500) { cursor items { ...LoadBoardItemFields } } } ${fields}`
  type Page = { cursor: string | null; items: unknown[] }
  const data = await post<{ boards: { items_page: Page }[] }>(first, { b: [boardId] })
  let page = data.boards[0]?.items_page ?? { cursor: null, items: [] }
  let count = page.items.length
  while (page.cursor) {
    page = (await post<{ next_items_page: Page }>(next, { c: page.cursor })).next_items_page
    count += page.items.length
  }
  return count
}

/** Runs `monday-sync load-board` in a child process and samples its peak RSS (Linux VmHWM). */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; peakKb: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  let peakKb = 0
  const sample = (): void => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
    } catch {
      // exited between samples
    }
  }
  const timer = setInterval(sample, 50)
  const code = await new Promise<number | null>(resolve => child.on('exit', c => resolve(c)))
  clearInterval(timer)
  return { code, peakKb }
}

/** Seconds the latency model adds to a request returning `items` items (before jitter). */
function latencySeconds(items: number): number {
  return ((LATENCY.baseMs ?? 0) + (LATENCY.perOperationMs ?? 0) + items * (LATENCY.perItemMs ?? 0)) / 1000
}

/** The bound of the emulator's limits for 100-id reads costing `pointsPerItem` each (see the header). */
function boundOf(
  emulator: MondayEmulator,
  pointsPerItem: number,
  timeScale: number
): LoadBoardBenchResult['bounds'] & { items: number } {
  const { complexityPerMinute, requestsPerMinute, concurrency } = emulator.limits
  const perSecond = timeScale / 60
  const bounds = {
    complexity: (complexityPerMinute / pointsPerItem) * perSecond,
    rate: requestsPerMinute * 100 * perSecond,
    concurrency: (concurrency * 100) / latencySeconds(100)
  }
  const [binding, items] = Object.entries(bounds).sort((a, b) => a[1] - b[1])[0]!
  return { ...bounds, binding, items }
}

export async function benchLoadBoard(options: LoadBoardBenchOptions = {}): Promise<LoadBoardBenchResult> {
  const items = options.items ?? 100_000
  const timeScale = options.timeScale ?? 2
  const log = options.log ?? ((): void => undefined)
  const token = 'bench-token'
  const emulator = await startMondayEmulator({ plan: 'pro', timeScale, latency: LATENCY, seed: 11, token })
  const dir = mkdtempSync(join(tmpdir(), 'bench-lb-'))
  const server =
    `monday emulator, pro plan, time scale ${timeScale}, latency ${LATENCY.baseMs} ms + ` +
    `${LATENCY.perItemMs} ms/item ±${(LATENCY.jitter ?? 0) * 100}%`
  try {
    const board = emulator.admin.createBoard({
      name: 'Bench',
      columns: LOAD_BOARD_COLUMNS,
      groups: ['A', 'B', 'C'],
      items
    })
    log(`${server}; board ${board.id} with ${items} items`)
    const baseStart = performance.now()
    const walked = await sequentialWalk(emulator.url, token, board.id)
    const baselineSeconds = (performance.now() - baseStart) / 1000
    log(`sequential walk: ${walked} items in ${baselineSeconds.toFixed(1)} s`)

    const before = emulator.admin.stats()
    const env = {
      ...process.env,
      MONDAY_API_TOKEN: token,
      MONDAY_API_URL: emulator.url,
      MONDAY_SYNC_TIME_SCALE: String(timeScale),
      DATABASE_URL: `sqlite:${dir}/bench.db`
    }
    const args = ['load-board', '--board', board.id, '--run-dir', join(dir, 'run')]
    args.push('--concurrency', String(options.concurrency ?? 12))
    const start = performance.now()
    const { code, peakKb } = await runCli(args, env)
    const seconds = (performance.now() - start) / 1000
    const reportFile = join(dir, 'run', 'report.json')
    if (!existsSync(reportFile)) throw new Error(`load-board exited with ${code} and wrote no report`)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as PipelineReport
    const detail = (report.details.boards as BoardVerification[])[0]
    const after = emulator.admin.stats()
    const itemPoints = (after.byKind.items?.points ?? 0) - (before.byKind.items?.points ?? 0)
    const pointsPerItem = itemPoints / Math.max(1, report.metrics.byKind.items?.items ?? 1)
    // the pipeline's own time (the report's), without the child process's start-up
    const itemsPerSecond = (detail?.loaded ?? 0) / (report.durationMs / 1000)
    const { items: bound, ...bounds } = boundOf(emulator, pointsPerItem, timeScale)
    const sum = (o: Record<string, number | undefined>): number =>
      Object.values(o).reduce<number>((n, v) => n + (v ?? 0), 0)
    return {
      items,
      loaded: detail?.loaded ?? 0,
      verified: detail?.verified ?? false,
      seconds,
      itemsPerSecond,
      baselineSeconds,
      baselineItemsPerSecond: walked / baselineSeconds,
      ratio: itemsPerSecond / (walked / baselineSeconds),
      boundItemsPerSecond: bound,
      fractionOfBound: itemsPerSecond / bound,
      bounds,
      walkBoundItemsPerSecond: 500 / latencySeconds(500),
      pointsPerItem,
      complexityUsed: report.metrics.complexityUsed,
      retries: sum(report.metrics.retries),
      throttledMs: sum(report.metrics.throttledMs),
      peakRssMb: peakKb / 1024,
      server
    }
  } finally {
    await emulator.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The lines the bench prints. */
export function formatLoadBoardBench(r: LoadBoardBenchResult): string {
  const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(0)}%`)
  return [
    `load-board bench (${r.server}): ${r.loaded}/${r.items} items, verified ${r.verified ? 'yes' : 'NO'}`,
    `  load-board        ${r.itemsPerSecond.toFixed(0)} items/s (${r.seconds.toFixed(1)} s wall with process start)`,
    `  sequential walk   ${r.baselineItemsPerSecond.toFixed(0)} items/s (${r.baselineSeconds.toFixed(1)} s)`,
    `  ratio             ${r.ratio.toFixed(2)}x`,
    `  server bound      ${r.boundItemsPerSecond === null ? 'n/a' : `${r.boundItemsPerSecond.toFixed(0)} items/s`} (fraction ${pct(r.fractionOfBound)}; ` +
      `${r.bounds.binding} binds: complexity ${r.bounds.complexity.toFixed(0)} at ${r.pointsPerItem.toFixed(0)} points/item, ` +
      `rate ${r.bounds.rate.toFixed(0)}, concurrency ${r.bounds.concurrency.toFixed(0)} items/s)`,
    `  one cursor walk   ${r.walkBoundItemsPerSecond.toFixed(0)} ids/s at most (fraction ${pct(r.itemsPerSecond / r.walkBoundItemsPerSecond)})`,
    `  engine            ${r.complexityUsed.toLocaleString('en-US')} complexity points, ${r.retries} retries, ${(r.throttledMs / 1000).toFixed(1)} s throttled`,
    `  peak memory       ${r.peakRssMb.toFixed(0)} MB (limit 300 MB: ${r.peakRssMb < 300 ? 'ok' : 'OVER'})`
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name: string): number | undefined => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : undefined
  }
  benchLoadBoard({
    items: flag('items'),
    concurrency: flag('concurrency'),
    timeScale: flag('time-scale'),
    log: line => console.log(line)
  }).then(
    result => {
      console.log(formatLoadBoardBench(result))
      process.exitCode = result.verified && result.peakRssMb < 300 ? 0 : 1
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    }
  )
}
