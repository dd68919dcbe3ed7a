/**
 * The seven answers of issue 13 that differed from monday's, in raw HTTP for every API version whose real
 * schema we hold (each document validated against it first). Sources, one per point:
 * 1. changelog "Deprecating `settings_str` field on columns" (2025-10): `Column.settings` lists status labels
 *    as `{id, color, label, index, is_done, is_deactivated}`; `settings_str` keeps the old shape.
 * 2. status reference, create_column: `defaults: {labels: [{label, color, index, is_done}]}`.
 * 3. changelog 2024-04 (create_group): `group_color`, `relative_to` and `position_relative_method`.
 * 4. status and dropdown reference: `text` "will return null if the column has an empty value".
 * 5. versions: in versions.test.ts (dev, HTTP 200 InvalidVersionException, 2027-01 release candidate).
 * 6. status reference: an unknown label's error lists "all the existing labels and their indexes";
 *    error-handling: ColumnValueException; a published error's `error_data` carries `column_value` and
 *    `column_type` ("TextColumn", community.monday.com/t/76356).
 * 7. change_column_value, duplicate_item, move_item_to_group, archive_item: in item-mutations.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator, post } from './http.js'
import { postAs, REAL_VERSIONS } from './real-schema.js'

let emu: MondayEmulator
beforeAll(async () => {
  emu = await emulator()
})
afterAll(async () => {
  await emu.close()
})

const COLUMNS = `query($b: [ID!]) { boards(ids: $b) { columns(types: [status]) { id settings settings_str } } }`

describe.each(REAL_VERSIONS)('fidelity in API %s', version => {
  const send = (query: string, variables: Record<string, unknown> = {}): ReturnType<typeof postAs> =>
    postAs(emu.url, version, query, variables)
  const board = (): string =>
    emu.admin.createBoard({
      name: 'F',
      groups: ['First', 'Second'],
      columns: [
        { id: 'status', title: 'Status', type: 'status' },
        { id: 'drop', title: 'Drop', type: 'dropdown', labels: ['Red', 'Blue'] },
        { id: 'text', title: 'Text', type: 'text' }
      ]
    }).id

  it('1. Column.settings lists status labels with their style; settings_str keeps the old shape', async () => {
    const b = board()
    const col = (dataOf(await send(COLUMNS, { b: [b] })).boards as { columns: Record<string, unknown>[] }[])[0]
      ?.columns[0]
    expect(col?.settings).toEqual({
      labels: [
        { id: 0, color: 0, label: 'Working on it', index: 0, is_done: false, is_deactivated: false },
        { id: 1, color: 1, label: 'Done', index: 1, is_done: true, is_deactivated: false },
        { id: 2, color: 2, label: 'Stuck', index: 2, is_done: false, is_deactivated: false }
      ]
    })
    expect(JSON.parse(String(col?.settings_str))).toEqual({ labels: { 0: 'Working on it', 1: 'Done', 2: 'Stuck' } })
  })

  it('2. create_column takes status defaults {label, color, index, is_done}', async () => {
    const b = board()
    const defaults = {
      labels: [
        { label: 'Planned', color: 'working_orange', index: 0 },
        { label: 'Shipped', color: 'done_green', index: 1, is_done: true },
        { label: 'Lost', color: 'stuck_red', index: 7 }
      ]
    }
    const created = await send(
      `mutation($b: ID!, $d: JSON) { create_column(board_id: $b, title: "State", column_type: status, defaults: $d) { id settings } }`,
      { b, d: JSON.stringify(defaults) }
    )
    const col = dataOf(created).create_column as { id: string; settings: { labels: Record<string, unknown>[] } }
    expect(col.settings.labels.map(l => [l.label, l.index, l.color, l.is_done])).toEqual([
      ['Planned', 0, 0, false],
      ['Shipped', 1, 1, true],
      ['Lost', 7, 2, false]
    ])
    const item = await send(
      `mutation($b: ID!, $v: JSON) { create_item(board_id: $b, item_name: "x", column_values: $v) { column_values(ids: ["${col.id}"]) { text ... on StatusValue { index } } } }`,
      { b, v: JSON.stringify({ [col.id]: { label: 'Lost' } }) }
    )
    expect(dataOf(item).create_item).toEqual({ column_values: [{ text: 'Lost', index: 7 }] })
  })

  it('3. create_group takes a colour and a place before or after another group', async () => {
    const b = board()
    const groups = async (): Promise<{ id: string; title: string; color: string }[]> =>
      (
        dataOf(await send(`query($b: [ID!]) { boards(ids: $b) { groups { id title color } } }`, { b: [b] })).boards as {
          groups: { id: string; title: string; color: string }[]
        }[]
      )[0]?.groups ?? []
    const [first, second] = await groups()
    const create = `mutation($b: ID!, $n: String!, $c: String, $r: String, $m: PositionRelative) {
      create_group(board_id: $b, group_name: $n, group_color: $c, relative_to: $r, position_relative_method: $m) { id color } }`
    const top = dataOf(await send(create, { b, n: 'Top', c: '#ff642e', r: first?.id, m: 'before_at' }))
      .create_group as { id: string; color: string }
    expect(top.color).toBe('#ff642e')
    await send(create, { b, n: 'Middle', r: first?.id, m: 'after_at' })
    expect((await groups()).map(g => g.title)).toEqual(['Top', first?.title, 'Middle', second?.title])
    expect(codes(await send(create, { b, n: 'Bad', c: 'blue' }))).toEqual(['InvalidArgumentException'])
    expect(codes(await send(create, { b, n: 'Bad', r: 'nope', m: 'after_at' }))).toEqual(['InvalidGroupIdException'])
    const item = dataOf(
      await send(`mutation($b: ID!) { create_item(board_id: $b, item_name: "i") { group { id } } }`, { b })
    )
    expect(item.create_item).toEqual({ group: { id: top.id } })
  })

  it('4. an empty status or dropdown answers text null; other empty columns answer ""', async () => {
    const b = board()
    const reply = await send(
      `mutation($b: ID!) { create_item(board_id: $b, item_name: "empty") { column_values { id text value } } }`,
      { b }
    )
    expect((dataOf(reply).create_item as { column_values: unknown[] }).column_values).toEqual([
      { id: 'status', text: null, value: null },
      { id: 'drop', text: null, value: null },
      { id: 'text', text: '', value: null }
    ])
  })

  it('6. ColumnValueException names the column type and value, and lists labels with their indexes', async () => {
    const b = board()
    const create = `mutation($b: ID!, $v: JSON) { create_item(board_id: $b, item_name: "x", column_values: $v) { id } }`
    const status = await send(create, { b, v: JSON.stringify({ status: { label: 'Nope' } }) })
    expect(status.body.errors?.[0]?.message).toBe(
      "This status label doesn't exist, possible statuses are: {0: Working on it, 1: Done, 2: Stuck}"
    )
    expect(status.body.errors?.[0]?.extensions).toMatchObject({
      code: 'ColumnValueException',
      error_data: { column_type: 'StatusColumn', column_id: 'status', column_value: '{"label":"Nope"}' }
    })
    const drop = await send(create, { b, v: JSON.stringify({ drop: { labels: ['Green'] } }) })
    expect(drop.body.errors?.[0]?.message).toBe(
      "This dropdown label doesn't exist, possible labels are: {1: Red, 2: Blue}"
    )
    expect(drop.body.errors?.[0]?.extensions).toMatchObject({ error_data: { column_type: 'DropdownColumn' } })
    const text = await send(create, { b, v: JSON.stringify({ text: { text: 'The best!' } }) })
    expect(text.body.errors?.[0]?.extensions).toMatchObject({
      error_data: { column_type: 'TextColumn', column_value: '{"text":"The best!"}' }
    })
  })
})

describe('fidelity before 2025-10', () => {
  it('1. Column.settings keeps the settings_str shape in 2025-07', async () => {
    const b = emu.admin.createBoard({ name: 'old', columns: [{ id: 'status', title: 'S', type: 'status' }] }).id
    const reply = await post(emu.url, COLUMNS, { b: [b] }, { 'API-Version': '2025-07' })
    const col = (dataOf(reply).boards as { columns: Record<string, unknown>[] }[])[0]?.columns[0]
    expect(col?.settings).toEqual({ labels: { 0: 'Working on it', 1: 'Done', 2: 'Stuck' } })
  })
})
