/**
 * The column types real boards carry, in raw HTTP for every API version whose real schema we hold (each
 * document validated against it first). Values as monday's column reference documents them,
 * https://developer.monday.com/api-reference/reference/<type>:
 * - checkbox: `{"checked": "true"}`, "Simple string updates are not supported"; text "v";
 * - email `{"email", "text"}`, phone `{"phone", "countryShortName"}` ("+<number> <ISO-2 code>" as a simple
 *   string), link `{"url", "text"}`; timeline `{"from", "to"}`, JSON only, text "from - to";
 * - tags `{"tag_ids": [...]}`; connect boards `{"item_ids": [...]}` of items on the connected boards;
 * - connect boards, mirror and formula: `text` always null, `value` null ("In version 2025-04 and later, this
 *   field will always return null"), `display_value` holds the content; formula and mirror are read-only;
 * - people `{"personsAndTeams": [...]}`, names from the root `users` query (users reference).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { BoardInfo, MondayEmulator } from '../../emulator/monday/index.js'
import { codes, dataOf, emulator } from './http.js'
import { postAs, REAL_VERSIONS } from './real-schema.js'

let emu: MondayEmulator
beforeAll(async () => {
  emu = await emulator()
})
afterAll(async () => {
  await emu.close()
})

/** A customers board to link to, and an orders board carrying every type. */
function boards(): { customers: BoardInfo; orders: BoardInfo } {
  const customers = emu.admin.createBoard({
    name: 'Customers',
    columns: [{ id: 'tier', title: 'Tier', type: 'status', labels: ['Gold', 'Silver'] }]
  })
  const orders = emu.admin.createBoard({
    name: 'Orders',
    columns: [
      { id: 'amount', title: 'Amount', type: 'numbers' },
      { id: 'paid', title: 'Paid', type: 'checkbox' },
      { id: 'mail', title: 'Mail', type: 'email' },
      { id: 'tel', title: 'Tel', type: 'phone' },
      { id: 'site', title: 'Site', type: 'link' },
      { id: 'span', title: 'Span', type: 'timeline' },
      { id: 'tags', title: 'Tags', type: 'tags', labels: ['urgent', 'vip'] },
      { id: 'owner', title: 'Owner', type: 'people' },
      { id: 'customer', title: 'Customer', type: 'board_relation', boardIds: [customers.id] },
      { id: 'tier', title: 'Tier', type: 'mirror', mirror: { relationColumnId: 'customer', columnId: 'tier' } },
      { id: 'double', title: 'Double', type: 'formula', formula: '{amount} * 2' }
    ]
  })
  return { customers, orders }
}

const CREATE_ON = `mutation($b: ID!, $n: String!, $v: JSON) { create_item(board_id: $b, item_name: $n, column_values: $v) { id } }`
const CHANGE = `mutation($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }`
const TYPED = `query($i: [ID!]) { items(ids: $i) { column_values {
  id text value
  ... on CheckboxValue { checked }
  ... on EmailValue { email label }
  ... on PhoneValue { phone country_short_name }
  ... on LinkValue { url url_text }
  ... on TimelineValue { from to }
  ... on TagsValue { tag_ids tags { name } }
  ... on PeopleValue { persons_and_teams { id kind } }
  ... on BoardRelationValue { linked_item_ids display_value }
  ... on MirrorValue { display_value }
  ... on FormulaValue { display_value }
} } }`

type Cv = Record<string, unknown> & { id: string }

