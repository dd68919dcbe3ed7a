/**
 * The engine alone: client-side overhead with no latency and no limits. A loopback server answers
 * every aliased `create_item` request at once with a canned success (ids, and a complexity report
 * that never runs the budget low), so what is measured is the client: document building, the
 * complexity injection, admission, the transport, response parsing, classification, metrics.
 *
 *   tsx bench/overhead.ts [--items N]
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createMondayClient } from '../src/adapters/monday/client.js'
import { createItems } from '../__tests__/monday-client/create-items.js'

export interface OverheadBenchOptions {
  /** Items to create; default 100 000. */
  items?: number
  /** Batches in flight; default 8. */
  workers?: number
  log?: (line: string) => void
}

export interface OverheadBenchResult {
  items: number
  requests: number
  seconds: number
  itemsPerSecond: number
  requestsPerSecond: number
  /** Client CPU per item, microseconds (user + system of this process ÷ items). */
  cpuMicrosPerItem: number // includes the loopback server, which runs in the same process
  server: string
}

const BUDGET = 1e15

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Answers every alias `aN: create_item` with an id; `complexity` with an inexhaustible budget. */
async function startInstantServer(): Promise<{ url: string; close: () => Promise<void> }> {
  let nextId = 1
  const server = createServer(async (req, res) => {
    const { query } = JSON.parse(await body(req)) as { query: string }
    const data: Record<string, unknown> = {}
    for (const match of query.matchAll(/(\w+): create_item\(/g)) data[match[1]!] = { id: String(nextId++) }
    data.complexity = { before: BUDGET, after: BUDGET, query: 10_000, reset_in_x_seconds: 60 }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ data }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v2`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export async function benchOverhead(options: OverheadBenchOptions = {}): Promise<OverheadBenchResult> {
  const items = options.items ?? 100_000
  const server = await startInstantServer()
  try {
    const client = createMondayClient({
      url: server.url,
      token: 'overhead',
      probe: false,
      limits: { complexityPerMinute: BUDGET, requestsPerMinute: 1e9, concurrency: 1_000 }
    })
    const cpu = process.cpuUsage()
    const started = performance.now()
    const result = await createItems(client, '1', items, { workers: options.workers ?? 8, min: 50, max: 50 })
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    options.log?.(`${result.created} items in ${result.requests} requests, ${seconds.toFixed(1)} s`)
    return {
      items: result.created,
      requests: result.requests,
      seconds,
      itemsPerSecond: result.created / seconds,
      requestsPerSecond: result.requests / seconds,
      cpuMicrosPerItem: (used.user + used.system) / result.created,
      server: 'loopback server answering at once (no latency, no limits); 50 aliases per request, 8 in flight'
    }
  } finally {
    await server.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { items: { type: 'string' } } })
  const result = await benchOverhead({
    ...(values.items ? { items: Number(values.items) } : {}),
    log: line => console.log(line)
  })
  console.log(JSON.stringify(result, null, 2))
}
