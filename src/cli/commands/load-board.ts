import { createMondayClient } from '../../adapters/monday/client.js'
import type { Plan } from '../../adapters/monday/types.js'
import { openDatabase } from '../../adapters/sql/open.js'
import type { TypedColumn } from '../../adapters/sql/staging-schema.js'
import type { PipelineHooks, PipelineReport, Progress } from '../../engine/run-types.js'
import { ConfigError } from '../../errors.js'
import { AdaptiveTuning, outcomeOfEvent } from '../../pipelines/load-board/tuning.js'
import { GraphqlBoardReader, type MondayRequest, runLoadBoard } from '../../pipelines/load-board/index.js'
import { RunDirectory, findResumeCheckpoint } from '../../pipelines/load-board/run-dir.js'
import type { BoardVerification } from '../../pipelines/load-board/verify.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'
import { loadBoardSettings } from '../../pipelines/load-board/settings.js'

/** Everything one load-board run needs, resolved from flags, configuration and environment. */
export interface ExecuteLoadBoardOptions {
  boardIds: string[]
  /** `sqlite:<path>` or `mssql://…`; the password never reaches output. */
  databaseUrl: string
  /** monday API token (never printed). */
  token: string
  /** Default https://api.monday.com/v2. */
  apiUrl?: string
  /** Folder for task-graph.json, checkpoint.json and report.json. */
  runDir: string
  /** A checkpoint file or run folder to resume from; by default the run folder's own. */
  resumeFrom?: string
  pageSize?: number
  batchSize?: number
  concurrency?: number
  includeSubitems?: boolean
  stagingTable?: string
  targetTable?: string
  typedColumns?: TypedColumn[]
  /** `API-Version` header of the engine client; default the engine's (2026-10). */
  apiVersion?: string
  /** Account plan whose limits the engine plans with; default pro. */
  plan?: Plan
  /** An emulated minute lasts 60 / timeScale seconds (emulator runs); default 1. */
  timeScale?: number
  /**
   * A request function of the caller's (tests); by default one engine client is built for the
   * whole run, so every board shares its complexity budget, rate and concurrency limits.
   */
  request?: MondayRequest
  /** Write a checkpoint after this many batches; default 20. */
  checkpointEveryBatches?: number
  /** Called in addition to the run folder writes (the action uploads artifacts through them). */
  hooks?: Partial<PipelineHooks>
}

/** Runs load-board with artifacts in the run folder; used by the CLI and the action wiring. */
export async function executeLoadBoard(options: ExecuteLoadBoardOptions, io: CliIo): Promise<PipelineReport> {
  if (options.boardIds.length === 0) throw new ConfigError('load-board: give at least one --board ID', '--board')
  for (const id of options.boardIds) {
    if (!/^\d+$/.test(id)) throw new ConfigError(`--board: "${id}" is not a monday board id (digits only)`, '--board')
  }
  const runDir = new RunDirectory(options.runDir)
  const resume = findResumeCheckpoint(runDir, options.resumeFrom)
  if (resume) io.stdout(`Resuming from checkpoint ${resume.sequence} (${resume.at})\n`)
  const tuning = new AdaptiveTuning({ batchSize: options.batchSize ?? 100, concurrency: options.concurrency ?? 8 })
  // One engine client for every board of the run: one budget, one pacing, one set of metrics.
  // Its events feed load-board's own AIMD of batch size and in-flight batches.
  const client = options.request
    ? null
    : createMondayClient({
        url: options.apiUrl ?? 'https://api.monday.com/v2',
        token: options.token,
        ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
        ...(options.plan ? { plan: options.plan } : {}),
        ...(options.timeScale ? { timeScale: options.timeScale } : {}),
        onEvent: event => {
          const outcome = outcomeOfEvent(event)
          if (outcome) tuning.record(outcome)
        }
      })
  const request = options.request ?? client!.request
  const db = await openDatabase(options.databaseUrl, 'DATABASE_URL')
  let lastProgress = 0
  try {
    const report = await runLoadBoard(
      {
        reader: new GraphqlBoardReader(request),
        db,
        ...(client ? { tuning, metrics: () => client.metrics() } : {}),
        hooks: {
          onTaskGraph: async graph => {
            runDir.write('task-graph.json', graph)
            await options.hooks?.onTaskGraph?.(graph)
          },
          onCheckpoint: async checkpoint => {
            runDir.write('checkpoint.json', checkpoint)
            await options.hooks?.onCheckpoint?.(checkpoint)
          },
          onLog: (level, message) => {
            options.hooks?.onLog?.(level, message)
            if (level !== 'debug') io.stderr(`${level}: ${message}\n`)
          },
          onProgress: (progress: Progress) => {
            options.hooks?.onProgress?.(progress)
            const now = Date.now()
            if (now - lastProgress < 1000) return
            lastProgress = now
            io.stdout(progressLine(progress))
          }
        }
      },
      { ...options, resume: resume ?? undefined }
    )
    if (client) report.metrics.batchSizes.push(...tuning.history)
    runDir.write('report.json', report)
    return report
  } finally {
    await db.close()
  }
}

