import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, post } from './http.js'

let emu: MondayEmulator
beforeAll(async () => {
  emu = await emulator()
})
afterAll(async () => {
  await emu.close()
})

/** Sets a board up through the public API only, as anyone can on monday. */
async function setUpBoard(): Promise<{ boardId: string; groupId: string; cols: Record<string, string> }> {
  const created = dataOf(
    await post(emu.url, `mutation { create_board(board_name: "API board", board_kind: public) { id groups { id } } }`)
  )
  const board = created.create_board as { id: string; groups: { id: string }[] }
  const cols: Record<string, string> = {}
  for (const [type, defaults] of [
    ['text', null],
    ['numbers', null],
    ['status', { labels: { 0: 'Open', 1: 'Closed' } }],
    [
      'dropdown',
      {
        settings: {
          labels: [
            { id: 1, name: 'Red' },
            { id: 2, name: 'Blue' }
          ]
        }
      }
    ],
    ['date', null],
    ['long_text', null],
    ['people', null]
  ] as const) {
    const reply = await post(
      emu.url,
      `mutation($b: ID!, $t: String!, $type: ColumnType!, $d: JSON) { create_column(board_id: $b, title: $t, column_type: $type, defaults: $d) { id type } }`,
      {
        b: board.id,
        t: `My ${type}`,
        type,
        d: defaults === null ? null : JSON.stringify(defaults)
      }
    )
    const col = dataOf(reply).create_column as { id: string; type: string }
    expect(col.id).toMatch(new RegExp(`^${type}_mk[a-z0-9]+$`))
    cols[type] = col.id
  }
  const group = dataOf(
    await post(emu.url, `mutation { create_group(board_id: ${board.id}, group_name: "Second") { id title } }`)
  )
  expect(group.create_group).toMatchObject({ title: 'Second' })
  return { boardId: board.id, groupId: board.groups[0]?.id ?? '', cols }
}

const CREATE = `mutation($b: ID!, $n: String!, $v: JSON, $g: String, $l: Boolean) {
  create_item(board_id: $b, item_name: $n, column_values: $v, group_id: $g, create_labels_if_missing: $l) { id name column_values { id text } }
}`

