/** Public types of the monday API emulator (issue 3). Units are stated on each field. */

/** Account plans as monday names them [RL]. */
export type Plan = 'free' | 'basic' | 'standard' | 'pro' | 'enterprise'

/** Per-account limits [RL]; every client of one emulator shares them. */
export interface AccountLimits {
  /** complexity points per minute window (reads + writes) */
  complexityPerMinute: number
  /** complexity points one query may cost; 5,000,000 on every plan */
  queryComplexityCap: number
  /** requests per minute window */
  requestsPerMinute: number
  /** requests in flight at once */
  concurrency: number
  /** calls per UTC day (emulated time); rate-limited calls count 0.1 */
  dailyCalls: number
  /** requests per 10 s per client IP */
  ipRequestsPer10s: number
}

/**
 * A simple latency model (emulated milliseconds, divided by the time scale like every duration):
 * `baseMs` after each request, `perOperationMs` before each aliased mutation (serially) or per root
 * field of a read, `perItemMs` per item returned.
 */
export interface LatencyModel {
  /** milliseconds per request; default 0 */
  baseMs?: number
  /** milliseconds per root field (operation) in the request; default 0 */
  perOperationMs?: number
  /** milliseconds per item returned; default 0 */
  perItemMs?: number
  /** 0..1: the delay is scaled by a seeded factor in [1 - jitter, 1 + jitter]; default 0 */
  jitter?: number
}

/** Server time of one operation kind: a log-normal spread with this median and 90th percentile. */
export interface OperationTime {
  /** emulated milliseconds */
  medianMs: number
  /** emulated milliseconds; equal to the median for no spread */
  p90Ms: number
  /** emulated milliseconds; draws are capped here */
  maxMs?: number
  /** where the figures come from */
  measured?: string
  /** what was assumed */
  note?: string
}

/** A latency profile (profiles/monday.json documents the `monday` one). Emulated milliseconds. */
export interface LatencyProfile {
  name: string
  about?: string
  /** per mutation field, '*' for any other; aliases run one after another and their times add up */
  mutations: Record<string, OperationTime>
  reads: {
    /** per root field (items_page also for boards/groups pages, next_items_page, items, …), '*' for any other */
    base: Record<string, OperationTime>
    /** emulated ms per item returned */
    perItemMs?: number
    /** emulated ms per column value returned */
    perColumnValueMs?: number
    note?: string
  }
  /** a request refused before execution (validation, authentication, a limit) */
  refused?: OperationTime
  timeout?: {
    /** emulated ms; default 60 000 [BP] */
    ms?: number
    /** 0..1: share of cut requests whose remaining aliases all execute; default 1 */
    continueAllShare?: number
    note?: string
  }
}

/** `'none'`, `'monday'` (profiles/monday.json), a profile, or a simple model. */
export type LatencyOption = 'none' | 'monday' | LatencyProfile | LatencyModel

/** Fault rates, each a probability 0..1 per `POST /v2`, drawn from the seeded generator. */
export interface FaultOptions {
  /** HTTP 500 Internal Server Error */
  error500?: number
  /** HTTP 502 Bad Gateway */
  error502?: number
  /** HTTP 504 Gateway Timeout */
  error504?: number
  /** the request hangs for `timeoutMs` real milliseconds, then the socket is destroyed */
  timeout?: number
  /** emulated milliseconds a timeout fault hangs; default 60 000 (monday's request timeout [BP]) */
  timeoutMs?: number
  /** the socket is destroyed without a response */
  drop?: number
  /** HTTP 423 "Resource is currently locked" on mutations */
  locked?: number
  /** each aliased mutation fails on its own (null with an error naming its path) */
  aliasFailure?: number
  /** HTTP 429 MINUTE_RATE_LIMIT_EXCEEDED bursts: a burst starts with this probability */
  burst429?: number
  /** requests in one 429 burst; default 5 */
  burstLength?: number
  /** faults apply after the query executed (data changed, response lost) with this probability; default 0 */
  afterExecution?: number
}

/** Complexity weights; reads grow with objects and list sizes [RL] [CPLX]. */
export interface ComplexityWeights {
  /** points per `create_item` / `create_subitem`; default 10 000 [BP] */
  createItem: number
  /** points per other mutation field; default 30 000 (monday staff, 2021) */
  mutation: number
  /** points per scalar field read; default 1 */
  scalar: number
  /** points per object read; default 10 */
  object: number
  /** size assumed for a list without `limit` or `ids` (columns, column_values, subitems); default 10 */
  defaultListSize: number
  /** per-mutation overrides, by field name */
  perMutation: Record<string, number>
  /** 0..1: share of its weight a failed mutation costs after correction (2025-10+ [CPLX]: "significantly less"); default 0.1 */
  failedFraction: number
}

