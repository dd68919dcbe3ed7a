import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { MondayEmulator } from '../../emulator/monday/index.js'
import { dataOf, emulator, post } from './http.js'

interface Page {
  cursor: string | null
  items: { id: string }[]
}

let emu: MondayEmulator
beforeAll(async () => {
  emu = await emulator({ limits: { complexityPerMinute: 1e12, requestsPerMinute: 1e9, dailyCalls: 1e9 } })
})
afterAll(async () => {
  await emu.close()
})

describe('paging (property)', () => {
  it('any sequence of page sizes returns every active item exactly once, deleted ones skipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (size, limits, deletions) => {
          const board = emu.admin.createBoard({ name: 'p', items: size })
          const ids = emu.admin.items(board.id).map(i => i.id)
          const first = dataOf(
            await post(
              emu.url,
              `{ boards(ids: [${board.id}]) { items_page(limit: ${limits[0] ?? 1}) { cursor items { id } } } }`
            )
          )
          let page = (first.boards as { items_page: Page }[])[0]?.items_page
          const seen: string[] = []
          // Items deleted after the walk started must not come back.
          const deleted = new Set(size === 0 ? [] : deletions.map(d => ids[d % size] ?? ''))
          for (const id of deleted) await post(emu.url, `mutation { delete_item(item_id: ${id}) { id } }`)
          let n = 1
          while (page !== undefined) {
            seen.push(...page.items.map(i => i.id))
            if (page.cursor === null) break
            const limit = limits[n % limits.length] ?? 1
            n += 1
            const next = dataOf(
              await post(
                emu.url,
                `query($c: String!) { next_items_page(cursor: $c, limit: ${limit}) { cursor items { id } } }`,
                { c: page.cursor }
              )
            )
            page = next.next_items_page as Page
          }
          const firstPage = Math.min(limits[0] ?? 1, size)
          const expected = ids.filter((id, i) => i < firstPage || !deleted.has(id))
          expect(seen).toEqual(expected)
        }
      ),
      { numRuns: 25, seed: 20261123 }
    )
  })
})
