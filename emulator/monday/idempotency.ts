/**
 * `Idempotency-Key` on mutations [IDEM]: the first response is cached 30 minutes and replayed with
 * `Idempotency-Replayed: true`; a concurrent duplicate gets 409 `IDEMPOTENCY_CONFLICT` with
 * `Retry-After`; responses over 1 MB are not cached; a refused (429) request was not processed,
 * so nothing is cached for it.
 */
import type { HttpReply } from './error-shapes.js'

/** emulated milliseconds a response stays cached */
export const IDEMPOTENCY_TTL_MS = 30 * 60_000
/** bytes; larger responses are not cached */
export const IDEMPOTENCY_MAX_BYTES = 1024 * 1024
/** seconds a concurrent duplicate is told to wait */
export const CONFLICT_RETRY_SECONDS = 1

type Entry = { state: 'pending' } | { state: 'done'; reply: HttpReply; at: number }

export type IdempotencyLookup = { kind: 'new' } | { kind: 'pending' } | { kind: 'replay'; reply: HttpReply }

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>()

  /** Looks a key up and, when new, marks it in flight. */
  begin(key: string, now: number): IdempotencyLookup {
    const entry = this.entries.get(key)
    if (entry?.state === 'pending') return { kind: 'pending' }
    if (entry?.state === 'done' && now - entry.at < IDEMPOTENCY_TTL_MS) return { kind: 'replay', reply: entry.reply }
    this.entries.set(key, { state: 'pending' })
    return { kind: 'new' }
  }

  /** Stores the processed reply, or forgets the key when the request was not processed. */
  finish(key: string, reply: HttpReply | undefined, now: number): void {
    const processed = reply !== undefined && reply.status === 200
    if (!processed || JSON.stringify(reply.body).length > IDEMPOTENCY_MAX_BYTES) {
      this.entries.delete(key)
      return
    }
    this.entries.set(key, { state: 'done', reply, at: now })
    if (this.entries.size > 10_000) this.sweep(now)
  }

  clear(): void {
    this.entries.clear()
  }

  private sweep(now: number): void {
    for (const [key, e] of this.entries)
      if (e.state === 'done' && now - e.at >= IDEMPOTENCY_TTL_MS) this.entries.delete(key)
  }
}

/** The 409 for a duplicate that arrives while the first is still running. */
export function conflictReply(requestId: string): HttpReply {
  return {
    status: 409,
    headers: { 'Retry-After': String(CONFLICT_RETRY_SECONDS) },
    body: {
      errors: [
        {
          message: 'A request with this Idempotency-Key is already in progress',
          extensions: { code: 'IDEMPOTENCY_CONFLICT', retry_in_seconds: CONFLICT_RETRY_SECONDS }
        }
      ],
      extensions: { request_id: requestId }
    }
  }
}