function progressLine(p: Progress): string {
  const eta = p.etaMs === null ? '?' : `${Math.round(p.etaMs / 1000)}s`
  return `  ${p.done}/${p.total} items  ${Math.round(p.itemsPerSecond)} items/s  eta ${eta}\n`
}

/** The final table, one line per board. */
export function reportTable(report: PipelineReport): string {
  const boards = (report.details.boards ?? []) as BoardVerification[]
  const head = ['board', 'items_count', 'walked', 'loaded', 'subitems', 'missing', 'rewalks', 'swapped', 'verified']
  const lines = boards.map(b => [
    b.boardId,
    b.expectedItems ?? '-',
    b.walked,
    b.loaded,
    b.subitems,
    b.missing,
    b.rewalks,
    b.swapped ? 'yes' : 'no',
    b.verified ? 'yes' : 'NO'
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map(l => String(l[i]).length)))
  const fmt = (cells: readonly unknown[]): string => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ')
  const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000)
  const notes = boards.flatMap(b => b.mismatches.map(m => `  board ${b.boardId}: ${m}\n`)).join('')
  return (
    `${fmt(head)}\n${lines.map(fmt).join('\n')}\n` +
    `${report.itemsDone} items loaded, ${report.itemsSkipped} from an earlier attempt, ${report.failures.length} failed ` +
    `request(s), ${Math.round(rate)} items/s, ${(report.durationMs / 1000).toFixed(1)} s\n${metricsLine(report)}${notes}`
  )
}

/** What the engine measured: requests, complexity against the budget, retries and throttled time. */
function metricsLine(report: PipelineReport): string {
  const m = report.metrics
  if (m.budgetPerMinute <= 0) return ''
  const retries = Object.values(m.retries).reduce((n, v) => n + (v ?? 0), 0)
  const throttled = Object.values(m.throttledMs).reduce((n, v) => n + (v ?? 0), 0)
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
  return (
    `${fmt(m.requests)} requests, ${fmt(m.complexityUsed)} complexity points (budget ${fmt(m.budgetPerMinute)}/min), ` +
    `${retries} retries, ${(throttled / 1000).toFixed(1)} s throttled\n`
  )
}

/** `monday-sync load-board`: returns the process exit code (1 when a board is not loaded). */
export async function loadBoardCommand(args: CliArgs, io: CliIo): Promise<number> {
  const options = await loadBoardSettings(args, io.env)
  io.stdout(`Loading board(s) ${options.boardIds.join(', ')} (run folder ${options.runDir})\n`)
  const report = await executeLoadBoard(options, io)
  io.stdout(reportTable(report))
  return report.failures.length > 0 ? 1 : 0
}
