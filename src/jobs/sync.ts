import { createMondayClient } from '../adapters/monday/client.js'
import type { MondayClient } from '../adapters/monday/types.js'
import { openDatabase } from '../adapters/sql/open.js'
import type { ItemMode } from '../config/schema.js'
import type { SyncConfig } from '../config/types.js'
import { inFlightShort } from '../engine/control-text.js'
import type { PipelineHooks, PipelineReport, Progress } from '../engine/run-types.js'
import { RunDirectory } from '../pipelines/load-board/run-dir.js'
import { DEFAULT_LEASE_MS } from '../pipelines/sync/claims.js'
import { runSync } from '../pipelines/sync/run.js'
import { type JobOutput, silentOutput, sqlRetryWarning } from './output.js'
import { etaText, runFolderHooks } from './run-folder-hooks.js'

/** Everything one sync run needs, resolved from flags (CLI) or inputs (action), configuration and environment. */
export interface SyncJobSettings {
  config: SyncConfig
  /** monday API token (never printed, never in artifacts). */
  token: string
  /** Default https://api.monday.com/v2. */
  apiUrl?: string
  /** `sqlite:<path>` or `mssql://…`; the password never reaches output. */
  databaseUrl: string
  /** Folder for task-graph.json, checkpoint.json and report.json. */
  runDir: string
  /** Overrides the file's `batch.item_mode`. */
  itemMode?: ItemMode
  dryRun?: boolean
  /** An emulated minute lasts 60 / timeScale seconds (emulator runs); default 1. */
  timeScale?: number
}

/** What a sync job is given rather than builds. */
export interface SyncJobDeps {
  /** Progress lines and warnings; default none. */
  output?: JobOutput
  /** A ready client; by default one is built from url, token, version and plan. */
  client?: MondayClient
  /** Called in addition to the run folder's own hooks (the action wires artifacts and issues here). */
  hooks?: Partial<PipelineHooks>
}

/** Runs sync with its artifacts in the run folder and returns its report. The CLI and the action call this. */
export async function runSyncJob(settings: SyncJobSettings, deps: SyncJobDeps = {}): Promise<PipelineReport> {
  const { config } = settings
  const runDir = new RunDirectory(settings.runDir)
  const client = deps.client ?? syncClient(settings)
  // a connection per request in flight, plus the reads and claims between them
  const db = await openDatabase(settings.databaseUrl, `environments.${config.environment}.database_url`, {
    poolMax: config.batch.concurrency + 2,
    retry: { onRetry: sqlRetryWarning(deps.output ?? silentOutput) }
  })
  const hooks = runFolderHooks({ runDir, output: deps.output ?? silentOutput, extra: deps.hooks ?? {}, progressLine })
  try {
    const report = await runSync(
      { client, db, hooks },
      {
        config,
        ...(settings.itemMode ? { itemMode: settings.itemMode } : {}),
        dryRun: settings.dryRun ?? false,
        // a claim outlives the longest request the engine allows, in the emulator's time too
        leaseMs: DEFAULT_LEASE_MS / (settings.timeScale ?? 1)
      }
    )
    runDir.write('report.json', report)
    return report
  } finally {
    await db.close()
  }
}

/** The engine client of a sync run, with the configuration's API version and plan. */
function syncClient(settings: SyncJobSettings): MondayClient {
  const { config } = settings
  return createMondayClient({
    url: settings.apiUrl ?? 'https://api.monday.com/v2',
    token: settings.token,
    ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}),
    ...(config.plan ? { plan: config.plan } : {}),
    initialConcurrency: config.batch.concurrency,
    ...(settings.timeScale ? { timeScale: settings.timeScale } : {})
  })
}

function progressLine(p: Progress): string {
  const inFlight = p.inFlight ? `  ${inFlightShort(p.inFlight)}` : ''
  return `  ${p.done}/${p.total} rows  ${Math.round(p.itemsPerSecond)} items/s  eta ${etaText(p)}  failed ${p.failed}${inFlight}\n`
}
