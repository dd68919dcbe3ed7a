import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One scripted answer; `drop` destroys the socket without answering, `hang` never answers. */
export interface Scripted {
  status?: number
  body?: unknown
  /** Raw text instead of JSON. */
  text?: string
  headers?: Record<string, string>
  drop?: boolean
  hang?: boolean
}

export interface Recorded {
  headers: IncomingHttpHeaders
  query: string
  variables: Record<string, unknown>
}

/** What a scripted request gets when the script is empty. */
export type Fallback = (request: Recorded) => Scripted

const ok = (): Scripted => ({
  body: { data: { complexity: { before: 1_000_000, after: 999_000, query: 1_000, reset_in_x_seconds: 30 } } }
})

/**
 * A real HTTP server on localhost that answers from a script and records every request:
 * the error shapes of API-FACTS.md, served exactly.
 */
export class ScriptedServer {
  readonly requests: Recorded[] = []
  readonly script: Scripted[] = []
  fallback: Fallback = ok
  private server: Server | undefined
  private readonly hanging = new Set<() => void>()
  url = ''

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = ''
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
      req.on('end', () => {
        const parsed = JSON.parse(raw || '{}') as { query?: string; variables?: Record<string, unknown> }
        const recorded = { headers: req.headers, query: parsed.query ?? '', variables: parsed.variables ?? {} }
        this.requests.push(recorded)
        const next = this.script.shift() ?? this.fallback(recorded)
        if (next.drop) {
          req.socket.destroy()
          return
        }
        if (next.hang) {
          this.hanging.add(() => void req.socket.destroy())
          return
        }
        res.writeHead(next.status ?? 200, { 'content-type': 'application/json', ...next.headers })
        res.end(next.text ?? JSON.stringify(next.body ?? {}))
      })
    })
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/v2`
    return this
  }

  /** Requests other than the client's probe. */
  get work(): Recorded[] {
    return this.requests.filter(r => !r.query.includes('MondaySyncProbe'))
  }

  async close(): Promise<void> {
    for (const end of this.hanging) end()
    this.server?.closeAllConnections()
    await new Promise<void>(resolve => this.server?.close(() => resolve()))
  }
}

/** A successful body with complexity and `data`. */
export function okBody(
  data: Record<string, unknown> = {},
  complexity = { before: 1_000_000, after: 990_000, query: 10_000, reset_in_x_seconds: 40 }
): unknown {
  return { data: { ...data, complexity }, extensions: { request_id: 'r-1' } }
}
