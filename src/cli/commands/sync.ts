import { redactUrl } from '../../adapters/sql/open.js'
import { ITEM_MODES, type ItemMode } from '../../config/schema.js'
import { inFlightText, serverTimesText } from '../../engine/control-text.js'
import type { PipelineReport } from '../../engine/run-types.js'
import { ConfigError } from '../../errors.js'
import type { JobEnv } from '../../jobs/output.js'
import { type SyncJobSettings, runSyncJob } from '../../jobs/sync.js'
import { syncJobSettings } from '../../jobs/sync-settings.js'
import type { TableStats } from '../../pipelines/sync/context.js'
import type { SyncCounts, WaitingOrder } from '../../pipelines/sync/store-types.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

/** The columns of the final table, in order. */
const COUNTS = ['created', 'updated', 'moved', 'archived', 'adopted', 'recreated', 'failed', 'released'] as const

/** The final table: one line per table, then totals, then what is left and why. */
export function syncReportTable(report: PipelineReport): string {
  const d = report.details as {
    orders?: Partial<TableStats>
    lines?: Partial<TableStats>
    plan?: Record<string, unknown>
    mode?: string
    remaining?: SyncCounts
    waiting?: { lines: number; orders: WaitingOrder[] }
  }
  if (report.dryRun) {
    return `dry run: nothing was changed\n${JSON.stringify(d.plan ?? {}, null, 2)}\n`
  }
  const head = ['rows', ...COUNTS]
  const rows = (['orders', 'lines'] as const).map(name => [
    name === 'orders' ? 'orders (items)' : 'lines (subitems)',
    ...COUNTS.map(c => d[name]?.[c] ?? 0)
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)))
  const fmt = (cells: readonly unknown[]): string => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ')
  const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000)
  return (
    `${fmt(head)}\n${rows.map(fmt).join('\n')}\n` +
    `mode ${d.mode ?? '?'}: ${report.itemsDone} written, ${report.itemsSkipped} adopted, ` +
    `${report.itemsFailed} failed, ${report.metrics.requests} requests, ${Math.round(rate)} items/s, ` +
    `${(report.durationMs / 1000).toFixed(1)} s\n` +
    controlLines(report) +
    leftLines(d.remaining, d.waiting)
  )
}

/** The engine's control loop: requests in flight and what set them, server time per operation. */
function controlLines(report: PipelineReport): string {
  const inFlight = inFlightText(report.metrics.inFlight)
  const times = serverTimesText(report.metrics.serverTimes)
  return (
    (inFlight ? `requests in flight: ${inFlight}\n` : '') +
    (times ? `server time per operation (p50 / p90): ${times}\n` : '')
  )
}

/** What the run left: lines waiting for a FAILED order (with its reason), rows to send again. */
function leftLines(
  left: SyncCounts | undefined,
  waiting: { lines: number; orders: WaitingOrder[] } | undefined
): string {
  let out = ''
  if (waiting && waiting.lines > 0) {
    out +=
      `${waiting.lines} line(s) wait for their FAILED order; they sync once the order is fixed and set back to pending:\n` +
      waiting.orders.map(o => `  order ${o.orderKey}: ${o.lines} line(s); the order failed: ${o.reason}\n`).join('')
  }
  if (!left) return out
  const lines = left.pendingLines - (left.waitingLines ?? 0)
  const inProgress = left.inProgressOrders + left.inProgressLines
  if (left.pendingOrders + lines > 0) {
    out += `still pending: ${left.pendingOrders} order(s), ${lines} line(s) (run again to send them)\n`
  }
  if (inProgress > 0) {
    out += `${inProgress} row(s) in progress: held by a run still going, or looked up by the next run\n`
  }
  return out
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
