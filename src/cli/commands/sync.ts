import { createMondayClient } from '../../adapters/monday/client.js'
import type { MondayClient } from '../../adapters/monday/types.js'
import { openDatabase, redactUrl } from '../../adapters/sql/open.js'
import { loadSyncConfig } from '../../config/load.js'
import { ITEM_MODES, type ItemMode } from '../../config/schema.js'
import type { SyncConfig } from '../../config/types.js'
import type { PipelineHooks, PipelineReport, Progress } from '../../engine/run-types.js'
import { ConfigError } from '../../errors.js'
import { RunDirectory } from '../../pipelines/load-board/run-dir.js'
import { runSync } from '../../pipelines/sync/run.js'
import type { TableStats } from '../../pipelines/sync/sender.js'
import type { SyncCounts } from '../../pipelines/sync/store-types.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

/** Default embedded database of local runs. */
export const DEFAULT_SYNC_DATABASE_URL = 'sqlite:./monday-sync.db'

/** Everything one sync run needs, resolved from flags, configuration and environment. */
export interface ExecuteSyncOptions {
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
  /** A ready client (the action's); by default one is built from url, token, version and plan. */
  client?: MondayClient
  /** Called in addition to the run folder's own hooks (the action wires artifacts and issues here). */
  hooks?: Partial<PipelineHooks>
}

/** Runs sync with artifacts in the run folder; used by the CLI and the action wiring. */
export async function executeSync(options: ExecuteSyncOptions, io: CliIo): Promise<PipelineReport> {
  const { config } = options
  const runDir = new RunDirectory(options.runDir)
  const client =
    options.client ??
    createMondayClient({
      url: options.apiUrl ?? 'https://api.monday.com/v2',
      token: options.token,
      ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}),
      ...(config.plan ? { plan: config.plan } : {}),
      ...(options.timeScale ? { timeScale: options.timeScale } : {})
    })
  const db = await openDatabase(options.databaseUrl, `environments.${config.environment}.database_url`)
  const extra = options.hooks ?? {}
  let lastProgress = 0
  const hooks: PipelineHooks = {
    onTaskGraph: async graph => {
      runDir.write('task-graph.json', graph)
      await extra.onTaskGraph?.(graph)
    },
    onCheckpoint: async checkpoint => {
      runDir.write('checkpoint.json', checkpoint)
      await extra.onCheckpoint?.(checkpoint)
    },
    onLog: (level, message) => {
      if (level !== 'debug') io.stderr(`${level}: ${message}\n`)
      extra.onLog?.(level, message)
    },
    onProgress: (progress: Progress) => {
      extra.onProgress?.(progress)
      const now = Date.now()
      if (now - lastProgress < 1000 && progress.done < progress.total) return
      lastProgress = now
      io.stdout(progressLine(progress))
    }
  }
  try {
    const report = await runSync(
      { client, db, hooks },
      { config, ...(options.itemMode ? { itemMode: options.itemMode } : {}), dryRun: options.dryRun ?? false }
    )
    runDir.write('report.json', report)
    return report
  } finally {
    await db.close()
  }
}

function progressLine(p: Progress): string {
  const eta = p.etaMs === null ? '?' : `${Math.round(p.etaMs / 1000)}s`
  return `  ${p.done}/${p.total} rows  ${Math.round(p.itemsPerSecond)} items/s  eta ${eta}  failed ${p.failed}\n`
}

/** The final table: one line per table, then totals. */
export function syncReportTable(report: PipelineReport): string {
  const d = report.details as {
    orders?: TableStats
    lines?: TableStats
    plan?: Record<string, unknown>
    mode?: string
    remaining?: SyncCounts
  }
  if (report.dryRun) {
    return `dry run: nothing was changed\n${JSON.stringify(d.plan ?? {}, null, 2)}\n`
  }
  const head = ['rows', 'created', 'adopted', 'failed', 'released']
  const rows = (['orders', 'lines'] as const).map(name => {
    const s = d[name] ?? { created: 0, adopted: 0, failed: 0, released: 0 }
    return [name === 'orders' ? 'orders (items)' : 'lines (subitems)', s.created, s.adopted, s.failed, s.released]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)))
  const fmt = (cells: readonly unknown[]): string => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ')
  const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000)
  const left = d.remaining
  const waiting =
    left && left.pendingOrders + left.pendingLines + left.inProgressOrders + left.inProgressLines > 0
      ? `still pending: ${left.pendingOrders} orders, ${left.pendingLines} lines ` +
        `(${left.inProgressOrders + left.inProgressLines} in progress, reconciled by the next run)\n`
      : ''
  return (
    `${fmt(head)}\n${rows.map(fmt).join('\n')}\n` +
    `mode ${d.mode ?? '?'}: ${report.itemsDone} created, ${report.itemsSkipped} adopted from an earlier run, ` +
    `${report.itemsFailed} failed, ${report.metrics.requests} requests, ${Math.round(rate)} items/s, ` +
    `${(report.durationMs / 1000).toFixed(1)} s\n` +
    waiting
  )
}

/** Resolves flags, configuration and environment into the options of executeSync. */
export function syncSettings(
  args: CliArgs,
  env: Record<string, string | undefined>,
  now = new Date()
): ExecuteSyncOptions {
  if (!args.config)
    throw new ConfigError('sync: --config FILE is required (e.g. configs/pipelines/sync_order_list.toml)', '--config')
  const token = env.MONDAY_API_TOKEN
  if (!token) throw new ConfigError('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN')
  if (args.itemMode !== undefined && !(ITEM_MODES as readonly string[]).includes(args.itemMode)) {
    throw new ConfigError(`--item-mode must be one of ${ITEM_MODES.join(', ')}; got "${args.itemMode}"`, '--item-mode')
  }
  const config = loadSyncConfig(args.config, { environment: args.environment, env })
  const scale = env.MONDAY_SYNC_TIME_SCALE
  if (scale !== undefined && scale !== '' && !(Number(scale) > 0)) {
    throw new ConfigError(`MONDAY_SYNC_TIME_SCALE must be a positive number; got "${scale}"`, 'MONDAY_SYNC_TIME_SCALE')
  }
  return {
    config,
    token,
    apiUrl: env.MONDAY_API_URL || undefined,
    databaseUrl: env.DATABASE_URL || config.databaseUrl || DEFAULT_SYNC_DATABASE_URL,
    runDir: args.runDir ?? `.runs/sync-${now.toISOString().replace(/[:.]/g, '-')}`,
    ...(args.itemMode ? { itemMode: args.itemMode as ItemMode } : {}),
    dryRun: args.dryRun,
    ...(scale ? { timeScale: Number(scale) } : {})
  }
}

/** `monday-sync sync`: returns the process exit code (1 when some row failed). */
export async function syncCommand(args: CliArgs, io: CliIo): Promise<number> {
  const options = syncSettings(args, io.env)
  const mode = options.itemMode ?? options.config.batch.itemMode
  io.stdout(
    `Syncing ${options.config.orders.table} to board ${options.config.boardId} (${options.config.environment}, ` +
      `${mode}${options.dryRun ? ', dry run' : ''}) from ${redactUrl(options.databaseUrl)}; run folder ${options.runDir}\n`
  )
  const report = await executeSync(options, io)
  io.stdout(syncReportTable(report))
  return report.itemsFailed > 0 || report.failures.length > 0 ? 1 : 0
}
