/** Opaque items_page cursors that live 60 minutes from their first request [IP] [QBI]. */
import { CursorExpiredError, MondayApplicationError } from './errors.js'

/** emulated milliseconds a cursor lives after the request that created it */
export const CURSOR_LIFETIME_MS = 60 * 60_000

interface Session {
  ids: string[]
  createdAt: number
}

/** Walks kept at once; the oldest beyond this answer CursorExpiredError (bounds memory in long benchmarks). */
export const MAX_WALKS = 256

export class CursorStore {
  private readonly sessions = new Map<string, Session>()
  /** walks forgotten after expiry or eviction: their cursors still answer CursorExpiredError */
  private readonly expired = new Set<string>()
  private next = 0

  constructor(private readonly salt: string) {}

  /** Starts a walk over `ids`; returns the cursor of position `offset` or null at the end. */
  open(ids: string[], offset: number, now: number): string | null {
    if (offset >= ids.length) return null
    this.sweep(now)
    this.next += 1
    const id = `${this.salt}${this.next.toString(36)}`
    this.sessions.set(id, { ids, createdAt: now })
    return encode(id, offset)
  }

  /** The ids after a cursor; throws CursorExpiredError after 60 minutes. */
  resume(cursor: string, now: number): { ids: string[]; offset: number; advance(to: number): string | null } {
    const [id, offsetText] = decode(cursor)
    const session = this.sessions.get(id)
    const offset = Number(offsetText)
    if (this.expired.has(id)) throw new CursorExpiredError()
    if (session === undefined || !Number.isInteger(offset)) {
      throw new MondayApplicationError('The cursor provided is invalid', 'InvalidCursorException')
    }
    if (now - session.createdAt >= CURSOR_LIFETIME_MS) throw new CursorExpiredError()
    return {
      ids: session.ids,
      offset,
      advance: (to: number) => (to >= session.ids.length ? null : encode(id, to))
    }
  }

  clear(): void {
    this.sessions.clear()
    this.expired.clear()
  }

  /** Forgets expired walks and the oldest beyond MAX_WALKS; their cursors answer CursorExpiredError. */
  private sweep(now: number): void {
    if (this.expired.size > 100_000) this.expired.clear()
    for (const [id, s] of this.sessions) {
      if (now - s.createdAt >= CURSOR_LIFETIME_MS || this.sessions.size >= MAX_WALKS) {
        this.sessions.delete(id)
        this.expired.add(id)
      }
    }
  }
}

function encode(id: string, offset: number): string {
  return Buffer.from(`${id}|${offset}`).toString('base64url')
}

function decode(cursor: string): [string, string] {
  const [id = '', offset = ''] = Buffer.from(cursor, 'base64url').toString().split('|')
  return [id, offset]
}
