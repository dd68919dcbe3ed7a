/**
 * load-board benchmark: a 100,000-item board through the real CLI (a child process, so its peak
 * memory is its own), against a plain sequential items_page walk (500 per page, full fields) in
 * the same run. Prints items/s, the ratio, the fraction of the server's bound and peak RSS.
 *
 *   tsx bench/load-board.ts [--items N] [--concurrency N]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PipelineReport } from '../src/engine/run-types.js'
import { fetchRequest } from '../src/pipelines/load-board/fetch-request.js'
import { ITEM_FIELDS } from '../src/pipelines/load-board/reader.js'
import type { BoardVerification } from '../src/pipelines/load-board/verify.js'
import { FakeBoard } from '../__tests__/load-board/fake-board.js'
import { startFakeMonday } from '../__tests__/load-board/fake-monday-server.js'

export interface LoadBoardBenchOptions {
  /** Items on the board; default 100 000. */
  items?: number
  /** Batch requests in flight for load-board; default 9 (the walk takes the tenth slot). */
  concurrency?: number
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
  /** The server's bound in items/s (from its limits), null when it has none. */
  boundItemsPerSecond: number | null
  fractionOfBound: number | null
  /** Peak resident set of the load-board process (VmHWM), MB. */
  peakRssMb: number
  server: string
}

/** The plain walk users write: items_page then next_items_page, 500 per page, every field. */
export async function sequentialWalk(url: string, token: string, boardId: string): Promise<number> {
  const request = fetchRequest({ url, token })
  const first = `query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 500) { cursor items { ${ITEM_FIELDS} } } } }`
  const next = `query ($c: String!) { next_items_page(cursor: $c, limit: 500) { cursor items { ${ITEM_FIELDS} } } }`
  type Page = { cursor: string | null; items: unknown[] }
  const data = await request<{ boards: { items_page: Page }[] }>(first, { b: [boardId] }, { kind: 'walk', items: 500 })
  let page = data.boards[0]?.items_page ?? { cursor: null, items: [] }
  let count = page.items.length
  while (page.cursor) {
    page = (await request<{ next_items_page: Page }>(next, { c: page.cursor }, { kind: 'walk', items: 500 }))
      .next_items_page
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

/** A monday server holding one board for the bench. */
interface BenchServer {
  name: string
  url: string
  boardId: string
  /** items/s its limits allow, or null. */
  boundItemsPerSecond(): number | null
  close(): Promise<void>
}

/**
 * The stand-in monday of the load-board tests (FakeBoard over HTTP; 20 ms per request plus 0.1 ms
 * per item returned with every field, since monday's latency grows with the data). The
 * monday emulator (emulator/monday) replaces it once it serves boards of this size.
 */
async function startBenchServer(items: number): Promise<BenchServer> {
  const board = FakeBoard.make('77', items)
  const limits = { delayMs: 20, perFullItemMs: 0.1, maxInFlight: 10 }
  const server = await startFakeMonday([board], limits)
  // its bound: every slot busy with 100-item batches, each taking 20 ms + 100 x 0.1 ms
  const bound = (limits.maxInFlight * 100) / ((limits.delayMs + 100 * limits.perFullItemMs) / 1000)
  return {
    name: 'fake monday: 20 ms/request + 0.1 ms per full item, 10 requests in flight',
    url: server.url,
    boardId: '77',
    boundItemsPerSecond: () => bound,
    close: server.close
  }
}

export async function benchLoadBoard(options: LoadBoardBenchOptions = {}): Promise<LoadBoardBenchResult> {
  const items = options.items ?? 100_000
  const log = options.log ?? ((): void => undefined)
  const token = 'bench-token'
  const server = await startBenchServer(items)
  try {
    log(`server: ${server.name}; board ${server.boardId} with ${items} items`)
    const baseStart = performance.now()
    const walked = await sequentialWalk(server.url, token, server.boardId)
    const baselineSeconds = (performance.now() - baseStart) / 1000
    log(`sequential walk: ${walked} items in ${baselineSeconds.toFixed(1)} s`)

    const dir = mkdtempSync(join(tmpdir(), 'bench-lb-'))
    const env = {
      ...process.env,
      MONDAY_API_TOKEN: token,
      MONDAY_API_URL: server.url,
      DATABASE_URL: `sqlite:${dir}/bench.db`
    }
    const args = ['load-board', '--board', server.boardId, '--run-dir', join(dir, 'run')]
    args.push('--concurrency', String(options.concurrency ?? 9))
    const start = performance.now()
    const { code, peakKb } = await runCli(args, env)
    const seconds = (performance.now() - start) / 1000
    const reportFile = join(dir, 'run', 'report.json')
    if (!existsSync(reportFile)) throw new Error(`load-board exited with ${code} and wrote no report`)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as PipelineReport
    const board = (report.details.boards as BoardVerification[])[0]
    // the pipeline's own time (the report's), without the child process's start-up
    const itemsPerSecond = (board?.loaded ?? 0) / (report.durationMs / 1000)
    const bound = server.boundItemsPerSecond()
    return {
      items,
      loaded: board?.loaded ?? 0,
      verified: board?.verified ?? false,
      seconds,
      itemsPerSecond,
      baselineSeconds,
      baselineItemsPerSecond: walked / baselineSeconds,
      ratio: itemsPerSecond / (walked / baselineSeconds),
      boundItemsPerSecond: bound,
      fractionOfBound: bound ? itemsPerSecond / bound : null,
      peakRssMb: peakKb / 1024,
      server: server.name
    }
  } finally {
    await server.close()
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
    `  server bound      ${r.boundItemsPerSecond === null ? 'n/a' : `${r.boundItemsPerSecond.toFixed(0)} items/s`} (fraction ${pct(r.fractionOfBound)})`,
    `  peak memory       ${r.peakRssMb.toFixed(0)} MB (limit 300 MB: ${r.peakRssMb < 300 ? 'ok' : 'OVER'})`
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name: string): number | undefined => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : undefined
  }
  benchLoadBoard({ items: flag('items'), concurrency: flag('concurrency'), log: line => console.log(line) }).then(
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
