import { type Server, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the proxy does with one request. */
export interface ProxyPlan {
  /**
   * `forward` (default); `drop`: the socket is destroyed unanswered and monday never sees the
   * request; `lose`: monday executes it and the answer is lost; `respond`: `response` is answered
   * instead and monday never sees the request.
   */
  action?: 'forward' | 'drop' | 'lose' | 'respond'
  response?: { status: number; body: unknown; headers?: Record<string, string> }
  /** Called once monday has answered, before the answer is delivered (or lost). */
  onAnswered?: () => void
  /** Called after the answer was delivered. */
  onDelivered?: () => void
}

export interface Proxy {
  url: string
  requests(): number
  close(): Promise<void>
}

/**
 * A pass-through HTTP proxy in front of the monday emulator: it counts requests (for seeded kill
 * points) and can drop a request, lose monday's answer or answer in monday's place (faults the
 * emulator does not make itself). It only sees bytes; the emulator stays untouched.
 */
export async function startProxy(target: string, plan: (n: number, body: string) => ProxyPlan | void): Promise<Proxy> {
  let served = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString()
        served += 1
        const p = plan(served, body) ?? {}
        if (p.action === 'drop') {
          req.socket.destroy()
          return
        }
        if (p.action === 'respond' && p.response) {
          res.writeHead(p.response.status, { 'content-type': 'application/json', ...p.response.headers })
          res.end(JSON.stringify(p.response.body))
          return
        }
        const headers: Record<string, string> = {}
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key)) headers[key] = value
        }
        let status: number
        let text: string
        const out: Record<string, string> = {}
        try {
          const upstream = await fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body })
          text = await upstream.text()
          status = upstream.status
          upstream.headers.forEach((value, key) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(key))
              out[key] = value
          })
        } catch {
          // the emulator dropped or timed out the request: the client sees the same
          req.socket.destroy()
          return
        }
        p.onAnswered?.()
        if (p.action === 'lose') {
          req.socket.destroy()
          return
        }
        res.writeHead(status, out)
        res.end(text, () => p.onDelivered?.())
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
