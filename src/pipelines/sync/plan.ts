import type { MondayClient } from '../../adapters/monday/types.js'
import type { TaskGraph, TaskNode } from '../../engine/run-types.js'
import { limitsFor } from '../../engine/limits.js'
import { ASSUMED_OPERATION_MS } from '../../engine/server-times.js'
import type { SyncConfig } from '../../config/types.js'
import type { ItemMode } from '../../config/schema.js'
import type { SyncCounts } from './store.js'

/** Points per `create_item` / `create_subitem` [BP] and per other mutation (monday staff, 2021). */
export const CREATE_POINTS = 10_000
export const MUTATION_POINTS = 30_000
/** Points of one `items_page_by_column_values` lookup (a page of ids and one column). */
export const LOOKUP_POINTS = 5_000
/**
 * Points per `change_multiple_column_values` and `archive_item`: no published figure; assumed to
 * cost what `create_item` costs [BP] (the engine learns the real cost from `complexity`).
 */
export const UPDATE_POINTS = 10_000

/** What a run would write, by operation (rows, not requests). */
export interface PlannedWrites {
  /** Pending rows without an item id (some may be adopted by key and updated instead). */
  itemCreates: number
  subitemCreates: number
  /** Pending rows with an item id: their item is updated (and moved when its group changed). */
  itemUpdates: number
  subitemUpdates: number
  /** Rows in the removed state whose items are archived. */
  archives: number
  /** Pending lines waiting for their FAILED order: not sent. */
  waitingLines: number
}

/**
 * Items per request a run starts with, per kind. Batch sizes follow the server time: monday runs a
 * request's creates one after another and cuts it at 60 s, so a `create_subitem` batch starts at 4
 * however large `batch_size_max` is (docs/engine.md, the control loop).
 */
export interface PlannedBatchSizes {
  /** `create_item` batches; the updates of orders go in batches of the same size. */
  items: number
  /** `create_subitem` batches; the updates of lines go in batches of the same size. */
  subitems: number
  /** `archive_item` batches: `batch_size_max` in every mode (the archiver's size). */
  archives: number
}

/** The plan of a run: what it will send and roughly how long that takes. */
export interface SyncPlan {
  mode: ItemMode
  counts: SyncCounts
  writes: PlannedWrites
  /** Items per request the run starts with (asyncBatch then adapts them). */
  batchSizes: PlannedBatchSizes
  /** Requests in flight the run starts with (asyncBatch then raises it up to the plan's limit). */
  concurrency: number
  itemBatches: number
  subitemBatches: number
  /** Groups the pending orders need that the board lacks (known after the board was read). */
  groupsToCreate: number
  /** Rows that fail validation before sending (dry run). */
  invalidRows?: number
  estimatedComplexity: number
  /**
   * The longest of: the complexity budget, the request rate, and the mutations' server time (the
   * engine's assumed p90 per operation, run one after another, over the requests in flight: 1 in
   * single and batch, the plan's limit in asyncBatch); milliseconds.
   */
  estimatedDurationMs: number
}

/** Items per request and requests in flight of a mode, before the server time caps the size. */
export function modeShape(mode: ItemMode, batch: SyncConfig['batch']): { batchSize: number; concurrency: number } {
  if (mode === 'single') return { batchSize: 1, concurrency: 1 }
  if (mode === 'batch') return { batchSize: batch.maxBatchSize, concurrency: 1 }
  return { batchSize: batch.maxBatchSize, concurrency: batch.concurrency }
}

/**
 * Items per request of a create `kind` a run of `mode` sends now; the workers ask before every
 * batch. single sends one; batch keeps its size under the server-time cap (a request's p90 inside a
 * third of monday's 60 s timeout); asyncBatch takes the engine's adaptive size (`suggestBatchSize`).
 */
export function batchSizeOf(
  mode: ItemMode,
  batch: SyncConfig['batch'],
  client: Pick<MondayClient, 'suggestBatchSize' | 'timeCap'>
): (kind: string) => number {
  const { batchSize } = modeShape(mode, batch)
  if (mode !== 'asyncBatch') return kind => Math.max(1, Math.min(batchSize, client.timeCap?.(kind) ?? Infinity))
  return kind => client.suggestBatchSize(kind, { min: batch.minBatchSize, max: batch.maxBatchSize })
}

/** The batch sizes a run of `mode` starts with: what `batchSizeOf` answers before any request. */
export function startingBatchSizes(
  mode: ItemMode,
  batch: SyncConfig['batch'],
  client: Pick<MondayClient, 'suggestBatchSize' | 'timeCap'>
): PlannedBatchSizes {
  const sizeOf = batchSizeOf(mode, batch, client)
  return { items: sizeOf('create_item'), subitems: sizeOf('create_subitem'), archives: batch.maxBatchSize }
}

/** monday minutes the mutations take one after another, over `inFlight` requests at once. */
function serverMinutes(writes: PlannedWrites, groupsToCreate: number, inFlight: number): number {
  const ms = (kind: string, operations: number): number => operations * (ASSUMED_OPERATION_MS[kind] ?? 0)
  const total =
    ms('create_item', writes.itemCreates) +
    ms('create_subitem', writes.subitemCreates) +
    ms('change_multiple_column_values', writes.itemUpdates + writes.subitemUpdates) +
    ms('archive_item', writes.archives) +
    ms('create_group', groupsToCreate)
  return total / inFlight / 60_000
}

