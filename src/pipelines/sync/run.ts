import type { MondayClient } from '../../adapters/monday/types.js'
import type { Database } from '../../adapters/sql/database.js'
import { type Clock, systemClock } from '../../engine/clock.js'
import type { FailedBatch, PipelineHooks, PipelineReport } from '../../engine/run-types.js'
import { randomUUID } from 'node:crypto'
import { archiveRemoved } from './archiver.js'
import { noteWaitingLines } from './counts.js'
import { BoardContext } from './board.js'
import { DEFAULT_LEASE_MS, RunClaim } from './claims.js'
import { dryRunPlan } from './dry-run.js'
import { runPhases } from './phase.js'
import { planSync, startingBatchSizes, syncTaskGraph } from './plan.js'
import { SyncProgress } from './progress.js'
import { reconcileRows } from './reconcile.js'
import { emptyStats, type SenderContext, type TableStats } from './context.js'
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

/** FAILED orders whose pending lines are listed in the report (the count covers all). */
const WAITING_LISTED = 20

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
    const plan = await dryRunPlan(
      {
        client: deps.client,
        boardId: config.boardId,
        itemsKeyColumn: config.items.syncKeyColumn,
        subitemsKeyColumn: config.subitems.syncKeyColumn
      },
      store,
      board,
      options,
      mode,
      counts
    )
    await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())))
    return report({ clock, started, dryRun: true, stats, failures, checkpoints: 0, deps, details: { plan } })
  }
  const plan = planSync(config, mode, counts, startingBatchSizes(mode, config.batch, deps.client))
  await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())))
  const total = counts.pendingOrders + counts.pendingLines + counts.inProgressOrders + counts.inProgressLines
  const progress = new SyncProgress(clock, hooks, stats, total, config.batch.checkpointEveryBatches, () =>
    deps.client.inFlight?.()
  )
  const claim = new RunClaim(options.runId ?? randomUUID(), options.leaseMs ?? DEFAULT_LEASE_MS)
  const ctx: SenderContext = {
    client: deps.client,
    store,
    clock,
    claim,
    stamp: () => ({ text: claim.text(clock.now()), pattern: claim.pattern }),
    boardId: config.boardId,
    subitemsBoardId: board.subitemsBoardId,
    deletedItems: config.deletedItems ?? 'recreate',
    itemsKeyColumn: config.items.syncKeyColumn,
    subitemsKeyColumn: config.subitems.syncKeyColumn,
    stats,
    created: new Set(),
    failures,
    stop: { reason: null },
    log
  }
  try {
    await reconcile(ctx, counts.inProgressOrders + counts.inProgressLines > 0)
    await runPhases(ctx, options, mode, board, progress)
    await progress.checkpoint(false)
    for (const table of ['lines', 'orders'] as const) {
      await archiveRemoved(ctx, table, config.batch.pageSize, config.batch.maxBatchSize)
    }
  } finally {
    // rows this run still holds have an unknown outcome: the next run reconciles them at once
    const left = await store.endClaims(ctx.stamp(), claim.ended(clock.now()))
    if (left > 0) log('warning', `${left} row(s) left in progress for the next run to reconcile`)
  }
  if (ctx.stop.reason) log('warning', `stopped early: ${ctx.stop.reason}`)
  progress.phase = 'done'
  progress.report()
  await progress.checkpoint(true)
  const remaining = await store.counts()
  const details = {
    plan,
    mode,
    groupsCreated: board.groupsCreated,
    /** Groups whose create_group was cut and that were found on the board afterwards. */
    groupsAdopted: board.groupsAdopted,
    batches: progress.batches,
    orders: stats.orders,
    lines: stats.lines,
    stoppedBecause: ctx.stop.reason,
    /** Rows still pending or in progress: lines of orders that failed, rows to send again. */
    remaining,
    /** Pending lines whose order FAILED: they sync once the order is fixed and set back to pending. */
    waiting: { lines: remaining.waitingLines ?? 0, orders: await store.waitingOrders(WAITING_LISTED) }
  }
  noteWaitingLines(failures, details.waiting.orders)
  return report({ clock, started, dryRun: false, stats, failures, checkpoints: progress.checkpoints, deps, details })
}

/**
 * Rows an earlier run left in progress: adopted when their item exists, else released. Only claims
 * whose lease expired or whose run ended are taken over; a live run's rows are left to it.
 */
async function reconcile(ctx: SenderContext, any: boolean): Promise<void> {
  if (!any) return
  const { store, claim, clock } = ctx
  const reclaimable = (text: string | null | undefined): boolean => claim.reclaimable(text ?? null, clock.now())
  for (const table of ['orders', 'lines'] as const) {
    const rows = table === 'orders' ? await store.inProgressOrders() : await store.inProgressLines()
    const candidates = rows.filter(r => reclaimable(r.claim))
    const held =
      candidates.length === 0
        ? new Set<string>()
        : await store.takeOver(
            table,
            candidates.map(r => r.rawKey),
            ctx.stamp(),
            reclaimable
          )
    const mine = candidates.filter(r => held.has(r.key))
    if (rows.length > mine.length) {
      ctx.log('info', `${rows.length - mine.length} ${table} in progress are held by a live run; left to it`)
    }
    const result = await reconcileRows(ctx, table, mine)
    ctx.stats[table].adopted += result.adopted
    ctx.stats[table].released += result.released
    if (mine.length > 0)
      ctx.log('info', `reconciled ${mine.length} ${table}: ${result.adopted} adopted, ${result.released} to send again`)
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
    itemsDone: done(orders) + done(lines),
    itemsFailed: orders.failed + lines.failed,
    itemsSkipped: orders.adopted + lines.adopted,
    failures: r.failures,
    checkpoints: r.checkpoints,
    metrics: r.deps.client.metrics(),
    details: r.details
  }
}

/** Items written this run: created, updated (moves included), created again, archived. */
const done = (s: TableStats): number => s.created + s.updated + s.recreated + s.archived

function requireDb(db: Database | undefined): Database {
  if (!db) throw new TypeError('runSync: deps.db or deps.store is required')
  return db
}
