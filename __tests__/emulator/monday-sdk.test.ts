/**
 * monday's own client against the emulator: `@mondaydotcomorg/api`'s ApiClient (v14) with `endpoint`
 * pointed at it, through its typed operations (getMeOp, getBoardGroupsOp, createItemOp,
 * changeMultipleColumnValuesOp, changeColumnValueOp, changeSimpleColumnValueOp, getBoardItemsOp) and its
 * raw `request`, with a value of every column type. The SDK sends `API-Version` 2026-01 by default; `dev`
 * and the Current version are run too. Values as the column reference pages document them
 * (https://developer.monday.com/api-reference/reference/<type>).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { BoardInfo, MondayEmulator } from '../../emulator/monday/index.js'
import { emulator } from './http.js'

/**
 * The parts of the SDK this test uses. The SDK is loaded by a dynamic import of a non-literal name: its
 * type declarations pull in cross-fetch's `/// <reference lib="dom" />`, which would change the
 * project's global types (Headers) for every file that typechecks with it.
 */
type Vars = Record<string, unknown>
interface Item {
  id: string
  name: string
  column_values: { id: string; type: string; value: unknown }[]
}
interface Sdk {
  ApiClient: new (config: { token: string; endpoint: string; apiVersion?: string }) => ApiClient
  ClientError: new (...args: never[]) => ClientError
}
interface ApiClient {
  request<T>(query: string, variables?: Vars): Promise<T>
  operations: {
    getMeOp(): Promise<{ me: unknown }>
    getBoardGroupsOp(v: Vars): Promise<{ boards?: { groups: unknown[] }[] }>
    createItemOp(v: Vars): Promise<{ create_item?: { id: string; name: string } }>
    changeColumnValueOp(v: Vars): Promise<{ change_column_value?: { id: string } }>
    changeSimpleColumnValueOp(v: Vars): Promise<{ change_simple_column_value?: { id: string } }>
    changeMultipleColumnValuesOp(v: Vars): Promise<{ change_multiple_column_values?: Item }>
    getBoardItemsOp(v: Vars): Promise<{ boards?: { items_page: { items: Item[] } }[] }>
  }
}
interface ClientError extends Error {
  response: { errors?: { extensions?: Record<string, unknown> }[] }
}

const SDK_PACKAGE: string = '@mondaydotcomorg/api'
let ApiClient: Sdk['ApiClient']
let ClientError: Sdk['ClientError']

let emu: MondayEmulator
beforeAll(async () => {
  ;({ ApiClient, ClientError } = (await import(SDK_PACKAGE)) as Sdk)
  emu = await emulator()
})
afterAll(async () => {
  await emu.close()
})

function boards(): { customers: BoardInfo; orders: BoardInfo } {
  const customers = emu.admin.createBoard({ name: 'Customers', items: 2 })
  const orders = emu.admin.createBoard({
    name: 'Orders',
    columns: [
      { id: 'text', title: 'Text', type: 'text' },
      { id: 'amount', title: 'Amount', type: 'numbers' },
      { id: 'status', title: 'Status', type: 'status' },
      { id: 'colour', title: 'Colour', type: 'dropdown' },
      { id: 'due', title: 'Due', type: 'date' },
      { id: 'notes', title: 'Notes', type: 'long_text' },
      { id: 'owner', title: 'Owner', type: 'people' },
      { id: 'paid', title: 'Paid', type: 'checkbox' },
      { id: 'mail', title: 'Mail', type: 'email' },
      { id: 'tel', title: 'Tel', type: 'phone' },
      { id: 'site', title: 'Site', type: 'link' },
      { id: 'span', title: 'Span', type: 'timeline' },
      { id: 'tags', title: 'Tags', type: 'tags', labels: ['urgent'] },
      { id: 'customer', title: 'Customer', type: 'board_relation', boardIds: [customers.id] },
      { id: 'double', title: 'Double', type: 'formula', formula: '{amount} * 2' }
    ]
  })
  return { customers, orders }
}

const TYPED = `query($i: [ID!]) { items(ids: $i) { column_values {
  id text
  ... on NumbersValue { number }
  ... on StatusValue { label }
  ... on DropdownValue { values { label } }
  ... on DateValue { date time }
  ... on PeopleValue { persons_and_teams { id } }
  ... on CheckboxValue { checked }
  ... on EmailValue { email }
  ... on PhoneValue { phone country_short_name }
  ... on LinkValue { url url_text }
  ... on TimelineValue { from to }
  ... on TagsValue { tag_ids }
  ... on BoardRelationValue { linked_item_ids }
  ... on FormulaValue { display_value }
} } }`

interface Typed {
  items: { column_values: (Record<string, unknown> & { id: string })[] }[]
}

