import type { ItemMode, MondayColumnType } from './schema.js'

/** One monday column filled from one source column. */
export interface ColumnMapping {
  /** The monday column id on the (sub)items board. */
  columnId: string
  /** The SQL column it is read from (validated identifier). */
  source: string
  type: MondayColumnType
  /** Send `create_labels_if_missing: true` for status/dropdown labels the board lacks. */
  createLabelsIfMissing: boolean
}

/** A delta table with its sync bookkeeping columns (validated identifiers). */
export interface SourceTable {
  table: string
  key: string
  stateColumn: string
  itemIdColumn: string
  errorColumn: string
}

/** The lines table: a source table whose rows belong to an order through `parentKey`. */
export interface LineTable extends SourceTable {
  parentKey: string
}

/** State values written to the state columns. */
export interface SyncStates {
  /** States that mean "to be synced" (default NEW, PENDING). */
  pending: string[]
  /** Claimed and sent, outcome not yet confirmed (default SYNCING). */
  inProgress: string
  synced: string
  failed: string
  /** Rows in this state (e.g. DELETED) have their item archived, then move to `archived`; optional. */
  removed?: string
  /** The final state of a removed row whose item is archived (default ARCHIVED). */
  archived: string
}

/** How the rows of one table become items of one board. */
export interface BoardMapping {
  itemName: string
  syncKeyColumn: string
  columns: ColumnMapping[]
}

/** Batch settings; sizes are items per request. */
export interface BatchSettings {
  itemMode: ItemMode
  minBatchSize: number
  maxBatchSize: number
  /** Requests in flight in asyncBatch mode. */
  concurrency: number
  /** A checkpoint after this many batches. */
  checkpointEveryBatches: number
  /** Orders read from SQL per page. */
  pageSize: number
}

/** The resolved configuration of one sync run (one environment). */
export interface SyncConfig {
  /** The file it came from (for messages). */
  file: string
  environment: string
  boardId: string
  /** `sqlite:<path>` or `mssql://…`, with environment references resolved (may hold a password). */
  databaseUrl?: string
  /** `database_password`, references resolved: put into a SQL Server URL that has none (a secret). */
  databasePassword?: string
  apiVersion?: string
  plan?: 'free' | 'basic' | 'standard' | 'pro' | 'enterprise'
  orders: SourceTable
  lines: LineTable
  states: SyncStates
  items: BoardMapping & { group?: string }
  /** An update whose item was deleted on monday: create it again, or fail the row with the reason. */
  deletedItems: 'recreate' | 'fail'
  subitems: BoardMapping
  batch: BatchSettings
}
