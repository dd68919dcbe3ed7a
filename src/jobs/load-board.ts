import { createMondayClient } from '../adapters/monday/client.js'
import type { DefaultMondayClient } from '../adapters/monday/client-options.js'
import type { Plan } from '../adapters/monday/types.js'
import type { Database, HeldLock } from '../adapters/sql/database.js'
import { openDatabase } from '../adapters/sql/open.js'
import type { PipelineHooks, PipelineReport, Progress } from '../engine/run-types.js'
import { ConfigError, DatabaseError } from '../errors.js'
import type { BoardTarget } from '../pipelines/load-board/board-target.js'
import { GraphqlBoardReader, type MondayRequest, runLoadBoard } from '../pipelines/load-board/index.js'
import { RunDirectory, findResumeCheckpoint } from '../pipelines/load-board/run-dir.js'
import { AdaptiveTuning } from '../pipelines/load-board/tuning.js'
import { type JobOutput, silentOutput, sqlRetryWarning } from './output.js'
import { keepHeapSmall } from '../young-generation.js'
import { etaText, runFolderHooks } from './run-folder-hooks.js'

/** Everything one load-board run needs, resolved from flags (CLI) or inputs (action), configuration and environment. */
export interface LoadBoardJobSettings {
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
  /** Most item reads in flight; default the plan's concurrency limit (the engine's level decides below it). */
  concurrency?: number
  /** Subitems of boards given by id alone (no registry entry); default false. */
  includeSubitems?: boolean
  /** Where each board lands: registry entries, or defaults for boards given by id. */
  targets?: BoardTarget[]
  /** `API-Version` header of the engine client; default the engine's (2026-10). */
  apiVersion?: string
  /** Account plan whose limits the engine plans with; default pro. */
  plan?: Plan
  /** An emulated minute lasts 60 / timeScale seconds (emulator runs); default 1. */
  timeScale?: number
  /** Write a checkpoint after this many batches; default 20. */
  checkpointEveryBatches?: number
}

/** What a load-board job is given rather than builds. */
export interface LoadBoardJobDeps {
  /** Progress lines and warnings; default none. */
  output?: JobOutput
  /**
   * A request function of the caller's (tests); by default one engine client is built for the
   * whole run, so every board shares its complexity budget, rate and concurrency limits.
   */
  request?: MondayRequest
  /** Called in addition to the run folder writes (the action uploads artifacts through them). */
  hooks?: Partial<PipelineHooks>
}

/** Batches written to staging at once (connections of the pool); reads in flight are the engine's. */
const STAGE_WRITERS = 4

/** Runs load-board with its artifacts in the run folder and returns its report. The CLI and the action call this. */
export async function runLoadBoardJob(
  settings: LoadBoardJobSettings,
  deps: LoadBoardJobDeps = {}
): Promise<PipelineReport> {
  checkBoardIds(settings.boardIds)
  keepHeapSmall()
  const output = deps.output ?? silentOutput
  const runDir = new RunDirectory(settings.runDir)
  const resume = findResumeCheckpoint(runDir, settings.resumeFrom)
  if (resume) output.stdout(`Resuming from checkpoint ${resume.sequence} (${resume.at})\n`)
  const events: { tuning?: AdaptiveTuning } = {}
  const client = deps.request ? null : tunedClient(settings, events)
  const tuning = client
    ? new AdaptiveTuning({
        batchSize: settings.batchSize ?? 100,
        // by default the engine's level decides, up to the plan's limit
        concurrency: settings.concurrency ?? client.limits.concurrency,
        serverTimeMs: () => client.serverTimeMs?.('items')
      })
    : undefined
  events.tuning = tuning
  const request = deps.request ?? client!.request
  // a connection per staging writer, the run's own statements, and the held board locks
  const db = await openDatabase(settings.databaseUrl, 'DATABASE_URL', {
    poolMax: STAGE_WRITERS + 3,
    retry: { onRetry: sqlRetryWarning(output) }
  })
  const locks: HeldLock[] = []
  try {
    locks.push(...(await lockBoards(db, settings.boardIds)))
    const report = await runLoadBoard(
      {
        reader: new GraphqlBoardReader(request),
        db,
        ...(client && tuning ? { tuning, metrics: () => client.metrics() } : {}),
        hooks: runFolderHooks({ runDir, output, extra: deps.hooks ?? {}, progressLine })
      },
      { ...settings, stageWriters: STAGE_WRITERS, resume: resume ?? undefined }
    )
    if (tuning) report.metrics.batchSizes.push(...tuning.history)
    runDir.write('report.json', report)
    return report
  } finally {
    for (const lock of locks) await lock.release()
    await db.close()
  }
}

/**
 * One load of a board at a time: two runs of one board would both clear and insert its rows, and
 * the target would hold them twice. The second run stops before reading anything.
 */
async function lockBoards(db: Database, boardIds: readonly string[]): Promise<HeldLock[]> {
  const held: HeldLock[] = []
  for (const id of [...new Set(boardIds)]) {
    const lock = await db.tryLock(`load-board/${id}`)
    if (!lock) {
      for (const other of held) await other.release()
      throw new DatabaseError(
        `board ${id} is being loaded by another run into this database (lock monday-sync/load-board/${id}); ` +
          'run again when that run has ended'
      )
    }
    held.push(lock)
  }
  return held
}

function checkBoardIds(boardIds: readonly string[]): void {
  if (boardIds.length === 0) throw new ConfigError('load-board: give at least one --board ID', '--board')
  for (const id of boardIds) {
    if (!/^\d+$/.test(id)) throw new ConfigError(`--board: "${id}" is not a monday board id (digits only)`, '--board')
  }
}

/**
 * One engine client for every board of the run: one budget, one pacing, one set of metrics.
 * Its events feed load-board's batch size and in-flight batches (`AdaptiveTuning`).
 */
function tunedClient(settings: LoadBoardJobSettings, events: { tuning?: AdaptiveTuning }): DefaultMondayClient {
  return createMondayClient({
    url: settings.apiUrl ?? 'https://api.monday.com/v2',
    token: settings.token,
    ...(settings.apiVersion ? { apiVersion: settings.apiVersion } : {}),
    ...(settings.plan ? { plan: settings.plan } : {}),
    ...(settings.timeScale ? { timeScale: settings.timeScale } : {}),
    onEvent: event => events.tuning?.observe(event)
  })
}

function progressLine(p: Progress): string {
  return `  ${p.done}/${p.total} items  ${Math.round(p.itemsPerSecond)} items/s  eta ${etaText(p)}\n`
}