describe.each([undefined, 'dev', '2026-10'])('ApiClient (API-Version %s)', apiVersion => {
  let client: ApiClient
  let orders: BoardInfo
  let customerIds: string[]
  let tagId: number
  beforeAll(async () => {
    client = new ApiClient({ token: 'sdk-token', endpoint: emu.url, ...(apiVersion ? { apiVersion } : {}) })
    let customers: BoardInfo
    ;({ customers, orders } = boards())
    customerIds = emu.admin.items(customers.id).map(i => i.id)
    const tags = await client.request<{ tags: { id: string; name: string }[] }>(`{ tags { id name } }`)
    tagId = Number(tags.tags.find(t => t.name === 'urgent')?.id)
  })
  const typed = async (itemId: string): Promise<Record<string, Record<string, unknown>>> => {
    const r = await client.request<Typed>(TYPED, { i: [itemId] })
    return Object.fromEntries((r.items[0]?.column_values ?? []).map(c => [c.id, c]))
  }

  it('getMeOp and getBoardGroupsOp', async () => {
    expect((await client.operations.getMeOp()).me).toEqual({
      id: '1',
      name: 'Emulator User',
      email: 'user@emulator.monday.com'
    })
    const groups = await client.operations.getBoardGroupsOp({ ids: [orders.id] })
    expect(groups.boards?.[0]?.groups).toEqual(orders.groups)
  })

  it('createItemOp, then changeColumnValueOp with a JSON value of every writable type', async () => {
    const created = await client.operations.createItemOp({
      boardId: orders.id,
      groupId: orders.groups[0]?.id ?? '',
      itemName: 'SDK order'
    })
    const itemId = created.create_item?.id ?? ''
    expect(created.create_item?.name).toBe('SDK order')
    const values: Record<string, unknown> = {
      text: 'hello',
      amount: '21',
      status: { label: 'Done' },
      colour: { labels: ['Blue'] },
      due: { date: '2026-06-15', time: '09:30:00' },
      notes: { text: 'long words' },
      owner: { personsAndTeams: [{ id: 3, kind: 'person' }] },
      paid: { checked: 'true' },
      mail: { email: 'ana@example.com', text: 'Ana' },
      tel: { phone: '+12025550123', countryShortName: 'US' },
      site: { url: 'https://example.com', text: 'Home' },
      span: { from: '2026-03-01', to: '2026-03-09' },
      tags: { tag_ids: [tagId] },
      customer: { item_ids: customerIds.map(Number) }
    }
    for (const [columnId, value] of Object.entries(values)) {
      const r = await client.operations.changeColumnValueOp({
        boardId: orders.id,
        itemId,
        columnId,
        value: JSON.stringify(value)
      })
      expect(r.change_column_value?.id).toBe(itemId)
    }
    const v = await typed(itemId)
    expect(v.text?.text).toBe('hello')
    expect(v.amount?.number).toBe(21)
    expect(v.status?.label).toBe('Done')
    expect(v.colour?.values).toEqual([{ label: 'Blue' }])
    expect(v.due).toMatchObject({ date: '2026-06-15', time: '09:30:00' })
    expect(v.notes?.text).toBe('long words')
    expect(v.owner).toMatchObject({ persons_and_teams: [{ id: '3' }], text: 'User 3' })
    expect(v.paid?.checked).toBe(true)
    expect(v.mail?.email).toBe('ana@example.com')
    expect(v.tel).toMatchObject({ phone: '+12025550123', country_short_name: 'US' })
    expect(v.site).toMatchObject({ url: 'https://example.com', url_text: 'Home' })
    expect(v.span).toMatchObject({ from: '2026-03-01', to: '2026-03-09' })
    expect(v.tags?.tag_ids).toEqual([tagId])
    expect(v.customer).toMatchObject({ linked_item_ids: customerIds, text: null })
    expect(v.double?.display_value).toBe('42')
  })

  it('changeSimpleColumnValueOp with the simple strings, changeMultipleColumnValuesOp, getBoardItemsOp', async () => {
    const created = await client.operations.createItemOp({
      boardId: orders.id,
      groupId: orders.groups[0]?.id ?? '',
      itemName: 'simple'
    })
    const itemId = created.create_item?.id ?? ''
    const simple: Record<string, string> = {
      text: 'plain',
      amount: '7.5',
      status: 'Stuck',
      colour: 'Red, Green',
      due: '2026-01-02 10:30',
      notes: 'notes',
      owner: '4',
      mail: 'bo@example.com Bo',
      tel: '+442071838750 GB',
      site: 'https://example.org Org'
    }
    for (const [columnId, value] of Object.entries(simple)) {
      await client.operations.changeSimpleColumnValueOp({ boardId: orders.id, itemId, columnId, value })
    }
    const multi = await client.operations.changeMultipleColumnValuesOp({
      boardId: orders.id,
      itemId,
      columnValues: JSON.stringify({
        name: 'renamed',
        paid: { checked: 'true' },
        span: { from: '2026-02-01', to: '2026-02-02' }
      })
    })
    expect(multi.change_multiple_column_values?.name).toBe('renamed')
    const page = await client.operations.getBoardItemsOp({ ids: [orders.id] })
    const item = page.boards?.[0]?.items_page.items.find(i => i.id === itemId)
    const byId = Object.fromEntries((item?.column_values ?? []).map(c => [c.id, c]))
    expect(byId.status).toMatchObject({ type: 'status' })
    expect(JSON.parse(String(byId.tel?.value))).toMatchObject({ phone: '+442071838750', countryShortName: 'GB' })
    const v = await typed(itemId)
    expect([v.text?.text, v.amount?.number, v.status?.label, v.due?.date, v.mail?.email, v.site?.url]).toEqual([
      'plain',
      7.5,
      'Stuck',
      '2026-01-02',
      'bo@example.com',
      'https://example.org'
    ])
    expect(v.colour?.values).toEqual([{ label: 'Red' }, { label: 'Green' }])
    expect(v.paid?.checked).toBe(true)
  })

  it("surfaces monday's errors through ClientError", async () => {
    const created = await client.operations.createItemOp({
      boardId: orders.id,
      groupId: orders.groups[0]?.id ?? '',
      itemName: 'bad'
    })
    const failure = await client.operations
      .changeColumnValueOp({
        boardId: orders.id,
        itemId: created.create_item?.id ?? '',
        columnId: 'status',
        value: JSON.stringify({ label: 'Nope' })
      })
      .then(
        () => undefined,
        (e: unknown) => e
      )
    expect(failure).toBeInstanceOf(ClientError)
    expect((failure as ClientError).response.errors?.[0]?.extensions).toMatchObject({ code: 'ColumnValueException' })
  })
})
