/** Seeded fault injection: 5xx, timeouts, dropped connections, 423 locked, 429 bursts. */
import type { HttpReply } from './error-shapes.js'
import { RateLimitError } from './errors.js'
import type { Random } from './random.js'
import type { FaultOptions } from './types.js'

export type FaultKind = 'error500' | 'error502' | 'error504' | 'timeout' | 'drop' | 'locked'

export interface Fault {
  kind: FaultKind
  /** the request executes and the fault hits its response (data changed, answer lost) */
  afterExecution: boolean
}

const ORDER: readonly FaultKind[] = ['error500', 'error502', 'error504', 'timeout', 'drop', 'locked']

/** Draws at most one fault for a request; the same seed and request order give the same faults. */
export function drawFault(faults: FaultOptions, random: Random, mutation: boolean): Fault | null {
  const r = random.next()
  const after = random.next() < (faults.afterExecution ?? 0)
  let edge = 0
  for (const kind of ORDER) {
    if (kind === 'locked' && !mutation) continue
    edge += faults[kind] ?? 0
    if (r < edge) return { kind, afterExecution: after && kind !== 'locked' }
  }
  return null
}

/** The reply a 5xx or 423 fault sends; gateways answer in HTML, as proxies do. */
export function faultReply(kind: 'error500' | 'error502' | 'error504' | 'locked', requestId: string): HttpReply {
  switch (kind) {
    case 'error500':
      return {
        status: 500,
        headers: {},
        body: { error_message: 'Internal server error', status_code: 500, request_id: requestId }
      }
    case 'error502':
      return {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>'
      }
    case 'error504':
      return {
        status: 504,
        headers: { 'Content-Type': 'text/html' },
        body: '<html><body><h1>504 Gateway Time-out</h1></body></html>'
      }
    case 'locked':
      return {
        status: 423,
        headers: {},
        body: {
          errors: [
            { message: 'Resource is currently locked', extensions: { code: 'RESOURCE_LOCKED', status_code: 423 } }
          ],
          extensions: { request_id: requestId }
        }
      }
  }
}

/** 429 bursts: once one starts, the next `burstLength` requests are refused. */
export class BurstState {
  private left = 0

  /** A refusal for this request, or undefined. */
  next(faults: FaultOptions, random: Random): RateLimitError | undefined {
    if (this.left === 0 && random.next() < (faults.burst429 ?? 0)) this.left = faults.burstLength ?? 5
    if (this.left === 0) return undefined
    this.left -= 1
    return new RateLimitError('MINUTE_RATE_LIMIT_EXCEEDED', 'Minute rate limit exceeded', 1 + random.int(5))
  }

  clear(): void {
    this.left = 0
  }
}
