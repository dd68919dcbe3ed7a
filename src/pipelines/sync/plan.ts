import type { TaskGraph, TaskNode } from '../../engine/run-types.js'
import { limitsFor } from '../../engine/limits.js'
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

/** The plan of a run: what it will send and roughly how long that takes. */
export interface SyncPlan {
  mode: ItemMode
  counts: SyncCounts
  writes: PlannedWrites
  /** Items per request the plan assumes (the upper bound in asyncBatch). */
  batchSize: number
  concurrency: number
  itemBatches: number
  subitemBatches: number
  /** Groups the pending orders need that the board lacks (known after the board was read). */
  groupsToCreate: number
  /** Rows that fail validation before sending (dry run). */
  invalidRows?: number
  estimatedComplexity: number
  /** From the plan's complexity budget and request rate; milliseconds. */
  estimatedDurationMs: number
}

/** Items per request and requests in flight of a mode. */
export function modeShape(mode: ItemMode, batch: SyncConfig['batch']): { batchSize: number; concurrency: number } {
  if (mode === 'single') return { batchSize: 1, concurrency: 1 }
  if (mode === 'batch') return { batchSize: batch.maxBatchSize, concurrency: 1 }
  return { batchSize: batch.maxBatchSize, concurrency: batch.concurrency }
}

/** Counts, batches, complexity and a duration bound from the account's limits [RL]. */
export function planSync(
  config: Pick<SyncConfig, 'batch' | 'plan'>,
  mode: ItemMode,
  counts: SyncCounts,
  groupsToCreate = 0
): SyncPlan {
  const { batchSize, concurrency } = modeShape(mode, config.batch)
  const writes = plannedWrites(counts)
  const itemBatches = Math.ceil(writes.itemCreates / batchSize) + Math.ceil(writes.itemUpdates / batchSize)
  const subitemBatches = Math.ceil(writes.subitemCreates / batchSize) + Math.ceil(writes.subitemUpdates / batchSize)
  const archiveBatches = Math.ceil(writes.archives / batchSize)
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
  const minutes = Math.max(estimatedComplexity / limits.complexityPerMinute, requests / limits.requestsPerMinute)
  return {
    mode,
    counts,
    writes,
    batchSize,
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
      estimatedComplexity: writes.itemCreates * CREATE_POINTS,
      dependsOn: ['groups']
    },
    {
      id: 'item-updates',
      kind: 'change_multiple_column_values',
      items: writes.itemUpdates,
      estimatedComplexity: writes.itemUpdates * UPDATE_POINTS,
      dependsOn: ['groups']
    },
    {
      id: 'subitems',
      kind: 'create_subitem',
      items: writes.subitemCreates,
      estimatedComplexity: writes.subitemCreates * CREATE_POINTS,
      dependsOn: ['items', 'item-updates']
    },
    {
      id: 'subitem-updates',
      kind: 'change_multiple_column_values',
      items: writes.subitemUpdates,
      estimatedComplexity: writes.subitemUpdates * UPDATE_POINTS,
      dependsOn: ['items', 'item-updates']
    },
    {
      id: 'archive',
      kind: 'archive_item',
      items: writes.archives,
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
