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

/** The plan of a run: what it will send and roughly how long that takes. */
export interface SyncPlan {
  mode: ItemMode
  counts: SyncCounts
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
  const itemBatches = Math.ceil(counts.pendingOrders / batchSize)
  const subitemBatches = Math.ceil(counts.pendingLines / batchSize)
  const lookups = Math.ceil(counts.inProgressOrders / 100) + Math.ceil(counts.inProgressLines / 100)
  const creates = counts.pendingOrders + counts.pendingLines
  const estimatedComplexity = creates * CREATE_POINTS + groupsToCreate * MUTATION_POINTS + lookups * LOOKUP_POINTS
  const limits = limitsFor(config.plan ?? 'pro')
  const requests = itemBatches + subitemBatches + groupsToCreate + lookups
  const minutes = Math.max(estimatedComplexity / limits.complexityPerMinute, requests / limits.requestsPerMinute)
  return {
    mode,
    counts,
    batchSize,
    concurrency,
    itemBatches,
    subitemBatches,
    groupsToCreate,
    estimatedComplexity,
    estimatedDurationMs: Math.round(minutes * 60_000)
  }
}

/** The task graph the wiring uploads before any mutation: reconcile → groups → items → subitems. */
export function syncTaskGraph(boardId: string, plan: SyncPlan, createdAt: Date): TaskGraph {
  const { counts } = plan
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
      items: counts.pendingOrders,
      estimatedComplexity: counts.pendingOrders * CREATE_POINTS,
      dependsOn: ['groups']
    },
    {
      id: 'subitems',
      kind: 'create_subitem',
      items: counts.pendingLines,
      estimatedComplexity: counts.pendingLines * CREATE_POINTS,
      dependsOn: ['items']
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
