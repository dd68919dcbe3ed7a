/** The HTTP server: `POST /v2` and the admin routes, with every socket tracked for close(). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { handleAdminRoute } from './admin-routes.js'
import type { HttpReply } from './error-shapes.js'
import { httpErrorReply } from './error-shapes.js'
import { handleGraphQL, type ExecutionHooks } from './graphql-handler.js'
import { emulatorSdl } from './schema.js'
import type { EmulatorState } from './state.js'
import type { EmulatorAdmin } from './types.js'

/** Largest request body accepted (bytes). */
const MAX_BODY_BYTES = 20 * 1024 * 1024

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function send(res: ServerResponse, reply: HttpReply): void {
  if (res.destroyed) return
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers })
  res.end(body)
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v
  return out
}

export interface ServerParts {
  state: EmulatorState
  admin: EmulatorAdmin
  /** wraps a GraphQL request with idempotency, faults and latency */
  serveGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    run: (hooks: ExecutionHooks) => Promise<HttpReply>
  ): Promise<void>
}

export function createEmulatorServer(parts: ServerParts): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    void route(parts, req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e)
      send(res, httpErrorReply(500, 'INTERNAL_SERVER_ERROR', message, 'emulator'))
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return { server, sockets }
}

async function route(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator')
  const body = await readBody(req)
  if (url.pathname.startsWith('/admin/')) {
    send(res, handleAdminRoute(parts.admin, req.method ?? 'GET', url.pathname, body))
    return
  }
  if (url.pathname === '/v2/get_schema' && req.method === 'GET') {
    // monday serves each version's SDL here [VER]; the emulator serves the subset it implements.
    const sdl = emulatorSdl(url.searchParams.get('version') ?? undefined)
    send(res, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: sdl })
    return
  }
  if ((url.pathname === '/v2' || url.pathname === '/v2/') && req.method === 'POST') {
    const ip = req.socket.remoteAddress ?? 'unknown'
    await parts.serveGraphQL(req, res, body, hooks =>
      handleGraphQL(parts.state, { headers: headersOf(req), body, ip }, hooks)
    )
    return
  }
  send(
    res,
    httpErrorReply(404, 'ResourceNotFoundException', `No route ${req.method ?? ''} ${url.pathname}`, 'emulator')
  )
}
