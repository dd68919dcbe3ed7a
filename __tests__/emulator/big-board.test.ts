import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, describe, expect, it } from '@jest/globals'
import type { MondayEmulator } from '../../emulator/monday/index.js'
import { dataOf, emulator, post } from './http.js'

let emu: MondayEmulator | undefined
afterAll(async () => {
  await emu?.close()
})

interface Page {
  cursor: string | null
  items: { id: string }[]
}

/** A full collection before each reading, so the heap figure is the board and not leftover garbage. */
function settledHeap(): number {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  gc()
  return process.memoryUsage().heapUsed
}

describe('a 100,000-item board', () => {
  it('is created and fully paged through; its memory is reported', async () => {
    const heapBefore = settledHeap()
    emu = await emulator()
    const board = emu.admin.createBoard({
      name: 'Big',
      columns: [
        { title: 'Status', type: 'status' },
        { title: 'Qty', type: 'numbers' },
        { title: 'Due', type: 'date' },
        { title: 'Text', type: 'text' }
      ],
      groups: ['One', 'Two'],
      items: 100_000
    })
    const heapMb = Math.round((settledHeap() - heapBefore) / 1_048_576)
    console.log(
      `100,000 items with 4 columns: heap grew ${heapMb} MB (rss ${Math.round(process.memoryUsage().rss / 1_048_576)} MB)`
    )
    expect(heapMb).toBeLessThan(500)
    const seen = new Set<string>()
    const first = dataOf(
      await post(emu.url, `{ boards(ids: [${board.id}]) { items_page(limit: 500) { cursor items { id } } } }`)
    ) as { boards: { items_page: Page }[] }
    let page: Page | undefined = first.boards[0]?.items_page
    let requests = 1
    while (page !== undefined) {
      for (const item of page.items) seen.add(item.id)
      if (page.cursor === null) break
      const next = dataOf(
        await post(emu.url, `query($c: String!) { next_items_page(cursor: $c, limit: 500) { cursor items { id } } }`, {
          c: page.cursor
        })
      )
      page = next.next_items_page as Page
      requests += 1
    }
    expect(seen.size).toBe(100_000)
    expect(requests).toBe(200)
    expect(emu.admin.stats().pointsSpent).toBeLessThan(10_000_000)
  })
})
