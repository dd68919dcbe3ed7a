import type { SqlRow, SqlValue } from '../../adapters/sql/database.js'

/** One source row: its key (as read and as text) and the columns the mapping reads. */
export interface SyncRow {
  key: string
  rawKey: SqlValue
  values: SqlRow
  /** The monday item (or subitem) id the row already has: the row is an update. */
  itemId: string | null
  /** The claim text of a row in progress (who holds it since when); null elsewhere. */
  claim?: string | null
  /** Set by the run: the row had no item id, but an item with its key was found on the board. */
  adopted?: boolean
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
  /** Pending rows that already have an item: updates (included in the pending counts). */
  orderUpdates?: number
  lineUpdates?: number
  /** Rows in the `removed` state: their items are archived. */
  removedOrders?: number
  removedLines?: number
  /** Pending lines whose order FAILED: they wait for it (included in pendingLines). */
  waitingLines?: number
}

/** The lines of one FAILED order, waiting for it to be fixed and set back to pending. */
export interface WaitingOrder {
  orderKey: string
  reason: string
  lines: number
}

/** A run's claim as written to (`text`) and matched in (`pattern`, LIKE) the error column. */
export interface ClaimStamp {
  text: string
  pattern: string
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
  /** Rows in progress (claimed by this or another run), with their claim text. */
  inProgressOrders(): Promise<SyncRow[]>
  inProgressLines(): Promise<LineRow[]>
  /** Rows in the removed state with a key above `after`, by key (only when `removed` is configured). */
  removedRows(table: SyncTable, after: SqlValue | null, limit: number): Promise<SyncRow[]>
  /** Up to `limit` FAILED orders that have pending lines, with their reason. */
  waitingOrders(limit: number): Promise<WaitingOrder[]>
  /** Moves pending rows to the in-progress state under `claim`; returns the keys actually claimed. */
  claim(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>>
  /** Renews this run's claim on `keys` (a new time); returns the keys it still holds. */
  renew(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>>
  /**
   * Takes over rows in progress whose current claim text `reclaimable` accepts, in one transaction
   * with the rows locked; returns the keys now held by `claim`.
   */
  takeOver(
    table: SyncTable,
    keys: readonly SqlValue[],
    claim: ClaimStamp,
    reclaimable: (text: string | null) => boolean
  ): Promise<Set<string>>
  /**
   * Writes one batch's outcome in one transaction, only to rows `claim` still holds (null: rows
   * still pending, for rows that failed validation before any claim). A created item's id is also
   * written to a row that went back to pending meanwhile and has no id, so its next sync updates it.
   */
  record(table: SyncTable, outcome: BatchOutcome, claim: ClaimStamp | null): Promise<void>
  /**
   * Removed rows whose items are archived (or have none) move to the archived state; so do the
   * lines of an archived order (their subitems went with it), except lines in progress.
   */
  markArchived(table: SyncTable, keys: readonly SqlValue[]): Promise<void>
  /**
   * Lines of orders whose item was created again: their subitems went with the deleted item, so
   * they go back to pending without ids (lines in progress, removed or archived are left alone).
   */
  resetLines(orderKeys: readonly SqlValue[]): Promise<void>
  /** Rows `claim` still holds at the end of its run get the `ended` text: the next run reconciles them. */
  endClaims(claim: ClaimStamp, ended: string): Promise<number>
}
