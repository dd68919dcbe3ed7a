export { runSync, type SyncDeps, type SyncOptions } from './run.js'
export {
  SqlSyncStore,
  type SyncStore,
  type SyncRow,
  type LineRow,
  type BatchOutcome,
  type SyncCounts
} from './store.js'
export { planSync, startingBatchSizes, syncTaskGraph, type PlannedBatchSizes, type SyncPlan } from './plan.js'
export { encodeRow, encodeValue, dateValue, type EncodedRow, type BoardLabels } from './column-values.js'
export { createDemoSchema, seedDemoOrders, DEMO_BOARD, type SeedOptions } from './demo-data.js'
export type { SyncCheckpointState } from './progress.js'
export type { TableStats } from './context.js'
export { syncCounts, waitingLines, countsText } from './counts.js'
