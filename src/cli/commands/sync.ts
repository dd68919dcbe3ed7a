import { redactUrl } from '../../adapters/sql/open.js'
import { ITEM_MODES, type ItemMode } from '../../config/schema.js'
import type { PipelineReport } from '../../engine/run-types.js'
import { ConfigError } from '../../errors.js'
import type { JobEnv } from '../../jobs/output.js'
import { type SyncJobSettings, runSyncJob } from '../../jobs/sync.js'
import { syncJobSettings } from '../../jobs/sync-settings.js'
import type { TableStats } from '../../pipelines/sync/sender.js'
import type { SyncCounts } from '../../pipelines/sync/store-types.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

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

/** Resolves flags, configuration and environment into the settings of a sync job. */
export function syncSettings(args: CliArgs, env: JobEnv, now = new Date()): SyncJobSettings {
  if (!args.config)
    throw new ConfigError('sync: --config FILE is required (e.g. configs/pipelines/sync_order_list.toml)', '--config')
  if (args.itemMode !== undefined && !(ITEM_MODES as readonly string[]).includes(args.itemMode)) {
    throw new ConfigError(`--item-mode must be one of ${ITEM_MODES.join(', ')}; got "${args.itemMode}"`, '--item-mode')
  }
  return syncJobSettings(
    {
      config: args.config,
      environment: args.environment,
      ...(args.itemMode ? { itemMode: args.itemMode as ItemMode } : {}),
      dryRun: args.dryRun,
      runDir: args.runDir ?? `.runs/sync-${now.toISOString().replace(/[:.]/g, '-')}`
    },
    env
  )
}

/** `monday-sync sync`: returns the process exit code (1 when some row failed). */
export async function syncCommand(args: CliArgs, io: CliIo): Promise<number> {
  const options = syncSettings(args, io.env)
  const mode = options.itemMode ?? options.config.batch.itemMode
  io.stdout(
    `Syncing ${options.config.orders.table} to board ${options.config.boardId} (${options.config.environment}, ` +
      `${mode}${options.dryRun ? ', dry run' : ''}) from ${redactUrl(options.databaseUrl)}; run folder ${options.runDir}\n`
  )
  const report = await runSyncJob(options, { output: io })
  io.stdout(syncReportTable(report))
  return report.itemsFailed > 0 || report.failures.length > 0 ? 1 : 0
}