describe('mutations', () => {
  it('creates items with every column type and reads them back', async () => {
    const { boardId, groupId, cols } = await setUpBoard()
    const values = {
      [cols.text ?? '']: 'hello',
      [cols.numbers ?? '']: '42.5',
      [cols.status ?? '']: { label: 'Closed' },
      [cols.dropdown ?? '']: { labels: ['Blue', 'Red'] },
      [cols.date ?? '']: { date: '2026-06-15', time: '09:00:00' },
      [cols.long_text ?? '']: { text: 'long words' },
      [cols.people ?? '']: { personsAndTeams: [{ id: 4, kind: 'person' }] }
    }
    const reply = await post(emu.url, CREATE, { b: boardId, n: 'First', v: JSON.stringify(values), g: groupId })
    const item = dataOf(reply).create_item as { id: string }
    const [stored] = emu.admin.items(boardId)
    expect(stored?.id).toBe(item.id)
    const text = (type: string): string | null | undefined => stored?.columnValues[cols[type] ?? '']?.text
    expect([
      text('text'),
      text('numbers'),
      text('status'),
      text('dropdown'),
      text('date'),
      text('long_text'),
      text('people')
    ]).toEqual(['hello', '42.5', 'Closed', 'Blue, Red', '2026-06-15 09:00', 'long words', 'User 4'])
    expect(JSON.parse(stored?.columnValues[cols.status ?? '']?.value ?? '{}')).toMatchObject({ index: 1 })
    const changed = await post(
      emu.url,
      `mutation($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id name } }`,
      {
        b: boardId,
        i: item.id,
        v: JSON.stringify({
          name: 'Renamed',
          [cols.numbers ?? '']: 7,
          [cols.text ?? '']: null,
          [cols.status ?? '']: { index: 0 }
        })
      }
    )
    expect(dataOf(changed).change_multiple_column_values).toEqual({ id: item.id, name: 'Renamed' })
    const after = emu.admin.items(boardId)[0]
    expect(after?.columnValues[cols.numbers ?? '']?.text).toBe('7')
    expect(after?.columnValues[cols.text ?? '']).toEqual({ type: 'text', text: '', value: null })
    expect(after?.columnValues[cols.status ?? '']?.text).toBe('Open')
  })

  it('runs aliased mutations one after the other with partial success', async () => {
    const { boardId, cols } = await setUpBoard()
    const status = cols.status ?? ''
    const q = `mutation {
      a: create_item(board_id: ${boardId}, item_name: "a") { id }
      b: create_item(board_id: ${boardId}, item_name: "b", column_values: ${JSON.stringify(JSON.stringify({ [status]: { label: 'Nope' } }))}) { id }
      c: create_item(board_id: ${boardId}, item_name: "c") { id }
      d: create_item(board_id: 1, item_name: "d") { id }
    }`
    const reply = await post(emu.url, q)
    expect(reply.status).toBe(200)
    expect(reply.body.data?.b).toBeNull()
    expect(reply.body.data?.d).toBeNull()
    expect(reply.body.errors?.map(e => [e.path, e.extensions.code])).toEqual([
      [['b'], 'ColumnValueException'],
      [['d'], 'InvalidBoardIdException']
    ])
    expect(emu.admin.items(boardId).map(i => i.name)).toEqual(['a', 'c'])
  })

  it('validates names, labels, values and ids as monday does', async () => {
    const { boardId, cols } = await setUpBoard()
    const bad = async (
      name: string,
      values: Record<string, unknown>,
      extra: Record<string, unknown> = {}
    ): Promise<unknown[]> =>
      codes(await post(emu.url, CREATE, { b: boardId, n: name, v: JSON.stringify(values), ...extra }))
    expect(await bad('x'.repeat(256), {})).toEqual(['ItemNameTooLongException'])
    expect(await bad('', {})).toEqual(['InvalidArgumentException'])
    expect(await bad('ok', { [cols.numbers ?? '']: 'abc' })).toEqual(['ColumnValueException'])
    expect(await bad('ok', { [cols.date ?? '']: { date: '2026-13-45' } })).toEqual(['ColumnValueException'])
    expect(await bad('ok', { [cols.long_text ?? '']: { text: 'x'.repeat(2001) } })).toEqual(['ColumnValueException'])
    expect(await bad('ok', { [cols.people ?? '']: { personsAndTeams: [{ id: 'x' }] } })).toEqual([
      'ColumnValueException'
    ])
    expect(await bad('ok', { [cols.dropdown ?? '']: { labels: ['Green'] } })).toEqual(['ColumnValueException'])
    expect(await bad('ok', { [cols.dropdown ?? '']: { ids: [9] } })).toEqual(['ColumnValueException'])
    expect(await bad('ok', { nope: 'x' })).toEqual(['InvalidColumnIdException'])
    expect(await bad('ok', {}, { g: 'no_group' })).toEqual(['InvalidGroupIdException'])
    expect(codes(await post(emu.url, CREATE, { b: boardId, n: 'ok', v: '{not json' }))).toEqual([
      'InvalidArgumentException'
    ])
    expect(emu.admin.items(boardId)).toHaveLength(0)
    const created = await post(emu.url, CREATE, {
      b: boardId,
      n: 'ok',
      v: JSON.stringify({ [cols.dropdown ?? '']: { labels: ['Green'] }, [cols.status ?? '']: 'Brand new' }),
      l: true
    })
    expect(codes(created)).toEqual([])
    const item = emu.admin.items(boardId)[0]
    expect(item?.columnValues[cols.dropdown ?? '']?.text).toBe('Green')
    expect(item?.columnValues[cols.status ?? '']?.text).toBe('Brand new')
  })

  it('accepts the simple string forms and clears values', async () => {
    const { boardId, cols } = await setUpBoard()
    const c = (type: string): string => cols[type] ?? ''
    const values = {
      [c('status')]: 'Open',
      [c('dropdown')]: 'Red, Blue',
      [c('date')]: '2026-01-02 10:30',
      [c('people')]: '3, 5',
      [c('text')]: 12,
      [c('numbers')]: 3.5
    }
    const item = dataOf(await post(emu.url, CREATE, { b: boardId, n: 'simple', v: JSON.stringify(values) }))
      .create_item as { id: string }
    const stored = emu.admin.items(boardId)[0]?.columnValues ?? {}
    expect(
      [c('status'), c('dropdown'), c('date'), c('people'), c('text'), c('numbers')].map(id => stored[id]?.text)
    ).toEqual(['Open', 'Red, Blue', '2026-01-02 10:30', 'User 3, User 5', '12', '3.5'])
    const typed = await post(
      emu.url,
      `query($i: [ID!]) { items(ids: $i) { column_values { ... on StatusValue { index label } ... on DropdownValue { values { id label } } ... on DateValue { date time } ... on PeopleValue { persons_and_teams { id kind } } ... on NumbersValue { number } column { title } } } }`,
      { i: [item.id] }
    )
    const cvs = (dataOf(typed).items as { column_values: Record<string, unknown>[] }[])[0]?.column_values ?? []
    expect(cvs).toContainEqual({ index: 0, label: 'Open', column: { title: 'My status' } })
    expect(cvs).toContainEqual({
      values: [
        { id: '1', label: 'Red' },
        { id: '2', label: 'Blue' }
      ],
      column: { title: 'My dropdown' }
    })
    expect(cvs).toContainEqual({ date: '2026-01-02', time: '10:30:00', column: { title: 'My date' } })
    expect(cvs).toContainEqual({
      persons_and_teams: [
        { id: '3', kind: 'person' },
        { id: '5', kind: 'person' }
      ],
      column: { title: 'My people' }
    })
    expect(cvs).toContainEqual({ number: 3.5, column: { title: 'My numbers' } })
    const cleared = {
      [c('status')]: null,
      [c('dropdown')]: {},
      [c('date')]: '',
      [c('people')]: null,
      [c('text')]: '',
      [c('numbers')]: ''
    }
    const change = `mutation($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }`
    expect(codes(await post(emu.url, change, { b: boardId, i: item.id, v: JSON.stringify(cleared) }))).toEqual([])
    expect(
      Object.values(emu.admin.items(boardId)[0]?.columnValues ?? {}).every(
        v => v.value === null && (v.text === '' || (v.text === null && ['status', 'dropdown'].includes(v.type)))
      )
    ).toBe(true)
    const bad = async (v: Record<string, unknown>): Promise<unknown[]> =>
      codes(await post(emu.url, change, { b: boardId, i: item.id, v: JSON.stringify(v) }))
    expect(await bad({ [c('status')]: { index: 9 } })).toEqual(['ColumnValueException'])
    expect(await bad({ [c('status')]: [1] })).toEqual(['ColumnValueException'])
    expect(await bad({ [c('text')]: { nested: true } })).toEqual(['ColumnValueException'])
    expect(await bad({ [c('date')]: { date: '2026-01-01', time: '25h' } })).toEqual(['ColumnValueException'])
    expect(await bad({ [c('people')]: { personsAndTeams: [{ id: 1, kind: 'robot' }] } })).toEqual([
      'ColumnValueException'
    ])
    expect(await bad({ [c('long_text')]: 5 })).toEqual(['ColumnValueException'])
    expect(await bad({ name: 'x'.repeat(300) })).toEqual(['ItemNameTooLongException'])
    expect(await bad({ [c('text')]: 'y'.repeat(70_000) })).toEqual(['ColumnValueException'])
    expect(codes(await post(emu.url, change, { b: boardId, i: item.id, v: '[1]' }))).toEqual([
      'InvalidArgumentException'
    ])
    const badColumn = await post(
      emu.url,
      `mutation($b: ID!) { create_column(board_id: $b, title: "F", column_type: subtasks) { id } }`,
      { b: boardId }
    )
    expect(codes(badColumn)).toEqual(['InvalidArgumentException'])
    const taken = await post(
      emu.url,
      `mutation($b: ID!) { create_column(board_id: $b, id: "name", title: "N", column_type: text) { id } }`,
      { b: boardId }
    )
    expect(codes(taken)).toEqual(['InvalidColumnIdException'])
    expect(codes(await post(emu.url, `mutation { create_board(board_name: "", board_kind: public) { id } }`))).toEqual([
      'CreateBoardException'
    ])
    expect(
      codes(
        await post(emu.url, `mutation($b: ID!) { create_group(board_id: $b, group_name: " ") { id } }`, { b: boardId })
      )
    ).toEqual(['InvalidArgumentException'])
  })

  it('creates subitems on a subitems board with its own columns', async () => {
    const { boardId } = await setUpBoard()
    const parent = dataOf(await post(emu.url, CREATE, { b: boardId, n: 'parent' })).create_item as { id: string }
    const sub = await post(
      emu.url,
      `mutation($p: ID!) { create_subitem(parent_item_id: $p, item_name: "child") { id board { id columns { id } } parent_item { id } } }`,
      { p: parent.id }
    )
    const s = dataOf(sub).create_subitem as {
      id: string
      board: { id: string; columns: { id: string }[] }
      parent_item: { id: string }
    }
    expect(s.parent_item.id).toBe(parent.id)
    expect(s.board.id).not.toBe(boardId)
    const parentCols = await post(
      emu.url,
      `{ boards(ids: [${boardId}]) { columns { id type } } items(ids: [${parent.id}]) { subitems { id } column_values(ids: ["subitems"]) { text ... on SubtasksValue { subitems_ids } } } }`
    )
    const d = dataOf(parentCols) as {
      boards: { columns: { id: string; type: string }[] }[]
      items: { subitems: { id: string }[]; column_values: unknown[] }[]
    }
    expect(d.boards[0]?.columns).toContainEqual({ id: 'subitems', type: 'subtasks' })
    expect(d.items[0]?.subitems).toEqual([{ id: s.id }])
    expect(d.items[0]?.column_values).toEqual([{ text: 'child', subitems_ids: [s.id] }])
    expect(emu.admin.items(boardId)[0]?.subitems.map(x => x.name)).toEqual(['child'])
    const missing = await post(emu.url, `mutation { create_subitem(parent_item_id: 1, item_name: "x") { id } }`)
    expect(codes(missing)).toEqual(['InvalidItemIdException'])
  })

  it('changes a simple value and deletes items', async () => {
    const { boardId, cols } = await setUpBoard()
    const item = dataOf(await post(emu.url, CREATE, { b: boardId, n: 'one' })).create_item as { id: string }
    const simple = await post(
      emu.url,
      `mutation($b: ID!, $i: ID, $c: String!) { change_simple_column_value(board_id: $b, item_id: $i, column_id: $c, value: "Closed") { id } }`,
      {
        b: boardId,
        i: item.id,
        c: cols.status
      }
    )
    expect(codes(simple)).toEqual([])
    expect(emu.admin.items(boardId)[0]?.columnValues[cols.status ?? '']?.text).toBe('Closed')
    const wrongBoard = await post(
      emu.url,
      `mutation($i: ID) { change_multiple_column_values(board_id: ${boardId + 1}, item_id: $i, column_values: "{}") { id } }`,
      { i: item.id }
    )
    expect(codes(wrongBoard)).toEqual(['InvalidBoardIdException'])
    dataOf(await post(emu.url, `mutation($i: ID) { delete_item(item_id: $i) { id } }`, { i: item.id }))
    expect(emu.admin.items(boardId)).toEqual([])
    expect(codes(await post(emu.url, `mutation($i: ID) { delete_item(item_id: $i) { id } }`, { i: item.id }))).toEqual([
      'InvalidItemIdException'
    ])
  })
})
