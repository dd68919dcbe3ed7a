/**
 * Contracts shared by the pipelines (sync, load-board), the engine and the wiring (CLI, action).
 * Pipelines report through these hooks and never know whether a checkpoint lands in a local
 * folder or a workflow artifact.
 */

/** How a failure is classified; drives the retry policy and the issue fingerprint. */
export type ErrorClass =
  | 'rate_limit'
  | 'complexity'
  | 'concurrency'
  | 'daily_limit'
  | 'network'
  | 'timeout'
  | 'server'
  | 'locked'
  | 'idempotency_conflict'
  | 'cursor_expired'
  | 'validation'
  | 'auth'
  | 'not_found'
  | 'unknown'

/** One planned operation of a run and what it waits for. */
export interface TaskNode {
  id: string
  /** For example `create_group`, `create_item`, `create_subitem`, `walk`, `fetch_items`, `swap`. */
  kind: string
  /** Items (or ids) the task covers. */
  items: number
  /** Items per request the task starts with (sync's mutations). */
  batchSize?: number
  /** Estimated complexity points. */
  estimatedComplexity?: number
  dependsOn: string[]
}

/** The plan uploaded before work starts. */
export interface TaskGraph {
  pipeline: 'sync' | 'load-board'
  createdAt: string
  boardIds: string[]
  nodes: TaskNode[]
  /** Estimated wall time in milliseconds, from the plan's cost and the account's limits. */
  estimatedDurationMs?: number
}

/** A pipeline's resumable state, written every N operations and when the run stops. */
export interface Checkpoint {
  pipeline: 'sync' | 'load-board'
  /** 1, 2, 3… within one attempt. */
  sequence: number
  at: string
  /** Whether the run had finished (successfully or not) when this was written. */
  final: boolean
  /** Pipeline-specific JSON, read back by the same pipeline on resume. */
  state: unknown
}

/** A batch that could not be completed; one issue per (board, operation, errorClass). */
export interface FailedBatch {
  boardId: string
  operation: string
  errorClass: ErrorClass
  message: string
  /** Keys of the rows (sync) or ids (load-board) in the batch; never row contents. */
  rowKeys: string[]
  attempts: number
}

/** Per request kind. Latencies in milliseconds. */
export interface KindMetrics {
  requests: number
  items: number
  points: number
  errors: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
}

/** What the engine measured; the job summary and the performance report are built from it. */
export interface MetricsSnapshot {
  requests: number
  items: number
  /** Complexity points spent (as reported by monday). */
  complexityUsed: number
  /** The account's per-minute complexity budget in use. */
  budgetPerMinute: number
  /**
   * Real milliseconds in one of monday's minutes: 60 000, less against an emulator that runs a
   * time scale. Shares of the per-minute budget are computed over it. Absent means 60 000.
   */
  minuteMs?: number
  byKind: Record<string, KindMetrics>
  retries: Partial<Record<ErrorClass, number>>
  /** Milliseconds spent waiting because of limits, by class. */
  throttledMs: Partial<Record<ErrorClass | 'budget' | 'rate' | 'concurrency', number>>
  /** Batch size in use over time (ms since start). */
  batchSizes: { atMs: number; kind: string; size: number }[]
  /** Items completed per interval (ms since start). */
  throughput: { atMs: number; items: number }[]
  /** Server time per operation learnt per kind, monday milliseconds (the default client's). */
  serverTimes?: Record<string, { samples: number; p50Ms: number; p90Ms: number }>
  /** Requests in flight: the level now, its peak, and the limit that sets it (the default client's). */
  inFlight?: InFlightState
}

/** The engine's in-flight control loop (see docs/engine.md). */
export interface InFlightState {
  /** Requests allowed in flight now, and the most allowed during the run. */
  level: number
  peak: number
  /** What sets the level: complexity, rate, concurrency (the plan's limit), backoff or latency (a back-off). */
  binding: string
  /** Mean request time lately, clock milliseconds. */
  requestMs: number
}

export interface Progress {
  done: number
  total: number
  failed: number
  itemsPerSecond: number
  etaMs: number | null
  /** Requests in flight now and what sets that level, when the client reports it. */
  inFlight?: Pick<InFlightState, 'level' | 'binding'>
}

/** Hooks a pipeline calls; all optional. */
export interface PipelineHooks {
  onTaskGraph?(graph: TaskGraph): Promise<void>
  onCheckpoint?(checkpoint: Checkpoint): Promise<void>
  onProgress?(progress: Progress): void
  onLog?(level: 'debug' | 'info' | 'warning', message: string): void
}

/** What a pipeline returns; the report artifact, the summary and the outputs come from it. */
export interface PipelineReport {
  pipeline: 'sync' | 'load-board'
  dryRun: boolean
  startedAt: string
  finishedAt: string
  durationMs: number
  /** Items and subitems created (sync) or items loaded (load-board). */
  itemsDone: number
  itemsFailed: number
  /** Rows already done before this run (resume, re-run no-op). */
  itemsSkipped: number
  failures: FailedBatch[]
  checkpoints: number
  metrics: MetricsSnapshot
  /** Pipeline-specific figures (e.g. verification counts of load-board). */
  details: Record<string, unknown>
}