/** Counts, batches, complexity and a duration bound from the account's limits [RL] and monday's server time. */
export function planSync(
  config: Pick<SyncConfig, 'batch' | 'plan'>,
  mode: ItemMode,
  counts: SyncCounts,
  batchSizes: PlannedBatchSizes,
  groupsToCreate = 0
): SyncPlan {
  const { concurrency } = modeShape(mode, config.batch)
  const writes = plannedWrites(counts)
  const batches = (rows: number, size: number): number => Math.ceil(rows / size)
  const itemBatches = batches(writes.itemCreates, batchSizes.items) + batches(writes.itemUpdates, batchSizes.items)
  const subitemBatches =
    batches(writes.subitemCreates, batchSizes.subitems) + batches(writes.subitemUpdates, batchSizes.subitems)
  const archiveBatches = batches(writes.archives, batchSizes.archives)
  // in-progress rows are looked up, and so are pending rows without an id (adopted when found)
  const lookups =
    Math.ceil((counts.inProgressOrders + writes.itemCreates) / 100) +
    Math.ceil((counts.inProgressLines + writes.subitemCreates) / 100)
  const creates = writes.itemCreates + writes.subitemCreates
  const updates = writes.itemUpdates + writes.subitemUpdates + writes.archives
  const estimatedComplexity =
    creates * CREATE_POINTS + updates * UPDATE_POINTS + groupsToCreate * MUTATION_POINTS + lookups * LOOKUP_POINTS
  const limits = limitsFor(config.plan ?? 'pro')
  const requests = itemBatches + subitemBatches + archiveBatches + groupsToCreate + lookups
  // asyncBatch raises its requests in flight until a limit binds; single and batch send one at a time
  const inFlight = mode === 'asyncBatch' ? limits.concurrency : 1
  const minutes = Math.max(
    estimatedComplexity / limits.complexityPerMinute,
    requests / limits.requestsPerMinute,
    serverMinutes(writes, groupsToCreate, inFlight)
  )
  return {
    mode,
    counts,
    writes,
    batchSizes,
    concurrency,
    itemBatches,
    subitemBatches,
    groupsToCreate,
    estimatedComplexity,
    estimatedDurationMs: Math.round(minutes * 60_000)
  }
}

/** Rows to create, update and archive from the store's counts. */
export function plannedWrites(counts: SyncCounts): PlannedWrites {
  const waitingLines = counts.waitingLines ?? 0
  const itemUpdates = counts.orderUpdates ?? 0
  const subitemUpdates = counts.lineUpdates ?? 0
  return {
    itemCreates: Math.max(0, counts.pendingOrders - itemUpdates),
    subitemCreates: Math.max(0, counts.pendingLines - subitemUpdates - waitingLines),
    itemUpdates,
    subitemUpdates,
    archives: (counts.removedOrders ?? 0) + (counts.removedLines ?? 0),
    waitingLines
  }
}

/** The task graph the wiring uploads before any mutation: reconcile → groups → items → subitems. */
export function syncTaskGraph(boardId: string, plan: SyncPlan, createdAt: Date): TaskGraph {
  const { counts, writes } = plan
  const nodes: TaskNode[] = [
    {
      id: 'reconcile',
      kind: 'reconcile',
      items: counts.inProgressOrders + counts.inProgressLines,
      estimatedComplexity:
        (Math.ceil(counts.inProgressOrders / 100) + Math.ceil(counts.inProgressLines / 100)) * LOOKUP_POINTS,
      dependsOn: []
    },
    {
      id: 'groups',
      kind: 'create_group',
      items: plan.groupsToCreate,
      estimatedComplexity: plan.groupsToCreate * MUTATION_POINTS,
      dependsOn: ['reconcile']
    },
    {
      id: 'items',
      kind: 'create_item',
      items: writes.itemCreates,
      batchSize: plan.batchSizes.items,
      estimatedComplexity: writes.itemCreates * CREATE_POINTS,
      dependsOn: ['groups']
    },
    {
      id: 'item-updates',
      kind: 'change_multiple_column_values',
      items: writes.itemUpdates,
      batchSize: plan.batchSizes.items,
      estimatedComplexity: writes.itemUpdates * UPDATE_POINTS,
      dependsOn: ['groups']
    },
    {
      id: 'subitems',
      kind: 'create_subitem',
      items: writes.subitemCreates,
      batchSize: plan.batchSizes.subitems,
      estimatedComplexity: writes.subitemCreates * CREATE_POINTS,
      dependsOn: ['items', 'item-updates']
    },
    {
      id: 'subitem-updates',
      kind: 'change_multiple_column_values',
      items: writes.subitemUpdates,
      batchSize: plan.batchSizes.subitems,
      estimatedComplexity: writes.subitemUpdates * UPDATE_POINTS,
      dependsOn: ['items', 'item-updates']
    },
    {
      id: 'archive',
      kind: 'archive_item',
      items: writes.archives,
      batchSize: plan.batchSizes.archives,
      estimatedComplexity: writes.archives * UPDATE_POINTS,
      dependsOn: ['subitems', 'subitem-updates']
    }
  ]
  return {
    pipeline: 'sync',
    createdAt: createdAt.toISOString(),
    boardIds: [boardId],
    nodes,
    estimatedDurationMs: plan.estimatedDurationMs
  }
}
