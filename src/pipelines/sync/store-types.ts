import type { SqlRow, SqlValue } from '../../adapters/sql/database.js'

/** One source row: its key (as read and as text) and the columns the mapping reads. */
export interface SyncRow {
  key: string
  rawKey: SqlValue
  values: SqlRow
}

/** A line whose order is already on monday. */
export interface LineRow extends SyncRow {
  parentKey: string
  /** The monday item id of the order (the subitem's parent). */
  parentItemId: string
}

/** What one batch came to; written in one transaction. */
export interface BatchOutcome {
  /** Confirmed by monday: ids written, state synced. */
  synced: { rawKey: SqlValue; itemId: string }[]
  /** Failed with a reason (validation, a failed alias). */
  failed: { rawKey: SqlValue; reason: string }[]
  /** Not created: back to pending. */
  released: SqlValue[]
}

export type SyncTable = 'orders' | 'lines'

/** Counts for the plan. */
export interface SyncCounts {
  pendingOrders: number
  pendingLines: number
  inProgressOrders: number
  inProgressLines: number
}

/**
 * The sync's SQL side: read pending orders and lines in pages, claim them, record each batch's
 * results in one transaction. Works on every `Database` (node:sqlite, SQL Server).
 */
export interface SyncStore {
  counts(): Promise<SyncCounts>
  /** Pending orders with a key above `after`, by key. */
  pendingOrders(after: SqlValue | null, limit: number): Promise<SyncRow[]>
  /** Pending lines whose order is synced (has its item id), key above `after`, by key. */
  pendingLines(after: SqlValue | null, limit: number): Promise<LineRow[]>
  /** Rows claimed by an earlier run whose outcome is unknown. */
  inProgressOrders(): Promise<SyncRow[]>
  inProgressLines(): Promise<LineRow[]>
  /** Moves pending rows to the in-progress state; returns the keys actually claimed. */
  claim(table: SyncTable, keys: readonly SqlValue[]): Promise<Set<string>>
  /** Writes one batch's outcome in one transaction. */
  record(table: SyncTable, outcome: BatchOutcome): Promise<void>
}
