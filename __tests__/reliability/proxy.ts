import { type Server, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the proxy does with one request (after counting it). */
export type ProxyAction = 'forward' | 'drop'

/**
 * A pass-through HTTP proxy in front of the monday emulator that counts requests (for seeded
 * kill points) and may drop a connection. The emulator stays untouched; the proxy only sees bytes.
 */
export async function startProxy(
  target: string,
  onRequest: (n: number, body: string) => ProxyAction | void
): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let served = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString()
        served += 1
        if (onRequest(served, body) === 'drop') {
          req.socket.destroy()
          return
        }
        const headers: Record<string, string> = {}
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key)) headers[key] = value
        }
        try {
          const upstream = await fetch(new URL(req.url ?? '/', target), {
            method: req.method,
            headers,
            body: req.method === 'GET' ? undefined : body
          })
          const text = await upstream.text()
          const out: Record<string, string> = {}
          upstream.headers.forEach((value, key) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(key))
              out[key] = value
          })
          res.writeHead(upstream.status, out)
          res.end(text)
        } catch {
          // the emulator dropped or timed out the request: the client sees the same
          req.socket.destroy()
        }
      })()
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    requests: () => served,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