describe.each(REAL_VERSIONS)('column types in API %s', version => {
  const send = (query: string, variables: Record<string, unknown> = {}): ReturnType<typeof postAs> =>
    postAs(emu.url, version, query, variables)
  const create = async (boardId: string, name: string, values: Record<string, unknown> = {}): Promise<string> =>
    (dataOf(await send(CREATE_ON, { b: boardId, n: name, v: JSON.stringify(values) })).create_item as { id: string }).id
  const typed = async (id: string): Promise<Record<string, Cv>> => {
    const items = dataOf(await send(TYPED, { i: [id] })).items as { column_values: Cv[] }[]
    return Object.fromEntries((items[0]?.column_values ?? []).map(c => [c.id, c]))
  }
  let customers: BoardInfo
  let orders: BoardInfo
  let acme: string
  let globex: string
  let tagIds: Record<string, number>

  beforeAll(async () => {
    ;({ customers, orders } = boards())
    acme = await create(customers.id, 'Acme', { tier: { label: 'Gold' } })
    globex = await create(customers.id, 'Globex', { tier: { label: 'Silver' } })
    const tags = dataOf(await send(`{ tags { id name } }`)).tags as { id: string; name: string }[]
    tagIds = Object.fromEntries(tags.map(t => [t.name, Number(t.id)]))
  })

  it('create_item takes every type as JSON and answers monday typed values', async () => {
    const id = await create(orders.id, 'O-1', {
      amount: '21',
      paid: { checked: 'true' },
      mail: { email: 'ana@example.com', text: 'Ana' },
      tel: { phone: '+12025550123', countryShortName: 'US' },
      site: { url: 'https://example.com/o/1', text: 'Order page' },
      span: { from: '2026-03-01', to: '2026-03-09' },
      tags: { tag_ids: [tagIds.urgent, tagIds.vip] },
      owner: { personsAndTeams: [{ id: 4, kind: 'person' }] },
      customer: { item_ids: [Number(acme), Number(globex)] }
    })
    const v = await typed(id)
    expect(v.paid).toMatchObject({ checked: true, text: 'v' })
    expect(v.mail).toMatchObject({ email: 'ana@example.com', label: 'Ana' })
    expect(v.tel).toMatchObject({ phone: '+12025550123', country_short_name: 'US', text: '+12025550123' })
    expect(v.site).toMatchObject({ url: 'https://example.com/o/1', url_text: 'Order page' })
    expect(v.span).toMatchObject({ from: '2026-03-01', to: '2026-03-09', text: '2026-03-01 - 2026-03-09' })
    expect(v.tags).toMatchObject({ tag_ids: [tagIds.urgent, tagIds.vip], tags: [{ name: 'urgent' }, { name: 'vip' }] })
    expect(v.owner).toMatchObject({ persons_and_teams: [{ id: '4', kind: 'person' }], text: 'User 4' })
    expect(v.customer).toEqual({
      id: 'customer',
      text: null,
      value: null,
      linked_item_ids: [acme, globex],
      display_value: 'Acme, Globex'
    })
    expect(v.tier).toEqual({ id: 'tier', text: null, value: null, display_value: 'Gold, Silver' })
    expect(v.double).toEqual({ id: 'double', text: null, value: null, display_value: '42' })
  })

  it('change_multiple_column_values takes the simple string forms and clears values', async () => {
    const id = await create(orders.id, 'O-2')
    const strings = { mail: 'bo@example.com Bo', tel: '+442071838750 GB', site: 'https://example.com Home' }
    expect(codes(await send(CHANGE, { b: orders.id, i: id, v: JSON.stringify(strings) }))).toEqual([])
    const v = await typed(id)
    expect(v.mail).toMatchObject({ email: 'bo@example.com', label: 'Bo' })
    expect(v.tel).toMatchObject({ phone: '+442071838750', country_short_name: 'GB' })
    expect(v.site).toMatchObject({ url: 'https://example.com', url_text: 'Home' })
    const cleared = { mail: null, tel: '', site: {}, paid: null, span: { from: '', to: '' }, tags: { tag_ids: [] } }
    expect(codes(await send(CHANGE, { b: orders.id, i: id, v: JSON.stringify(cleared) }))).toEqual([])
    const empty = await typed(id)
    for (const col of ['mail', 'tel', 'site', 'paid', 'span', 'tags'])
      expect(empty[col]).toMatchObject({ text: '', value: null })
    expect(empty.paid?.checked).toBe(false)
  })

  it('rejects what each type does not accept, in create_item and change_multiple_column_values', async () => {
    const id = await create(orders.id, 'O-3')
    const bad: Record<string, unknown>[] = [
      { paid: 'true' },
      { mail: { email: 'not-an-email' } },
      { tel: { phone: '+12025550123' } },
      { tel: '12025550123 usa' },
      { site: { text: 'no url' } },
      { span: '2026-01-01 - 2026-01-02' },
      { span: { from: '2026-02-01', to: '2026-01-01' } },
      { tags: { tag_ids: [1] } },
      { tags: ['urgent'] },
      { customer: { item_ids: [42] } },
      { customer: { item_ids: [Number(id)] } },
      { tier: 'Gold' },
      { double: '2' }
    ]
    for (const values of bad) {
      const v = JSON.stringify(values)
      expect([values, codes(await send(CHANGE, { b: orders.id, i: id, v }))]).toEqual([
        values,
        ['ColumnValueException']
      ])
      expect([values, codes(await send(CREATE_ON, { b: orders.id, n: 'x', v }))]).toEqual([
        values,
        ['ColumnValueException']
      ])
    }
    expect(emu.admin.items(orders.id).map(i => i.name)).not.toContain('x')
  })

  it('maps people to names with the root users query (users reference)', async () => {
    const { id: userId } = emu.admin.addUser({ name: `Dana ${version}`, email: `dana-${version}@example.com` })
    const users = await send(`query($i: [ID!]) { users(ids: $i) { id name email } }`, { i: [userId, '1'] })
    expect(dataOf(users).users).toEqual([
      { id: '1', name: 'Emulator User', email: 'user@emulator.monday.com' },
      { id: userId, name: `Dana ${version}`, email: `dana-${version}@example.com` }
    ])
    const byEmail = await send(
      `query($e: [String!]) { users(emails: $e) { id } }`.replace(
        '[String!]',
        version <= '2025-10' ? '[String]' : '[String!]'
      ),
      { e: [`dana-${version}@example.com`] }
    )
    expect(dataOf(byEmail).users).toEqual([{ id: userId }])
    const item = await create(orders.id, 'O-4', {
      owner: { personsAndTeams: [{ id: Number(userId), kind: 'person' }] }
    })
    expect((await typed(item)).owner?.text).toBe(`Dana ${version}`)
  })

  it('creates columns of every type through create_column, and tags through create_or_get_tag', async () => {
    const created = dataOf(await send(`mutation { create_board(board_name: "API", board_kind: public) { id } }`))
      .create_board as { id: string }
    for (const [type, defaults] of [
      ['checkbox', null],
      ['email', null],
      ['phone', null],
      ['link', null],
      ['timeline', null],
      ['tags', null],
      ['board_relation', { boardIds: [Number(customers.id)] }],
      ['mirror', null],
      ['formula', { formula: '{name}' }]
    ] as const) {
      const reply = await send(
        `mutation($b: ID!, $t: ColumnType!, $d: JSON) { create_column(board_id: $b, title: "C", column_type: $t, defaults: $d) { id type settings_str } }`,
        { b: created.id, t: type, d: defaults === null ? null : JSON.stringify(defaults) }
      )
      expect(dataOf(reply).create_column).toMatchObject({ type })
    }
    const tag = await send(`mutation { create_or_get_tag(tag_name: "urgent") { id name } }`)
    expect(dataOf(tag).create_or_get_tag).toEqual({ id: String(tagIds.urgent), name: 'urgent' })
  })
})
