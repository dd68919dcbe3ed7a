/**
 * The mutations on existing items, in raw HTTP, in every API version whose real schema we hold; each
 * document is validated against that version's schema before it is sent (real-schema.ts).
 * Sources:
 * - [CCV] https://developer.monday.com/api-reference/docs/change-column-values (change_multiple_column_values,
 *   change_column_value with JSON, change_simple_column_value with strings; create_labels_if_missing)
 * - [ITEMS] https://developer.monday.com/api-reference/reference/items (move_item_to_group, archive_item,
 *   duplicate_item, delete_item; `items(ids:)` with `exclude_nonactive`: "Excludes items that are inactive,
 *   deleted, or belong to deleted items")
 * - [ERR] https://developer.monday.com/api-reference/docs/error-handling (application errors: HTTP 200,
 *   `extensions.code`, partial data with the failed alias null)
 * - [CPLX] https://developer.monday.com/api-reference/changelog/improved-api-complexity-calculation (2025-10:
 *   the estimate is corrected to the actual cost; failed queries cost significantly less)
 * - the schema's own description of `change_simple_column_value(value:)`: "pass null to empty the column"
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { BoardInfo, MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, ManualClock } from './http.js'
import { postAs, REAL_VERSIONS } from './real-schema.js'

let emu: MondayEmulator
const clock = new ManualClock()
beforeAll(async () => {
  emu = await emulator({ clock })
})
afterAll(async () => {
  await emu.close()
})

function board(): BoardInfo {
  return emu.admin.createBoard({
    name: 'Orders',
    groups: ['Open', 'Closed'],
    columns: [
      { id: 'status', title: 'Status', type: 'status', labels: ['Working on it', 'Done', 'Stuck'] },
      { id: 'tags', title: 'Tags', type: 'dropdown', labels: ['Red', 'Blue'] },
      { id: 'text', title: 'Text', type: 'text' },
      { id: 'amount', title: 'Amount', type: 'numbers' }
    ]
  })
}

const CREATE = `mutation($b: ID!, $n: String!) { create_item(board_id: $b, item_name: $n) { id } }`
const MULTI = `mutation($b: ID!, $i: ID, $v: JSON!, $l: Boolean) {
  change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v, create_labels_if_missing: $l) { id name state }
  complexity { query }
}`
const ONE = `mutation($b: ID!, $i: ID, $c: String!, $v: JSON!, $l: Boolean) {
  change_column_value(board_id: $b, item_id: $i, column_id: $c, value: $v, create_labels_if_missing: $l) { id name }
}`
const SIMPLE = `mutation($b: ID!, $i: ID, $c: String!, $v: String, $l: Boolean) {
  change_simple_column_value(board_id: $b, item_id: $i, column_id: $c, value: $v, create_labels_if_missing: $l) { id }
}`
const MOVE = `mutation($g: String!, $i: ID) { move_item_to_group(group_id: $g, item_id: $i) { id group { id } } complexity { query } }`
const ARCHIVE = `mutation($i: ID) { archive_item(item_id: $i) { id state } complexity { query } }`
const DUPLICATE = `mutation($b: ID!, $i: ID) { duplicate_item(board_id: $b, item_id: $i) { id name group { id } } }`
const DELETE = `mutation($i: ID) { delete_item(item_id: $i) { id state } }`
const READ = `query($i: [ID!], $x: Boolean) { items(ids: $i, exclude_nonactive: $x) { id name state group { id } } }`

describe.each(REAL_VERSIONS)('item mutations in API %s', version => {
  const send = (query: string, variables: Record<string, unknown> = {}): ReturnType<typeof postAs> =>
    postAs(emu.url, version, query, variables)
  const create = async (boardId: string, name: string): Promise<string> =>
    (dataOf(await send(CREATE, { b: boardId, n: name })).create_item as { id: string }).id
  const text = (itemId: string, column: string): string | null | undefined =>
    emu.admin.item(itemId)?.columnValues[column]?.text

  it('change_multiple_column_values writes name and values at 30,000 points [CCV]', async () => {
    const b = board()
    const id = await create(b.id, 'A-1')
    const v = JSON.stringify({
      name: 'A-1 renamed',
      status: { label: 'Done' },
      tags: { labels: ['Blue'] },
      amount: '7'
    })
    const reply = await send(MULTI, { b: b.id, i: id, v })
    expect(dataOf(reply)).toEqual({
      change_multiple_column_values: { id, name: 'A-1 renamed', state: 'active' },
      complexity: { query: 30_000 }
    })
    expect([text(id, 'status'), text(id, 'tags'), text(id, 'amount')]).toEqual(['Done', 'Blue', '7'])
  })

  it('change_column_value takes one JSON value, the name column included [CCV]', async () => {
    const b = board()
    const id = await create(b.id, 'B-1')
    expect(codes(await send(ONE, { b: b.id, i: id, c: 'status', v: JSON.stringify({ index: 2 }) }))).toEqual([])
    expect(text(id, 'status')).toBe('Stuck')
    const renamed = await send(ONE, { b: b.id, i: id, c: 'name', v: JSON.stringify('B-1 new') })
    expect(dataOf(renamed).change_column_value).toEqual({ id, name: 'B-1 new' })
    expect(codes(await send(ONE, { b: b.id, i: id, c: 'amount', v: '{not json' }))).toEqual([
      'InvalidArgumentException'
    ])
    expect(codes(await send(ONE, { b: b.id, i: id, c: 'amount', v: '"abc"' }))).toEqual(['ColumnValueException'])
  })

  it('change_simple_column_value takes strings and null empties the column', async () => {
    const b = board()
    const id = await create(b.id, 'C-1')
    expect(codes(await send(SIMPLE, { b: b.id, i: id, c: 'status', v: 'Done' }))).toEqual([])
    expect(codes(await send(SIMPLE, { b: b.id, i: id, c: 'tags', v: 'Red, Blue' }))).toEqual([])
    expect([text(id, 'status'), text(id, 'tags')]).toEqual(['Done', 'Red, Blue'])
    expect(codes(await send(SIMPLE, { b: b.id, i: id, c: 'status', v: null }))).toEqual([])
    expect(emu.admin.item(id)?.columnValues.status?.value).toBeNull()
  })

  it('creates missing labels only with create_labels_if_missing, in all three mutations [CCV]', async () => {
    const b = board()
    const id = await create(b.id, 'D-1')
    const multi = { b: b.id, i: id, v: JSON.stringify({ status: { label: 'Shipped' } }) }
    expect(codes(await send(MULTI, multi))).toEqual(['ColumnValueException'])
    expect(codes(await send(ONE, { b: b.id, i: id, c: 'tags', v: '{"labels":["Green"]}' }))).toEqual([
      'ColumnValueException'
    ])
    expect(codes(await send(SIMPLE, { b: b.id, i: id, c: 'status', v: 'Lost' }))).toEqual(['ColumnValueException'])
    expect(text(id, 'status')).toBeNull()
    expect(codes(await send(MULTI, { ...multi, l: true }))).toEqual([])
    expect(codes(await send(ONE, { b: b.id, i: id, c: 'tags', v: '{"labels":["Green"]}', l: true }))).toEqual([])
    expect([text(id, 'status'), text(id, 'tags')]).toEqual(['Shipped', 'Green'])
    expect(codes(await send(SIMPLE, { b: b.id, i: id, c: 'status', v: 'Lost', l: true }))).toEqual([])
    const cols = dataOf(
      await send(`query($b: [ID!]) { boards(ids: $b) { columns(ids: ["status"]) { settings_str } } }`, { b: [b.id] })
    ).boards as { columns: { settings_str: string }[] }[]
    expect(cols[0]?.columns[0]?.settings_str).toMatch(/Shipped.*Lost/)
  })

  it('checks its arguments: board, item, item on another board, column, JSON', async () => {
    const b = board()
    const other = board()
    const id = await create(b.id, 'E-1')
    const v = '{}'
    expect(codes(await send(MULTI, { b: '1', i: id, v }))).toEqual(['InvalidBoardIdException'])
    expect(codes(await send(MULTI, { b: b.id, i: '42', v }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(MULTI, { b: other.id, i: id, v }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(MULTI, { b: b.id, v }))).toEqual(['InvalidArgumentException'])
    expect(codes(await send(MULTI, { b: b.id, i: id, v: '{"nope":"x"}' }))).toEqual(['InvalidColumnIdException'])
    expect(codes(await send(MULTI, { b: b.id, i: id, v: '[1]' }))).toEqual(['InvalidArgumentException'])
    expect(codes(await send(SIMPLE, { b: b.id, i: '42', c: 'text', v: 'x' }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(ONE, { b: b.id, i: '42', c: 'text', v: '"x"' }))).toEqual(['InvalidItemIdException'])
    // a bad value changes nothing, not even the valid values beside it
    const mixed = JSON.stringify({ text: 'kept?', amount: 'abc' })
    expect(codes(await send(MULTI, { b: b.id, i: id, v: mixed }))).toEqual(['ColumnValueException'])
    expect(text(id, 'text')).toBe('')
  })

  it('runs aliased updates one after the other; a failed alias is null with its path [ERR]', async () => {
    const b = board()
    const [x, y] = [await create(b.id, 'F-1'), await create(b.id, 'F-2')]
    const q = `mutation($b: ID!, $x: ID, $y: ID) {
      u1: change_multiple_column_values(board_id: $b, item_id: $x, column_values: "{\\"text\\":\\"one\\"}") { id }
      u2: change_multiple_column_values(board_id: $b, item_id: 42, column_values: "{}") { id }
      u3: change_multiple_column_values(board_id: $b, item_id: $y, column_values: "{\\"status\\":{\\"label\\":\\"Nope\\"}}") { id }
      u4: move_item_to_group(item_id: $y, group_id: "nope") { id }
      u5: archive_item(item_id: $y) { id }
    }`
    const reply = await send(q, { b: b.id, x, y })
    expect(reply.status).toBe(200)
    expect(reply.body.data).toEqual({ u1: { id: x }, u2: null, u3: null, u4: null, u5: { id: y } })
    expect(reply.body.errors?.map(e => [e.path, e.extensions.code])).toEqual([
      [['u2'], 'InvalidItemIdException'],
      [['u3'], 'ColumnValueException'],
      [['u4'], 'InvalidGroupIdException']
    ])
    expect(text(x, 'text')).toBe('one')
  })

  it('move_item_to_group moves the item between groups of its board [ITEMS]', async () => {
    const b = board()
    const [open, closed] = b.groups.map(g => g.id)
    const id = await create(b.id, 'G-1')
    const moved = dataOf(await send(MOVE, { g: closed, i: id }))
    expect(moved).toEqual({ move_item_to_group: { id, group: { id: closed } }, complexity: { query: 30_000 } })
    expect(emu.admin.item(id)?.groupId).toBe(closed)
    const page = await send(
      `query($b: [ID!], $g: [String]) { boards(ids: $b) { groups(ids: $g) { items_page { items { id } } } } }`,
      { b: [b.id], g: [closed] }
    )
    expect(JSON.stringify(dataOf(page))).toContain(id)
    expect(codes(await send(MOVE, { g: 'nope', i: id }))).toEqual(['InvalidGroupIdException'])
    expect(codes(await send(MOVE, { g: open, i: '42' }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(MOVE, { g: open }))).toEqual(['InvalidArgumentException'])
    const other = board()
    expect(codes(await send(MOVE, { g: other.groups[1]?.id, i: id }))).toEqual(['InvalidGroupIdException'])
  })

  it('archive_item hides the item from pages; items(ids:) still answers it, archived [ITEMS]', async () => {
    const b = board()
    const id = await create(b.id, 'H-1')
    expect(dataOf(await send(ARCHIVE, { i: id }))).toEqual({
      archive_item: { id, state: 'archived' },
      complexity: { query: 30_000 }
    })
    expect(emu.admin.items(b.id)).toEqual([])
    expect(dataOf(await send(READ, { i: [id] })).items).toEqual([
      { id, name: 'H-1', state: 'archived', group: { id: b.groups[0]?.id } }
    ])
    expect(dataOf(await send(READ, { i: [id], x: true })).items).toEqual([])
    // archiving again is no error; an archived item can still be changed and moved
    expect(dataOf(await send(ARCHIVE, { i: id })).archive_item).toEqual({ id, state: 'archived' })
    expect(codes(await send(MULTI, { b: b.id, i: id, v: '{"text":"late"}' }))).toEqual([])
    expect(codes(await send(MOVE, { g: b.groups[1]?.id, i: id }))).toEqual([])
    expect(emu.admin.item(id)).toMatchObject({ state: 'archived', groupId: b.groups[1]?.id })
    expect(codes(await send(ARCHIVE, { i: '42' }))).toEqual(['InvalidItemIdException'])
  })

  it('a deleted item is gone for every mutation, and answered as deleted by id [ITEMS]', async () => {
    const b = board()
    const id = await create(b.id, 'I-1')
    expect(dataOf(await send(DELETE, { i: id })).delete_item).toEqual({ id, state: 'deleted' })
    expect(codes(await send(ARCHIVE, { i: id }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(MULTI, { b: b.id, i: id, v: '{}' }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(MOVE, { g: b.groups[1]?.id, i: id }))).toEqual(['InvalidItemIdException'])
    expect(codes(await send(DELETE, { i: id }))).toEqual(['InvalidItemIdException'])
    expect((dataOf(await send(READ, { i: [id] })).items as { state: string }[])[0]?.state).toBe('deleted')
    expect(dataOf(await send(READ, { i: [id], x: true })).items).toEqual([])
  })

  it('duplicate_item copies name and values right below the original [ITEMS]', async () => {
    const b = board()
    const [first, second] = [await create(b.id, 'J-1'), await create(b.id, 'J-2')]
    await send(MULTI, { b: b.id, i: first, v: JSON.stringify({ status: { label: 'Stuck' }, text: 'copied' }) })
    const dup = dataOf(await send(DUPLICATE, { b: b.id, i: first })).duplicate_item as { id: string; name: string }
    expect(dup).toMatchObject({ name: 'J-1', group: { id: b.groups[0]?.id } })
    expect(dup.id).not.toBe(first)
    expect(emu.admin.items(b.id).map(i => i.id)).toEqual([first, dup.id, second])
    expect([text(dup.id, 'status'), text(dup.id, 'text')]).toEqual(['Stuck', 'copied'])
    expect(codes(await send(DUPLICATE, { b: b.id, i: '42' }))).toEqual(['InvalidItemIdException'])
  })

  it('charges 30,000 per mutation; from 2025-10 a failed one is corrected down [CPLX]', async () => {
    const b = board()
    const id = await create(b.id, 'K-1')
    const before = emu.admin.stats().byKind.change_multiple_column_values?.points ?? 0
    await send(MULTI, { b: b.id, i: '42', v: '{}' })
    const failed = (emu.admin.stats().byKind['change_multiple_column_values']?.points ?? 0) - before
    expect(failed).toBe(version >= '2025-10' ? 3_000 : 30_000)
    clock.advance(61_000)
    const ok = await send(MULTI, { b: b.id, i: id, v: '{}' })
    expect(dataOf(ok).complexity).toEqual({ query: 30_000 })
  })
})
