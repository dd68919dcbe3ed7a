import type { MondayClient } from '../../adapters/monday/types.js'
import type { Database } from '../../adapters/sql/database.js'
import { type Clock, systemClock } from '../../engine/clock.js'
import type { FailedBatch, PipelineHooks, PipelineReport } from '../../engine/run-types.js'
import { BoardContext } from './board.js'
import { dryRunPlan, runPhase } from './phase.js'
import { planSync, syncTaskGraph } from './plan.js'
import { SyncProgress } from './progress.js'
import { reconcileRows } from './reconcile.js'
import type { SenderContext, TableStats } from './sender.js'
import type { SyncOptions } from './options.js'
import { checkSourceColumns, checkWritableColumns } from './source-check.js'
import { SqlSyncStore, type SyncStore, type SyncTable } from './store.js'

export type { SyncOptions }

/** What runSync is given. */
export interface SyncDeps {
  client: MondayClient
  /** The database of the source tables (used when `store` is not given). */
  db?: Database
  store?: SyncStore
  clock?: Clock
  hooks?: PipelineHooks
}

const emptyStats = (): TableStats => ({ created: 0, adopted: 0, failed: 0, released: 0 })

/**
 * Pending orders become items (in their groups) and their lines subitems, exactly once: rows left
 * in progress by an earlier run are reconciled first, every batch is claimed before it is sent and
 * written back only after monday confirmed, in one transaction.
 */
export async function runSync(deps: SyncDeps, options: SyncOptions): Promise<PipelineReport> {
  const clock = deps.clock ?? systemClock
  const started = clock.now()
  const { config } = options
  const mode = options.itemMode ?? config.batch.itemMode
  const hooks = deps.hooks ?? {}
  const log = (level: 'debug' | 'info' | 'warning', message: string): void => hooks.onLog?.(level, message)
  if (!deps.store) {
    await checkSourceColumns(requireDb(deps.db), config)
    await checkWritableColumns(requireDb(deps.db), config)
  }
  const store = deps.store ?? new SqlSyncStore(requireDb(deps.db), config)
  const board = new BoardContext(deps.client, config.boardId)
  const counts = await store.counts()
  await board.load(config.items, config.subitems)
  const stats: Record<SyncTable, TableStats> = { orders: emptyStats(), lines: emptyStats() }
  const failures: FailedBatch[] = []
  if (options.dryRun) {
    const plan = await dryRunPlan(store, board, options, mode, counts)
    await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())))
    return report({ clock, started, dryRun: true, stats, failures, checkpoints: 0, deps, details: { plan } })
  }
  const plan = planSync(config, mode, counts)
  await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())))
  const total = counts.pendingOrders + counts.pendingLines + counts.inProgressOrders + counts.inProgressLines
  const progress = new SyncProgress(clock, hooks, stats, total, config.batch.checkpointEveryBatches)
  const ctx: SenderContext = {
    client: deps.client,
    store,
    boardId: config.boardId,
    itemsKeyColumn: config.items.syncKeyColumn,
    subitemsKeyColumn: config.subitems.syncKeyColumn,
    stats,
    failures,
    stop: { reason: null },
    log
  }
  await reconcile(ctx, store, counts.inProgressOrders + counts.inProgressLines > 0)
  for (const table of ['orders', 'lines'] as const) {
    progress.phase = table === 'orders' ? 'items' : 'subitems'
    await runPhase(ctx, options, mode, board, table, progress)
    await progress.checkpoint(false)
  }
  if (ctx.stop.reason) log('warning', `stopped early: ${ctx.stop.reason}`)
  progress.phase = 'done'
  progress.report()
  await progress.checkpoint(true)
  const details = {
    plan,
    mode,
    groupsCreated: board.groupsCreated,
    batches: progress.batches,
    orders: stats.orders,
    lines: stats.lines,
    stoppedBecause: ctx.stop.reason,
    /** Rows still pending or in progress: lines of orders that failed, rows to send again. */
    remaining: await store.counts()
  }
  return report({ clock, started, dryRun: false, stats, failures, checkpoints: progress.checkpoints, deps, details })
}

/** Rows an earlier run left in progress: adopted when their item exists, else released. */
async function reconcile(ctx: SenderContext, store: SyncStore, any: boolean): Promise<void> {
  if (!any) return
  for (const table of ['orders', 'lines'] as const) {
    const rows = table === 'orders' ? await store.inProgressOrders() : await store.inProgressLines()
    const result = await reconcileRows(ctx, table, rows)
    ctx.stats[table].adopted += result.adopted
    ctx.stats[table].released += result.released
    if (rows.length > 0)
      ctx.log('info', `reconciled ${rows.length} ${table}: ${result.adopted} adopted, ${result.released} to send again`)
  }
}

function report(r: {
  clock: Clock
  started: number
  dryRun: boolean
  stats: Record<SyncTable, TableStats>
  failures: FailedBatch[]
  checkpoints: number
  deps: SyncDeps
  details: Record<string, unknown>
}): PipelineReport {
  const finished = r.clock.now()
  const { orders, lines } = r.stats
  return {
    pipeline: 'sync',
    dryRun: r.dryRun,
    startedAt: new Date(r.started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - r.started,
    itemsDone: orders.created + lines.created,
    itemsFailed: orders.failed + lines.failed,
    itemsSkipped: orders.adopted + lines.adopted,
    failures: r.failures,
    checkpoints: r.checkpoints,
    metrics: r.deps.client.metrics(),
    details: r.details
  }
}

function requireDb(db: Database | undefined): Database {
  if (!db) throw new TypeError('runSync: deps.db or deps.store is required')
  return db
}
