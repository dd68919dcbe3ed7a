/** Wraps one `POST /v2` with the latency model (and, later, idempotency and faults). */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpReply } from './error-shapes.js'
import type { ExecutionHooks } from './graphql-handler.js'
import { latencyMs, sleep } from './latency.js'
import { send } from './server.js'
import type { EmulatorState } from './state.js'

export async function serveGraphQL(
  state: EmulatorState,
  _req: IncomingMessage,
  res: ServerResponse,
  _body: string,
  run: (hooks: ExecutionHooks) => Promise<HttpReply>
): Promise<void> {
  const hooks: ExecutionHooks = {
    after: (fields, items) => sleep(latencyMs(state.latency, fields.length, items, state.random))
  }
  send(res, await run(hooks))
}
