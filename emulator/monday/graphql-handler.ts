/** `POST /v2`: version, auth, limits, parse, complexity, execute; replies in monday's shapes. */
import { randomUUID } from 'node:crypto'
import { execute, type ExecutionResult } from 'graphql'
import { actualCost, CORRECTION_SINCE } from './complexity-actual.js'
import { queryComplexity, rootFieldKeys } from './complexity.js'
import type { RequestContext } from './context.js'
import { httpErrorReply, legacyCursorReply, queryCapReply, rateLimitReply, type HttpReply } from './error-shapes.js'
import { isRateLimitError, type RateLimitError } from './errors.js'
import { admitRequest, chargeComplexity, rateLimitHeaders } from './gate.js'
import { Pages } from './pages.js'
import { parseRequest } from './request-parse.js'
import { rootValue } from './resolvers.js'
import { emulatorSchema } from './schema.js'
import { ACCOUNT_ID, type EmulatorState } from './state.js'
import { resolveVersion, type ServedVersion } from './versions.js'

export interface GraphQLRequest {
  /** lower-case header names */
  headers: Record<string, string | undefined>
  body: string
  ip: string
}

/** Hooks the HTTP layer adds around execution (server time, faults, idempotency). */
export interface ExecutionHooks {
  /** execution begins (the request was parsed, admitted and charged) with these root fields */
  start?(fields: string[]): void
  /** before each aliased mutation takes effect (they run one after another) */
  alias?(field: string): Promise<void>
  /** after execution, with what it returned */
  after?(request: { mutation: boolean; fields: string[]; items: number; columnValues: number }): Promise<void> | void
  aliasFails?(): boolean
  /** a seeded 429 burst refusal, checked before the account's limits */
  throttle?(): RateLimitError | undefined
}

function recordSpend(state: EmulatorState, kind: string, points: number): void {
  const entry = (state.stats.byKind[kind] ??= { requests: 0, points: 0 })
  entry.requests += 1
  entry.points += points
  state.stats.pointsSpent += points
}

function kindOf(fields: string[]): string {
  return [...new Set(fields.filter(f => f !== 'complexity'))].sort().join('+') || 'complexity'
}

/** Handles one GraphQL request end to end. */
export async function handleGraphQL(
  state: EmulatorState,
  req: GraphQLRequest,
  hooks: ExecutionHooks = {}
): Promise<HttpReply> {
  const requestId = randomUUID()
  state.stats.requests += 1
  const version = resolveVersion(req.headers['api-version'], state.legacyErrors)
  if (version === null) {
    state.count(state.stats.errors, 'InvalidVersionException')
    // [ERR] lists InvalidVersionException among the errors answered with HTTP 200
    return httpErrorReply(
      200,
      'InvalidVersionException',
      `Invalid API version: ${String(req.headers['api-version'])}`,
      requestId
    )
  }
  const reply = await handleVersioned({ state, req, hooks, version, requestId })
  reply.headers['API-Version'] = version.value
  reply.headers['X-Request-Id'] = requestId
  return { ...reply, headers: { ...rateLimitHeaders(state), ...reply.headers } }
}

/** One request on its way through the handler. */
interface Call {
  state: EmulatorState
  req: GraphQLRequest
  hooks: ExecutionHooks
  version: ServedVersion
  requestId: string
}

/** Runs a limit check; a RateLimitError becomes the reply in the version's shape. */
function throttled<T>(call: Call, check: () => T): T | HttpReply {
  try {
    return check()
  } catch (e) {
    if (!isRateLimitError(e)) throw e
    call.state.count(call.state.stats.throttled, e.code)
    return rateLimitReply(e, call.version.shape, call.requestId, ACCOUNT_ID)
  }
}

async function handleVersioned(call: Call): Promise<HttpReply> {
  const { state, req, requestId } = call
  const auth = req.headers.authorization
  if (auth === undefined || auth.trim() === '' || (state.token !== undefined && auth !== state.token)) {
    state.count(state.stats.errors, 'Unauthorized')
    return httpErrorReply(401, 'Unauthorized', 'Not Authenticated', requestId)
  }
  const refused = throttled(call, () => {
    const burst = call.hooks.throttle?.()
    if (burst !== undefined) throw burst
    admitRequest(state, req.ip)
  })
  if (refused !== undefined) return refused
  state.windows.inFlight += 1
  state.stats.maxConcurrent = Math.max(state.stats.maxConcurrent, state.windows.inFlight)
  try {
    return await run(call)
  } finally {
    state.windows.inFlight -= 1
  }
}

async function run(call: Call): Promise<HttpReply> {
  const { state, req, hooks, version, requestId } = call
  const parsed = parseRequest(req.body, requestId, version.value)
  if ('status' in parsed) {
    state.count(state.stats.errors, 'InvalidQuery')
    return parsed
  }
  const schema = emulatorSchema(version.value)
  const roots = rootFieldKeys(schema, parsed.operation, parsed.fragments)
  const fields = roots.map(r => r.name)
  const cost = queryComplexity(schema, parsed.operation, parsed.fragments, parsed.variables, state.weights)
  if (cost > state.limits.queryComplexityCap) {
    state.count(state.stats.errors, 'REQUEST_MAX_COMPLEXITY_EXCEEDED')
    return queryCapReply(cost, state.limits.queryComplexityCap, version.shape, version.value, requestId, ACCOUNT_ID)
  }
  const complexity = throttled(call, () => chargeComplexity(state, cost))
  if ('status' in complexity) return complexity
  const ctx = {
    store: state.store,
    cursors: state.cursors,
    now: state.now(),
    complexity,
    version,
    itemsReturned: 0,
    columnValuesReturned: 0,
    aliasFails: () => hooks.aliasFails?.() ?? false,
    aliasStarts: async (field: string) => {
      await hooks.alias?.(field)
      // each alias takes effect at its own moment inside the request
      ctx.now = state.now()
    }
  } as Omit<RequestContext, 'pages'> as RequestContext
  ctx.pages = new Pages(() => ctx)
  hooks.start?.(fields)
  const result = (await execute({
    schema,
    document: parsed.document,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: parsed.variables,
    operationName: parsed.operation.name?.value
  })) as ExecutionResult
  const mutation = parsed.operation.operation === 'mutation'
  await hooks.after?.({ mutation, fields, items: ctx.itemsReturned, columnValues: ctx.columnValuesReturned })
  const corrects = version.shape !== 'legacy' && version.value >= CORRECTION_SINCE
  const spent = corrects ? actualCost(mutation, roots, result, state.weights) : cost
  if (spent !== cost) state.windows.complexity.adjust(spent - cost, state.now())
  recordSpend(state, kindOf(fields), spent)
  return shapeResult(state, result, version, requestId)
}

function shapeResult(
  state: EmulatorState,
  result: ExecutionResult,
  version: ServedVersion,
  requestId: string
): HttpReply {
  const errors = (result.errors ?? []).map(e => {
    const json = e.toJSON()
    const code = typeof e.extensions.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'
    state.count(state.stats.errors, code)
    return { ...json, extensions: { ...e.extensions, code } }
  })
  const expired = errors.find(e => e.extensions.code === 'CursorExpiredError')
  if (version.shape === 'legacy' && expired !== undefined) return legacyCursorReply(expired.message, ACCOUNT_ID)
  const body: Record<string, unknown> = { data: result.data ?? null }
  if (errors.length > 0) body.errors = errors
  body.account_id = ACCOUNT_ID
  if (version.shape !== 'legacy') body.extensions = { request_id: requestId }
  return { status: 200, headers: {}, body }
}
