import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { BoardInfo, MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, post } from './http.js'

interface Page {
  cursor: string | null
  items: { id: string; name: string; column_values?: { id: string; text: string; value: string | null }[] }[]
}

let emu: MondayEmulator
let board: BoardInfo

beforeAll(async () => {
  emu = await emulator()
  board = emu.admin.createBoard({
    name: 'Orders',
    columns: [
      { title: 'Status', type: 'status', labels: ['Working on it', 'Done', 'Stuck'] },
      { title: 'Qty', type: 'numbers' },
      { id: 'sku', title: 'SKU', type: 'text' }
    ],
    groups: ['East', 'West'],
    items: 1234,
    subitemsPerItem: 1,
    subitemColumns: [{ title: 'Note', type: 'text' }]
  })
})
afterAll(async () => {
  await emu.close()
})

async function walk(first: string, limit: number): Promise<string[]> {
  const firstPage = dataOf(await post(emu.url, first)) as { boards: { items_page: Page }[] }
  const page = firstPage.boards[0]?.items_page
  if (page === undefined) throw new Error('no page')
  const ids = page.items.map(i => i.id)
  let cursor = page.cursor
  while (cursor !== null) {
    const next = dataOf(
      await post(
        emu.url,
        `query($c: String!) { next_items_page(cursor: $c, limit: ${limit}) { cursor items { id } } }`,
        { c: cursor }
      )
    )
    const p = next.next_items_page as Page
    ids.push(...p.items.map(i => i.id))
    cursor = p.cursor
  }
  return ids
}

