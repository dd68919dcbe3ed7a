/**
 * The seam between pipelines and the monday client. Pipelines (sync, load-board) code against
 * `MondayClient`; the default implementation (engine-backed, graphql-request transport) lives
 * beside this file. Nothing here imports `@actions/core`.
 */
import type { ErrorClass, InFlightState, MetricsSnapshot } from '../../engine/run-types.js'
/**
 * Sends one GraphQL document through the engine (scheduling, budget, retries, classification).
 * `kind` names the request in the metrics; `items` is how many objects it asks for. A generated
 * document goes through `requestOperation` (src/graphql/operation.ts), which types both ends.
 */
export type MondayRequest = <T>(
  document: string,
  variables: Record<string, unknown>,
  meta: { kind: string; items: number; signal?: AbortSignal }
) => Promise<T>

/** monday plans; each has its own default limits (API-FACTS.md, Rate limits). */
export const PLANS = ['free', 'basic', 'standard', 'pro', 'enterprise'] as const
export type Plan = (typeof PLANS)[number]

/** One entry of a GraphQL `errors[]` as monday sends it. */
export interface MondayGraphqlError {
  message: string
  /** For aliased mutations, the alias that failed is `path[0]`. */
  path?: (string | number)[]
  /** `extensions.code`, or the legacy `error_code`. */
  code?: string
  extensions?: Record<string, unknown>
  /** The client's classification of this error (class and action); set by the default client. */
  classified?: ClassifiedError
}

/** What `complexity { before after query reset_in_x_seconds }` reported. */
export interface ComplexityReport {
  before: number
  after: number
  query: number
  resetInSeconds: number
}

/** A response whose request as a whole succeeded; some aliases may still have failed. */
export interface MondayResponse<T> {
  data: T | null
  /** Errors that are not the whole request's fault (a failed alias, a validation error). */
  errors: MondayGraphqlError[]
  complexity?: ComplexityReport
  /** The server answered from its idempotency cache (`Idempotency-Replayed: true`). */
  replayed: boolean
}

/** How the engine should treat one request. */
export interface RequestMeta {
  /** Names the request in metrics and batch sizing, e.g. `create_item`, `items_page`. */
  kind: string
  /** Items the request creates or reads; cost per item is learnt from it. */
  items: number
  /** Complexity points expected; the engine estimates from `kind` and `items` when absent. */
  estimatedComplexity?: number
  /** Sent as `Idempotency-Key` (mutations); a retry of the same request reuses it. */
  idempotencyKey?: string
  /**
   * The caller reconciles a cut mutation itself (sync, by sync key): a mutation that timed out,
   * got 504 or lost its connection is not retried, because monday may still be executing it and
   * keeps no idempotency replay for it (API-FACTS.md "Time"). The client waits until the cut
   * request's work must be over, then rejects with `unknownOutcome` set.
   */
  cutIsUnknown?: boolean
  signal?: AbortSignal
}

/** A request that failed as a whole after the engine's retries (or could not be retried). */
export class MondayApiError extends Error {
  override name = 'MondayApiError'
  constructor(
    message: string,
    readonly errorClass: ErrorClass,
    readonly details: {
      code?: string
      status?: number
      /** How long monday asked us to wait, in milliseconds. */
      retryInMs?: number
      attempts?: number
    } = {},
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}
export const isMondayApiError = (e: unknown): e is MondayApiError => e instanceof MondayApiError

export interface MondayClient {
  /**
   * Sends one document through the engine: admitted by the complexity budget, request rate and
   * concurrency limits; retried by error class; guarded by the circuit breaker. Resolves when the
   * request as a whole succeeded, with the errors that belong to parts of it (failed aliases);
   * rejects with `MondayApiError` otherwise.
   */
  send<T>(document: string, variables: Record<string, unknown>, meta: RequestMeta): Promise<MondayResponse<T>>
  /** Like `send`, but any GraphQL error rejects: for reads. */
  request: MondayRequest
  /** The batch size to use now for `kind`, learnt from cost per item, latency and errors (AIMD). */
  suggestBatchSize(kind: string, bounds: { min: number; max: number }): number
  /** p90 server time of one operation of `kind`, monday milliseconds, if known (the default client's). */
  serverTimeMs?(kind: string): number | undefined
  /**
   * The engine's in-flight control loop now: requests allowed in flight (callers size their workers
   * by it), the peak, the binding limit and the mean request time (the default client's).
   */
  inFlight?(): InFlightState
  /**
   * Most operations of `kind` one request should carry so that its p90 stays inside a third of
   * monday's 60 s timeout (aliases run one after another), if known (the default client's). The
   * adaptive size (`suggestBatchSize`) is capped by it too.
   */
  timeCap?(kind: string): number | undefined
  /** Waits `ms` monday milliseconds (divided by the client's time scale). */
  pause?(ms: number, signal?: AbortSignal): Promise<void>
  metrics(): MetricsSnapshot
}

/**
 * What the caller (or the engine) should do about an error: wait the time monday named and
 * retry, retry with backoff, retry with a smaller batch, split the batch to isolate a bad row, or
 * fail the row with the error's reason.
 */
export type ErrorAction = 'retry_after' | 'backoff' | 'shrink' | 'split' | 'fail'

/** A monday error with its class and action, as the classifier sees it. */
export interface ClassifiedError {
  errorClass: ErrorClass
  action: ErrorAction
  message: string
  code?: string
  status?: number
  /** Wait monday asked for, in monday milliseconds (not divided by a time scale). */
  retryInMs?: number
  /** monday did not process the request (a rate-limit refusal): a new idempotency key is safe. */
  notProcessed?: boolean
  /** A mutation was cut (timeout, 504, lost connection): some, all or none of it ran; reconcile before resending. */
  unknownOutcome?: boolean
}

/**
 * `MondayApiError` with the classifier's action and the GraphQL errors of the response, so the
 * caller knows whether to shrink, split or fail the rows. Still `isMondayApiError`.
 */
export class MondayRequestFailedError extends MondayApiError {
  override name = 'MondayRequestFailedError'
  constructor(
    message: string,
    readonly classified: ClassifiedError,
    readonly errors: MondayGraphqlError[],
    attempts: number,
    options?: ErrorOptions
  ) {
    super(
      message,
      classified.errorClass,
      { code: classified.code, status: classified.status, retryInMs: classified.retryInMs, attempts },
      options
    )
  }

  get action(): ErrorAction {
    return this.classified.action
  }
}

/** A cut mutation whose outcome the caller must reconcile before sending anything again. */
export const isUnknownOutcome = (e: unknown): boolean =>
  e instanceof MondayRequestFailedError && e.classified.unknownOutcome === true
