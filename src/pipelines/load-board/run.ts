import type { Database } from '../../adapters/sql/database.js'
import { SqlStagingStore, type StagingStore } from '../../adapters/sql/staging-store.js'
import { type Clock, systemClock } from '../../engine/clock.js'
import type { MetricsSnapshot, PipelineHooks, PipelineReport, TaskGraph } from '../../engine/run-types.js'
import { BoardLoad, type BoardLoadContext, type BoardOutcome } from './board-load.js'
import { type BoardTarget, defaultTarget } from './board-target.js'
import { type PreparedBoard, describe, prepareBoard, unloaded } from './board-prepare.js'
import { Checkpointer } from './checkpointer.js'
import { MeteredReader } from './metrics.js'
import type { BoardReader } from './reader.js'
import { type BoardState, initialBoardState, parseLoadBoardState } from './state.js'
import { type BoardVerification, verifyBoard } from './verify.js'

/** What runLoadBoard is given. */
export interface LoadBoardDeps {
  /** monday reads, through the engine (one reader for all boards: they share its budget). */
  reader: BoardReader
  /** The database of the staging and target tables (used when `store` is not given). */
  db?: Database
  store?: StagingStore
  clock?: Clock
  hooks?: PipelineHooks
  /**
   * The engine's metrics, when it measures: its requests, complexity, budget, retries, throttling
   * and batch sizes replace the pipeline's own counts; items and throughput stay the pipeline's
   * (items staged, not items asked for).
   */
  metrics?: () => MetricsSnapshot
  /** The engine's adaptive batch size and concurrency; they override the fixed options. */
  tuning?: { batchSize(): number; concurrency(): number }
}

/** Settings of a load; all but `boardIds` have defaults. */
export interface LoadBoardOptions {
  boardIds: readonly string[]
  /** Ids per walk page; default and maximum 500 [IP]. */
  pageSize?: number
  /** Ids per `items(ids:)` request; default and maximum 100 [ITEMS]. */
  batchSize?: number
  /** Batch requests in flight when no engine tunes them (`deps.tuning`); default 8. */
  concurrency?: number
  /** Batches written to staging at once; default 2. A read waits while this many wait to be written. */
  stageWriters?: number
  /** Subitems of boards without a target of their own; default false. */
  includeSubitems?: boolean
  /** Where each board lands (registry entries); boards not listed get `defaultTarget`. */
  targets?: readonly BoardTarget[]
  /** A load-board checkpoint (or its `state`) to resume from. */
  resume?: unknown
  /** Write a checkpoint after this many batches; default 20. */
  checkpointEveryBatches?: number
  /** ...or when this many milliseconds passed since the last; default 10 000. */
  checkpointIntervalMs?: number
  /** Walk restarts after cursor expiry before a board fails; default 3. */
  maxRewalks?: number
}

function resumeState(resume: unknown): BoardState[] {
  if (resume === undefined || resume === null) return []
  const state = (resume as { pipeline?: unknown; state?: unknown }).pipeline
    ? (resume as { state: unknown }).state
    : resume
  return parseLoadBoardState(state).boards
}

function taskGraph(states: readonly BoardState[], clock: Clock): TaskGraph {
  return {
    pipeline: 'load-board',
    createdAt: new Date(clock.now()).toISOString(),
    boardIds: states.map(s => s.boardId),
    nodes: states.flatMap(s => {
      const items = s.expectedItems ?? 0
      return [
        { id: `walk:${s.boardId}`, kind: 'walk', items, dependsOn: [] },
        { id: `fetch:${s.boardId}`, kind: 'fetch_items', items, dependsOn: [`walk:${s.boardId}`] },
        { id: `swap:${s.boardId}`, kind: 'swap', items, dependsOn: [`fetch:${s.boardId}`] }
      ]
    })
  }
}

/**
 * Loads whole boards into the staging table, then replaces each board's target rows in one
 * transaction. Boards run one after the other through the same reader (one engine, one budget);
 * within a board the id walk and the batch fetches overlap.
 */
