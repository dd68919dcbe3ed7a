import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RawItem } from '../../src/pipelines/load-board/rows.js'
import type { FakeBoard } from './fake-board.js'

type Vars = Record<string, unknown>

/**
 * A tiny HTTP stand-in for monday serving what load-board (and a plain walk) asks: items_count,
 * items_page / next_items_page (ids only, or every field when the query selects column_values)
 * and items(ids:), from FakeBoards, plus the `complexity` field the engine client adds to every
 * request. Kept for the suites that still run the CLI against it (reliability, e2e); load-board's
 * own HTTP tests run against the monday emulator.
 */
export async function startFakeMonday(
  boards: FakeBoard[],
  options: {
    delayMs?: number
    /** Extra latency per item returned with every field (monday's time grows with the data). */
    perFullItemMs?: number
    onRequest?: (n: number) => void
    /** The first next_items_page at or after this request number answers "cursor expired" (legacy shape). */
    expireCursorAtRequest?: number
    /** More requests in flight than this get 429 MAX_CONCURRENCY_EXCEEDED (retry_in_seconds 0). */
    maxInFlight?: number
  } = {}
): Promise<{ url: string; tokens: Set<string>; rejected(): number; close(): Promise<void> }> {
  const byId = new Map(boards.map(b => [b.boardId, b]))
  const owner = new Map(boards.flatMap(b => b.items.map(i => [i.id, b] as const)))
  const tokens = new Set<string>()
  let served = 0
  let inFlight = 0
  let rejected = 0

  async function page(boardId: string, offset: string | null, limit: number, full: boolean): Promise<unknown> {
    const board = byId.get(boardId)!
    const result = await board.walkPage(boardId, offset, limit)
    const items = full ? await board.fetchItems(result.ids, { subitems: false }) : result.ids.map(id => ({ id }))
    return { cursor: result.cursor && `${boardId}:${result.cursor}`, items }
  }

  async function answer(query: string, v: Vars): Promise<Record<string, unknown>> {
    if (/columns\s*\{/.test(query) && !query.includes('column_values')) {
      const ids = ((v.board ?? v.boards) as string[]).filter(id => byId.has(id))
      const boards = []
      for (const id of ids) {
        const columns = await byId.get(id)!.boardColumns()
        boards.push({ id, name: columns.name, columns: columns.columns.map(c => ({ ...c, settings_str: '{}' })) })
      }
      return { boards }
    }
    if (!/\bitems\b|items_page|items_count/.test(query)) return {}
    const full = query.includes('column_values')
    if (query.includes('next_items_page')) {
      const [id, offset] = String(v.cursor ?? v.c).split(':')
      return { next_items_page: await page(id!, offset!, Number(v.limit ?? 500), full) }
    }
    if (query.includes('items_page')) {
      const id = ((v.board ?? v.b) as string[])[0]!
      if (!byId.has(id)) return { boards: [] }
      const items_page = await page(id, null, Number(v.limit ?? 500), full)
      return { boards: [{ id, items_count: byId.get(id)!.items.length, items_page }] }
    }
    if (query.includes('items_count')) {
      const ids = (v.boards as string[]).filter(id => byId.has(id))
      return { boards: ids.map(id => ({ id, items_count: byId.get(id)!.items.length })) }
    }
    const ids = v.ids as string[]
    const board = owner.get(ids[0]!)
    const items: RawItem[] = board ? await board.fetchItems(ids, { subitems: query.includes('subitems') }) : []
    return { items }
  }

  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      void (async () => {
        tokens.add(String(req.headers.authorization))
        served += 1
        options.onRequest?.(served)
        const { query, variables } = JSON.parse(raw) as { query: string; variables: Vars }
        if (query.includes('next_items_page') && served >= (options.expireCursorAtRequest ?? Infinity)) {
          options.expireCursorAtRequest = undefined
          res.writeHead(200, { 'content-type': 'application/json' })
          const message = 'CursorExpiredError: The cursor provided for pagination has expired. Please use a new cursor'
          res.end(JSON.stringify({ error_code: 'CursorException', status_code: 200, error_message: message }))
          return
        }
        if (inFlight >= (options.maxInFlight ?? Infinity)) {
          rejected += 1
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
          const error = {
            message: 'Too many concurrent requests',
            extensions: { code: 'MAX_CONCURRENCY_EXCEEDED', retry_in_seconds: 0 }
          }
          res.end(JSON.stringify({ errors: [error] }))
          return
        }
        inFlight += 1
        const data = await answer(query, variables ?? {})
        // the engine client asks every request's cost (and probes with `complexity` alone)
        if (/\bcomplexity\s*\{/.test(query)) {
          data.complexity = { before: 10_000_000, after: 9_999_000, query: 1_000, reset_in_x_seconds: 60 }
        }
        const full = query.includes('column_values') ? (JSON.stringify(data).match(/"column_values"/g)?.length ?? 0) : 0
        const delay = (options.delayMs ?? 0) + full * (options.perFullItemMs ?? 0)
        if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay))
        inFlight -= 1
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ data }))
      })()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v2`,
    tokens,
    rejected: () => rejected,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
