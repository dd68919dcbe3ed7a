/** Turns one HTTP answer of monday into data, per-alias errors, or a whole-request failure. */
import { LIMIT_CLASSES, classifyError, retryAfterMs } from './classify.js'
import type { ClassifiedError, ComplexityReport, MondayGraphqlError } from './types.js'

export interface ParsedResponse {
  status: number
  data: Record<string, unknown> | null
  /** Errors that belong to parts of the request (aliases), each classified. */
  errors: MondayGraphqlError[]
  /** Set when the request failed as a whole. */
  failure?: ClassifiedError
  /** All errors of the body, classified (for the failure's report). */
  allErrors: MondayGraphqlError[]
  complexity?: ComplexityReport
  /** Budget left as a legacy or 2025-04 error states it (points; reset in monday ms). */
  budgetHint?: { remaining: number; resetInMs?: number }
  replayed: boolean
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function toGraphqlError(raw: unknown): MondayGraphqlError {
  if (!isObject(raw)) return { message: String(raw) }
  const extensions = isObject(raw.extensions) ? raw.extensions : undefined
  const code = typeof extensions?.code === 'string' ? extensions.code : undefined
  const path = Array.isArray(raw.path)
    ? raw.path.filter(p => typeof p === 'string' || typeof p === 'number')
    : undefined
  return {
    message: typeof raw.message === 'string' ? raw.message : 'unknown error',
    ...(path && path.length > 0 ? { path } : {}),
    ...(code ? { code } : {}),
    ...(extensions ? { extensions } : {})
  }
}

/** The legacy shape (≤2024-10): `{error_code, error_message, status_code, error_data}`. */
function legacyError(body: Json): MondayGraphqlError | undefined {
  if (typeof body.error_code !== 'string' && typeof body.error_message !== 'string') return undefined
  const extensions: Json = { ...body }
  return {
    message: typeof body.error_message === 'string' ? body.error_message : String(body.error_code),
    ...(typeof body.error_code === 'string' ? { code: body.error_code } : {}),
    extensions
  }
}

function readComplexity(data: Json | null): ComplexityReport | undefined {
  const c = data?.complexity
  if (!isObject(c)) return undefined
  const n = (v: unknown): number => (typeof v === 'number' ? v : Number(v))
  const report = { before: n(c.before), after: n(c.after), query: n(c.query), resetInSeconds: n(c.reset_in_x_seconds) }
  return Number.isFinite(report.after) ? report : undefined
}

/** "budget remaining 19986 out of 1000000 reset in 3 seconds", or the 2025-04 extension fields. */
function budgetHint(errors: MondayGraphqlError[]): ParsedResponse['budgetHint'] {
  for (const e of errors) {
    const left = e.extensions?.complexity_budget_left
    if (typeof left === 'number')
      return {
        remaining: left,
        ...(e.classified?.retryInMs === undefined ? {} : { resetInMs: e.classified.retryInMs })
      }
    const m = /budget remaining (\d+) out of (\d+)(?: reset in (\d+(?:\.\d+)?) seconds?)?/i.exec(e.message)
    if (m?.[1]) return { remaining: Number(m[1]), ...(m[3] ? { resetInMs: Number(m[3]) * 1000 } : {}) }
  }
  return undefined
}

/** Picks the error that decides a whole-request failure: a limit first, else the first. */
function decisive(errors: MondayGraphqlError[]): MondayGraphqlError | undefined {
  return errors.find(e => e.classified && LIMIT_CLASSES.includes(e.classified.errorClass)) ?? errors[0]
}

/**
 * `strict` (reads): any GraphQL error fails the request as a whole. Otherwise errors with a
 * `path` next to data are per-alias and the request succeeded.
 */
export function parseResponse(
  status: number,
  headers: Headers,
  text: string,
  strict = false,
  now = Date.now()
): ParsedResponse {
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  const json = isObject(body) ? body : {}
  const data = isObject(json.data) ? json.data : null
  const legacy = legacyError(json)
  const raw = Array.isArray(json.errors) ? json.errors.map(toGraphqlError) : []
  const all = legacy ? [legacy, ...raw] : raw
  const retryAfter = retryAfterMs(headers.get('retry-after'), now)
  for (const e of all) e.classified = classifyError(e, status, retryAfter)
  const complexity = readComplexity(data)
  const base = {
    status,
    data,
    allErrors: all,
    replayed: headers.get('idempotency-replayed') === 'true',
    ...(complexity ? { complexity } : {}),
    ...(all.length > 0 ? { budgetHint: budgetHint(all) } : {})
  }
  // A limit error with a path next to data (a subgraph throttle) is about that alias only:
  // the other aliases ran, so retrying the whole mutation could create them twice.
  const whole = strict ? all.length > 0 : legacy !== undefined || all.some(e => !e.path)
  if (status >= 400 || data === null || whole) {
    const first = decisive(all)
    const failure = first?.classified ?? {
      ...classifyError({ message: status >= 400 ? `HTTP ${status}` : 'response without data' }, status, retryAfter),
      ...(status < 400 ? { errorClass: 'server' as const, action: 'backoff' as const } : {})
    }
    return { ...base, errors: [], failure }
  }
  return { ...base, errors: all }
}
