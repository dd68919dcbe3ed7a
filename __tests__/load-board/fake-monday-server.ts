import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeBoard } from './fake-board.js'

/**
 * A tiny HTTP stand-in for monday that serves the three load-board documents from FakeBoards,
 * used where the monday emulator is not needed (CLI wiring). Records the Authorization header.
 */
export async function startFakeMonday(
  boards: FakeBoard[],
  options: { delayMs?: number; onRequest?: (n: number) => void } = {}
): Promise<{ url: string; tokens: Set<string>; close(): Promise<void> }> {
  const byId = new Map(boards.map(b => [b.boardId, b]))
  const owner = new Map(boards.flatMap(b => b.items.map(i => [i.id, b] as const)))
  const tokens = new Set<string>()
  let served = 0
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      void (async () => {
        tokens.add(String(req.headers.authorization))
        options.onRequest?.(++served)
        const { query, variables } = JSON.parse(raw) as { query: string; variables: Record<string, unknown> }
        if (options.delayMs) await new Promise(resolve => setTimeout(resolve, options.delayMs))
        let data: unknown
        if (query.includes('LoadBoardCounts')) {
          const ids = variables.boards as string[]
          data = { boards: ids.filter(id => byId.has(id)).map(id => ({ id, items_count: byId.get(id)!.items.length })) }
        } else if (query.includes('LoadBoardFirstPage')) {
          const id = (variables.board as string[])[0]!
          const board = byId.get(id)
          const page = board ? await board.walkPage(id, null, variables.limit as number) : null
          data = {
            boards: page
              ? [
                  {
                    id,
                    items_count: page.itemsCount,
                    items_page: { cursor: page.cursor, items: page.ids.map(i => ({ id: i })) }
                  }
                ]
              : []
          }
        } else if (query.includes('LoadBoardNextPage')) {
          const [id, offset] = String(variables.cursor).split(':')
          const page = await byId.get(id!)!.walkPage(id!, offset!, variables.limit as number)
          data = {
            next_items_page: { cursor: page.cursor && `${id}:${page.cursor}`, items: page.ids.map(i => ({ id: i })) }
          }
        } else {
          const ids = variables.ids as string[]
          const board = owner.get(ids[0]!)
          data = { items: board ? await board.fetchItems(ids, { subitems: query.includes('subitems') }) : [] }
        }
        if (query.includes('LoadBoardFirstPage')) {
          const boardsData = data as { boards: { id: string; items_page: { cursor: string | null } }[] }
          for (const b of boardsData.boards)
            b.items_page.cursor = b.items_page.cursor && `${b.id}:${b.items_page.cursor}`
        }
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
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