describe('reading boards', () => {
  it('pages through every item once with items_page and next_items_page', async () => {
    const ids = await walk(`{ boards(ids: [${board.id}]) { items_page(limit: 500) { cursor items { id } } } }`, 500)
    const expected = emu.admin.items(board.id).map(i => i.id)
    expect(ids).toHaveLength(1234)
    expect(new Set(ids)).toEqual(new Set(expected))
  })

  it('returns values matching the admin read-back, subitems on their own board', async () => {
    const reply = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { items_page(limit: 3) { items { id name group { id } column_values { id text value } subitems { id board { id } column_values { id text } } } } } }`
    )
    const items =
      (dataOf(reply).boards as { items_page: { items: Record<string, unknown>[] } }[])[0]?.items_page.items ?? []
    const admin = emu.admin.items(board.id)
    for (const item of items) {
      const mine = admin.find(a => a.id === item.id)
      expect(mine).toBeDefined()
      expect(item.name).toBe(mine?.name)
      for (const cv of item.column_values as { id: string; text: string; value: string | null }[]) {
        expect(cv.text).toBe(mine?.columnValues[cv.id]?.text)
        expect(cv.value).toBe(mine?.columnValues[cv.id]?.value)
      }
      const subs = item.subitems as { id: string; board: { id: string } }[]
      expect(subs).toHaveLength(1)
      expect(subs[0]?.board.id).toBe(board.subitemsBoardId)
    }
    expect(board.subitemColumns.map(c => c.id)).toEqual(['name', 'note'])
    expect(board.columns.find(c => c.id === 'subitems')?.type).toBe('subtasks')
  })

  it('filters with query_params rules and ids, and pages a group', async () => {
    const rule = `{ boards(ids: [${board.id}]) { items_page(limit: 500, query_params: { rules: [{ column_id: "status", compare_value: [1] }] }) { items { id } } } }`
    const done = ((dataOf(await post(emu.url, rule)).boards as { items_page: Page }[])[0]?.items_page.items ?? []).map(
      i => i.id
    )
    const expectedDone = emu.admin.items(board.id).filter(i => i.columnValues.status?.text === 'Done')
    expect(done.length).toBeGreaterThan(0)
    expect(new Set(done)).toEqual(new Set(expectedDone.slice(0, 500).map(i => i.id)))
    const some = emu.admin
      .items(board.id)
      .slice(0, 3)
      .map(i => i.id)
    const byIds = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { items_page(query_params: { ids: [${some.join(',')}] }) { items { id } } } }`
    )
    expect(((dataOf(byIds).boards as { items_page: Page }[])[0]?.items_page.items ?? []).map(i => i.id)).toEqual(some)
    const west = board.groups[1]?.id ?? ''
    const group = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { groups(ids: ["${west}"]) { items_page(limit: 500) { items { id group { id } } } } } }`
    )
    const groupItems =
      (dataOf(group).boards as { groups: { items_page: { items: { group: { id: string } }[] } }[] }[])[0]?.groups[0]
        ?.items_page.items ?? []
    expect(groupItems).toHaveLength(500)
    expect(groupItems.every(i => i.group.id === west)).toBe(true)
  })

  it('supports numeric and text operators', async () => {
    const q = (rules: string): Promise<string[]> =>
      post(
        emu.url,
        `{ boards(ids: [${board.id}]) { items_page(limit: 500, query_params: { rules: [${rules}] }) { items { id } } } }`
      ).then(r => ((dataOf(r).boards as { items_page: Page }[])[0]?.items_page.items ?? []).map(i => i.id))
    const admin = emu.admin.items(board.id)
    const big = admin.filter(i => Number(i.columnValues.qty?.text || NaN) > 5000).map(i => i.id)
    expect(await q(`{ column_id: "qty", compare_value: "5000", operator: greater_than }`)).toEqual(big.slice(0, 500))
    const empty = admin.filter(i => i.columnValues.sku?.value === null).map(i => i.id)
    expect(await q(`{ column_id: "sku", compare_value: [], operator: is_empty }`)).toEqual(empty)
    const named = admin.filter(i => i.name.startsWith('alpha')).map(i => i.id)
    expect(await q(`{ column_id: "name", compare_value: "alpha", operator: starts_with }`)).toEqual(named.slice(0, 500))
  })

  it('combines rules with or-groups, negations, ranges and order_by', async () => {
    const admin = emu.admin.items(board.id)
    const ids = async (params: string, limit = 500): Promise<string[]> =>
      (
        (
          dataOf(
            await post(
              emu.url,
              `{ boards(ids: [${board.id}]) { items_page(limit: ${limit}, query_params: ${params}) { items { id } } } }`
            )
          ).boards as { items_page: Page }[]
        )[0]?.items_page.items ?? []
      ).map(i => i.id)
    const qty = (i: (typeof admin)[number]): number => Number(i.columnValues.qty?.text || NaN)
    const between = admin.filter(i => qty(i) >= 100 && qty(i) <= 2000).map(i => i.id)
    expect(await ids(`{ rules: [{ column_id: "qty", compare_value: [100, 2000], operator: between }] }`)).toEqual(
      between.slice(0, 500)
    )
    const low = admin.filter(i => qty(i) <= 50).map(i => i.id)
    expect(await ids(`{ rules: [{ column_id: "qty", compare_value: 50, operator: lower_than_or_equal }] }`)).toEqual(
      low
    )
    const notStuck = admin.filter(i => i.columnValues.status?.text !== 'Stuck').map(i => i.id)
    expect(await ids(`{ rules: [{ column_id: "status", compare_value: ["Stuck"], operator: not_any_of }] }`)).toEqual(
      notStuck.slice(0, 500)
    )
    const either = admin.filter(i => i.columnValues.status?.text === 'Stuck' || i.name.endsWith(' 7')).map(i => i.id)
    expect(
      await ids(
        `{ operator: or, rules: [{ column_id: "status", compare_value: [2] }], groups: [{ rules: [{ column_id: "name", compare_value: " 7", operator: ends_with }] }] }`
      )
    ).toEqual(either.slice(0, 500))
    const containing = admin.filter(i => i.name.includes('delta') && !i.name.includes('1')).map(i => i.id)
    expect(
      await ids(
        `{ rules: [{ column_id: "name", compare_value: "DELTA", operator: contains_text }, { column_id: "name", compare_value: "1", operator: not_contains_text }] }`
      )
    ).toEqual(containing.slice(0, 500))
    const filled = admin.filter(i => i.columnValues.sku?.value !== null).length
    expect(
      (await ids(`{ rules: [{ column_id: "sku", compare_value: [], operator: is_not_empty }] }`, 500)).length
    ).toBe(Math.min(500, filled))
    const sorted = await ids(
      `{ rules: [{ column_id: "qty", compare_value: 9990, operator: greater_than_or_equals }], order_by: [{ column_id: "qty", direction: desc }] }`
    )
    const expectedSorted = admin
      .filter(i => qty(i) >= 9990)
      .sort((a, b) => qty(b) - qty(a))
      .map(i => i.id)
    expect(sorted).toEqual(expectedSorted)
    const lower = admin.filter(i => qty(i) < 10).map(i => i.id)
    expect(await ids(`{ rules: [{ column_id: "qty", compare_value: 10, operator: lower_than }] }`)).toEqual(lower)
  })

  it('finds items by column values at the root', async () => {
    const target = emu.admin.items(board.id)[7]
    const sku = target?.columnValues.sku?.text ?? ''
    const reply = await post(
      emu.url,
      `query($b: ID!, $v: String) { items_page_by_column_values(board_id: $b, limit: 50, columns: [{ column_id: "sku", column_values: [$v] }]) { cursor items { id } } }`,
      { b: board.id, v: sku }
    )
    const page = dataOf(reply).items_page_by_column_values as Page
    const expected = emu.admin.items(board.id).filter(i => i.columnValues.sku?.text === sku)
    expect(page.items.map(i => i.id)).toEqual(expected.map(i => i.id))
  })

  it('reads items by ids, at most 100', async () => {
    const ids = emu.admin
      .items(board.id)
      .slice(0, 100)
      .map(i => i.id)
    const ok = await post(emu.url, `query($ids: [ID!]) { items(ids: $ids) { id } }`, { ids })
    expect((dataOf(ok).items as { id: string }[]).map(i => i.id)).toEqual(ids)
    const tooMany = await post(emu.url, `query($ids: [ID!]) { items(ids: $ids) { id } }`, { ids: [...ids, '1'] })
    expect(codes(tooMany)).toEqual(['InvalidArgumentException'])
  })

  it('rejects limit over 500 and cursor with query_params', async () => {
    const big = await post(emu.url, `{ boards(ids: [${board.id}]) { items_page(limit: 501) { items { id } } } }`)
    expect(big.status).toBe(200)
    expect(codes(big)).toEqual(['InvalidArgumentException'])
    const both = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { items_page(cursor: "x", query_params: { ids: [1] }) { items { id } } } }`
    )
    expect(codes(both)).toEqual(['InvalidArgumentException'])
    const badCursor = await post(emu.url, `{ next_items_page(cursor: "bm9wZXwx") { items { id } } }`)
    expect(codes(badCursor)).toEqual(['InvalidCursorException'])
    const badColumn = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { items_page(query_params: { rules: [{ column_id: "nope", compare_value: [1] }] }) { items { id } } } }`
    )
    expect(codes(badColumn)).toEqual(['InvalidColumnIdException'])
  })

  it('lists columns with settings and groups', async () => {
    const reply = await post(
      emu.url,
      `{ boards(ids: [${board.id}]) { columns(types: [status]) { id type settings } groups { id title } top_group { id } items_count } }`
    )
    const b = (dataOf(reply).boards as Record<string, unknown>[])[0]
    // since 2025-10 `settings` lists the labels with their style (changelog "Deprecating `settings_str`
    // field on columns"); fidelity.test.ts covers both shapes
    const label = (id: number, name: string): Record<string, unknown> => ({
      id,
      color: id,
      label: name,
      index: id,
      is_done: name === 'Done',
      is_deactivated: false
    })
    expect(b?.columns).toEqual([
      {
        id: 'status',
        type: 'status',
        settings: { labels: [label(0, 'Working on it'), label(1, 'Done'), label(2, 'Stuck')] }
      }
    ])
    expect(b?.groups).toEqual(board.groups)
    expect(b?.items_count).toBe(1234)
  })
})

describe('the subitems column', () => {
  it('names the subitems board in its settings, as monday serves it', async () => {
    const data = dataOf(
      await post(emu.url, `query($b: [ID!]) { boards(ids: $b) { columns { id type settings_str } } }`, {
        b: [board.id]
      })
    ) as { boards: { columns: { id: string; type: string; settings_str: string }[] }[] }
    const subitems = data.boards[0]?.columns.find(c => c.type === 'subtasks')
    expect(subitems).toBeDefined()
    expect(JSON.parse(subitems!.settings_str)).toMatchObject({ boardIds: [Number(board.subitemsBoardId)] })
  })
})
