import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request as the emulators see it: body read whole. */
export interface EmulatorRequest {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: Buffer
}

export type Handler = (req: EmulatorRequest, res: ServerResponse) => void | Promise<void>

/** A started emulator: its base URL and how to stop it. */
export interface RunningServer {
  url: string
  close(): Promise<void>
}

/** Starts an HTTP server on 127.0.0.1 (a free port unless `port` is given). */
export async function listen(handler: Handler, port = 0): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks)
      }
      Promise.resolve(handler(request, res)).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: e instanceof Error ? e.message : String(e) })
        else res.end()
      })
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** Parses a JSON body; undefined when it is not JSON. */
export function jsonBody(req: EmulatorRequest): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8') || '{}')
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
