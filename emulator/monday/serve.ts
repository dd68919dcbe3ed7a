/** Wraps one `POST /v2` with idempotency [IDEM], seeded faults, server time and monday's 60 s timeout. */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getOperationAST, parse } from 'graphql'
import type { HttpReply } from './error-shapes.js'
import { drawFault, faultReply, type Fault } from './faults.js'
import type { ExecutionHooks } from './graphql-handler.js'
import { conflictReply } from './idempotency.js'
import { RequestTime } from './request-time.js'
import { send } from './server.js'
import type { EmulatorState } from './state.js'

/** Emulated milliseconds a timeout fault hangs by default: monday's 60 s request timeout [BP]. */
const DEFAULT_TIMEOUT_MS = 60_000

function isMutation(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { query?: unknown; operationName?: unknown }
    if (typeof parsed.query !== 'string') return false
    const name = typeof parsed.operationName === 'string' ? parsed.operationName : undefined
    return getOperationAST(parse(parsed.query), name)?.operation === 'mutation'
  } catch {
    return false
  }
}

/** Acts out a transport fault on the wire. */
async function actOut(state: EmulatorState, fault: Fault, res: ServerResponse): Promise<void> {
  state.count(state.stats.errors, `fault:${fault.kind}`)
  if (fault.kind === 'drop') {
    res.socket?.destroy()
    return
  }
  if (fault.kind === 'timeout') {
    // the hang ends early when the client gives up and closes the connection
    const closed = new AbortController()
    res.once('close', () => closed.abort())
    await state.sleep(state.faults.timeoutMs ?? DEFAULT_TIMEOUT_MS, closed.signal).catch(() => undefined)
    res.socket?.destroy()
    return
  }
  send(res, faultReply(fault.kind, randomUUID()))
}

export async function serveGraphQL(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  run: (hooks: ExecutionHooks) => Promise<HttpReply>
): Promise<void> {
  const mutation = isMutation(body)
  const rawKey = req.headers['idempotency-key']
  const key = mutation && typeof rawKey === 'string' && rawKey !== '' ? rawKey : undefined
  if (key !== undefined) {
    const lookup = state.idempotency.begin(key, state.now())
    if (lookup.kind === 'pending') {
      state.count(state.stats.errors, 'IDEMPOTENCY_CONFLICT')
      send(res, conflictReply(randomUUID()))
      return
    }
    if (lookup.kind === 'replay') {
      state.stats.idempotentReplays += 1
      send(res, { ...lookup.reply, headers: { ...lookup.reply.headers, 'Idempotency-Replayed': 'true' } })
      return
    }
  }
  let reply: HttpReply | undefined
  try {
    const fault = drawFault(state.faults, state.random, mutation)
    if (fault !== null && !fault.afterExecution) {
      await actOut(state, fault, res)
      return
    }
    const rate = state.faults.aliasFailure ?? 0
    const time = new RequestTime(state)
    const raced = await time.race(
      run({
        throttle: () => state.bursts.next(state.faults, state.random),
        aliasFails: () => rate > 0 && state.random.next() < rate,
        start: fields => time.start(fields),
        alias: field => time.alias(field),
        after: request => time.after(request)
      }).then(async answer => {
        if (!time.executed) await time.refused()
        return answer
      })
    )
    if (!raced.ok) {
      // [BP] 60 s timeout: the gateway answers 504 while the work goes on; nothing is cached
      // for the Idempotency-Key, so a retry runs the mutations again.
      state.count(state.stats.errors, 'GatewayTimeout')
      send(res, faultReply('error504', randomUUID()))
      return
    }
    reply = raced.value
    if (fault !== null) await actOut(state, fault, res)
    else send(res, reply)
  } finally {
    if (key !== undefined) state.idempotency.finish(key, reply, state.now())
  }
}