export async function runLoadBoard(deps: LoadBoardDeps, options: LoadBoardOptions): Promise<PipelineReport> {
  const clock = deps.clock ?? systemClock
  const started = clock.now()
  const store = deps.store ?? new SqlStagingStore(requireDb(deps.db))
  const targets = new Map((options.targets ?? []).map(t => [t.boardId, t]))
  const targetOf = (id: string): BoardTarget => targets.get(id) ?? defaultTarget(id, options.includeSubitems ?? false)
  const metered = new MeteredReader(deps.reader, clock)
  const log = deps.hooks?.onLog?.bind(deps.hooks) ?? ((): void => undefined)
  const resumed = new Map(resumeState(options.resume).map(s => [s.boardId, s]))
  const states = [...new Set(options.boardIds)].map(id => resumed.get(id) ?? initialBoardState(id))
  const loads = new Map<string, BoardLoad>()
  const checkpointer = new Checkpointer({
    clock,
    hooks: deps.hooks,
    everyBatches: options.checkpointEveryBatches ?? 20,
    intervalMs: options.checkpointIntervalMs ?? 10_000,
    sequenceFrom: (options.resume as { sequence?: number } | undefined)?.sequence ?? 0,
    state: () => states.map(s => ({ ...s, pendingIds: loads.get(s.boardId)?.pendingIds() ?? s.pendingIds }))
  })
  const fixedBatch = Math.min(100, Math.max(1, options.batchSize ?? 100))
  const fixedConcurrency = Math.max(1, options.concurrency ?? 8)
  const ctx: BoardLoadContext = {
    reader: metered,
    store,
    clock,
    pageSize: Math.min(500, Math.max(1, options.pageSize ?? 500)),
    batchSize: () => Math.min(fixedBatch, deps.tuning?.batchSize() ?? fixedBatch),
    concurrency: () => deps.tuning?.concurrency() ?? fixedConcurrency,
    stageWriters: Math.max(1, options.stageWriters ?? 2),
    maxRewalks: options.maxRewalks ?? 3,
    log,
    progress: async () => {
      const done = states.reduce((n, s) => n + s.itemsStaged, 0)
      const total = states.reduce((n, s) => n + Math.max(s.expectedItems ?? 0, s.harvested), 0)
      const rate = done / Math.max(0.001, (clock.now() - started) / 1000)
      deps.hooks?.onProgress?.({
        done,
        total,
        failed: 0,
        itemsPerSecond: rate,
        etaMs: rate > 0 ? ((total - done) / rate) * 1000 : null
      })
      await checkpointer.maybe()
    }
  }

  await store.prepare()
  const legacy = await legacyNotes(store, states, targetOf, log)
  await countItems(metered, states, log)
  await deps.hooks?.onTaskGraph?.(taskGraph(states, clock))
  const outcomes: BoardOutcome[] = []
  const details: BoardVerification[] = []
  for (const [i, state] of states.entries()) {
    const target = targetOf(state.boardId)
    const prepared = await prepareBoard(ctx, target, state, resumed.has(state.boardId))
    if ('failure' in prepared) {
      outcomes.push(prepared.failure)
      details.push(unloaded(target, state, prepared.failure))
      continue
    }
    // a layout change since the checkpoint restarts the board: its staged rows have other columns
    if (prepared.restarted) states[i] = prepared.state
    const outcome = await loadBoard(ctx, prepared, loads)
    await checkpointer.write(false)
    const verification = await verifyBoard(store, prepared.state, outcome, log)
    details.push({ ...verification, ...describe(target, prepared.plan), ...legacy.get(state.boardId) })
    await checkpointer.write(false)
    outcomes.push(outcome)
  }
  await checkpointer.write(true)
  const finished = clock.now()
  return {
    pipeline: 'load-board',
    dryRun: false,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    itemsDone: outcomes.reduce((n, o) => n + o.itemsStaged - o.itemsSkipped, 0),
    itemsFailed: outcomes.reduce((n, o) => n + o.failures.reduce((m, f) => m + f.rowKeys.length, 0), 0),
    itemsSkipped: outcomes.reduce((n, o) => n + o.itemsSkipped, 0),
    failures: outcomes.flatMap(o => o.failures),
    checkpoints: checkpointer.count,
    metrics: mergeMetrics(metered.snapshot(), deps.metrics?.()),
    details: { boards: details, verified: details.every(d => d.verified === true) }
  }
}

async function loadBoard(
  ctx: BoardLoadContext,
  prepared: PreparedBoard,
  loads: Map<string, BoardLoad>
): Promise<BoardOutcome> {
  const { state, plan, resumed } = prepared
  if (state.swapped) {
    const counts = await ctx.store.countTarget(state.boardId)
    return {
      boardId: state.boardId,
      itemsStaged: counts.items,
      subitemsStaged: counts.subitems,
      itemsSkipped: counts.items,
      missing: 0,
      failures: [],
      swapped: true
    }
  }
  const staged = resumed ? await ctx.store.stagedItemIds(state.boardId) : new Set<string>()
  const load = new BoardLoad(ctx, state, staged, plan.columns, plan.valueColumns)
  loads.set(state.boardId, load)
  return await load.run()
}

/**
 * Boards whose rows the generic table of earlier versions (`monday_items`) still holds: those rows
 * are no longer updated, and nothing deletes them. Said once per board in the log and the report.
 */
async function legacyNotes(
  store: StagingStore,
  states: readonly BoardState[],
  targetOf: (id: string) => BoardTarget,
  log: BoardLoadContext['log']
): Promise<Map<string, Pick<BoardVerification, 'legacy'>>> {
  const found = await store.legacyRows?.(states.map(s => s.boardId))
  const notes = new Map<string, Pick<BoardVerification, 'legacy'>>()
  for (const [boardId, rows] of found?.rows ?? []) {
    const table = found!.table
    log(
      'warning',
      `board ${boardId}: ${table} (the generic table of earlier versions) still holds ${rows} of its rows; ` +
        `they are no longer updated: this load writes ${targetOf(boardId).table} ` +
        `(docs/load-board.md, "Moving from monday_items")`
    )
    notes.set(boardId, { legacy: { table, rows } })
  }
  return notes
}

/** Fills `expectedItems` for the task graph; the walk's first page refreshes it. */
async function countItems(reader: MeteredReader, states: BoardState[], log: BoardLoadContext['log']): Promise<void> {
  const unknown = states.filter(s => s.expectedItems === null && !s.swapped).map(s => s.boardId)
  if (unknown.length === 0) return
  try {
    const counts = await reader.itemsCounts(unknown)
    for (const state of states) state.expectedItems = counts.get(state.boardId) ?? state.expectedItems
  } catch (e) {
    log('warning', `items_count not available for the task graph: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** The pipeline's own measures with the engine's figures (when there is an engine) over them. */
export function mergeMetrics(own: MetricsSnapshot, engine: MetricsSnapshot | undefined): MetricsSnapshot {
  if (!engine) return own
  // every engine figure (requests, complexity, budget and its minute, retries, throttling), with
  // the items staged and their throughput as the pipeline counted them
  return {
    ...engine,
    items: own.items,
    throughput: own.throughput,
    batchSizes: [...engine.batchSizes, ...own.batchSizes]
  }
}

function requireDb(db: Database | undefined): Database {
  if (!db) throw new TypeError('runLoadBoard: deps.db or deps.store is required')
  return db
}