export interface ColumnSpec {
  id?: string
  title: string
  /**
   * text, numbers, status, dropdown, date, long_text, people, checkbox, email, phone, link, timeline,
   * tags, board_relation, mirror, formula
   */
  type: string
  /** status or dropdown labels, in index order; for tags, the account's tags to create */
  labels?: string[]
  /** board_relation: the connected boards (items linked must be on one of them) */
  boardIds?: string[]
  /** mirror: the board_relation column of this board, and the column of the linked items it shows */
  mirror?: { relationColumnId: string; columnId: string }
  /** formula: `{column_id}` references with + - * / and parentheses (other formulas show as text) */
  formula?: string
}

export interface BoardSpec {
  name: string
  columns?: ColumnSpec[]
  subitemColumns?: ColumnSpec[]
  /** group titles; default one group "Group Title" */
  groups?: string[]
  /** generated items with realistic values, spread over the groups */
  items?: number
  subitemsPerItem?: number
}

export interface ColumnInfo {
  id: string
  title: string
  type: string
}

export interface BoardInfo {
  id: string
  subitemsBoardId: string | null
  groups: { id: string; title: string }[]
  columns: ColumnInfo[]
  subitemColumns: ColumnInfo[]
}

export interface EmulatedColumnValue {
  type: string
  /** as the API answers it: null for an empty status or dropdown, and always for board_relation, mirror, formula */
  text: string | null
  /** the stored JSON string, or null when empty */
  value: string | null
}

export interface EmulatedItem {
  id: string
  name: string
  boardId: string
  groupId: string
  groupTitle: string
  /** archived and deleted items are only returned by `EmulatorAdmin.item` */
  state: 'active' | 'archived' | 'deleted'
  columnValues: Record<string, EmulatedColumnValue>
  subitems: EmulatedItem[]
  /** ISO 8601, emulated time */
  createdAt: string
  /** ISO 8601, emulated time */
  updatedAt: string
}

export interface EmulatorStats {
  requests: number
  byKind: Record<string, { requests: number; points: number }>
  pointsSpent: number
  throttled: Record<string, number>
  errors: Record<string, number>
  idempotentReplays: number
  maxConcurrent: number
}

export interface Clock {
  /** milliseconds since the epoch */
  now(): number
  /** resolves after `ms` of this clock's milliseconds (rejects when aborted); default setTimeout */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>
}

export interface MondayEmulatorOptions {
  /** TCP port; 0 (default) picks a free port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** default 'pro'; sets the limits [RL] */
  plan?: Plan
  limits?: Partial<AccountLimits>
  /** when set, Authorization must equal it (401 otherwise); else any non-empty Authorization */
  token?: string
  /** emulated time source; default Date.now */
  clock?: Clock
  /**
   * default 1; 60 makes an emulated minute pass in one real second. Every duration the emulator
   * produces is emulated and divided by it: latency, the 60 s timeout, the limit windows,
   * `retry_in_seconds`, `Retry-After`, cursor expiry and the idempotency cache.
   */
  timeScale?: number
  /** server time; default 'none' (npm run emulator, the demo and the bench default to 'monday') */
  latency?: LatencyOption
  faults?: FaultOptions
  /** seed of latency jitter, faults and generated data; default 1 */
  seed?: number
  complexity?: Partial<ComplexityWeights>
  /** answer every version with the legacy error shapes (ComplexityException, HTTP 200) */
  legacyErrors?: boolean
}

export interface EmulatorAdmin {
  createBoard(spec: BoardSpec): BoardInfo
  /** the active items of a board, in board order */
  items(boardId: string): EmulatedItem[]
  /** any item by id, whatever its state */
  item(itemId: string): EmulatedItem | undefined
  /** a user of the account, for people columns and `users` (users 1 … 20 exist from the start) */
  addUser(user: { name: string; email: string }): { id: string }
  stats(): EmulatorStats
  reset(): void
  setLimits(limits: Partial<AccountLimits>): void
  setFaults(faults: FaultOptions): void
  setLatency(latency: LatencyOption): void
}

export interface MondayEmulator {
  /** e.g. http://127.0.0.1:PORT/v2 */
  url: string
  port: number
  /** the limits in force */
  limits: AccountLimits
  admin: EmulatorAdmin
  /** closes the server and every open socket */
  close(): Promise<void>
}
