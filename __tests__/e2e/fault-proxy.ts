import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A pass-through to a monday stand-in that answers one `items(ids:)` request with a GraphQL
 * error (a validation failure: not retried) when armed, so a run fails part-way.
 */
export async function startFaultProxy(target: string): Promise<{
  url: string
  /** Fail the `n`th items(ids:) request from now on with `message`. */
  failFetch(n: number, message: string): void
  /** From the `n`th request on, answer every request with `status` and `body` (until `heal()`). */
  failFrom(n: number, status: number, body: unknown): void
  heal(): void
  /** Requests forwarded so far. */
  forwarded(): number
  close(): Promise<void>
}> {
  let armed: { remaining: number; message: string } | null = null
  let outage: { remaining: number; status: number; body: unknown } | null = null
  let forwarded = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const { variables } = JSON.parse(body.toString('utf8')) as { variables?: { ids?: unknown } }
        if (armed && Array.isArray(variables?.ids) && --armed.remaining === 0) {
          const message = armed.message
          armed = null
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'ColumnValueException' } }] }))
          return
        }
        if (outage && --outage.remaining <= 0) {
          res.writeHead(outage.status, { 'content-type': 'application/json' })
          res.end(JSON.stringify(outage.body))
          return
        }
        forwarded += 1
        const response = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: String(req.headers.authorization),
            ...(req.headers['api-version'] ? { 'api-version': String(req.headers['api-version']) } : {}),
            ...(req.headers['idempotency-key'] ? { 'idempotency-key': String(req.headers['idempotency-key']) } : {})
          },
          body
        })
        const headers: Record<string, string> = {}
        response.headers.forEach((value, key) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(key))
            headers[key] = value
        })
        res.writeHead(response.status, headers)
        res.end(Buffer.from(await response.arrayBuffer()))
      })()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v2`,
    failFetch: (n, message) => void (armed = { remaining: n, message }),
    failFrom: (n, status, body) => void (outage = { remaining: n, status, body }),
    heal: () => void (outage = null),
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
