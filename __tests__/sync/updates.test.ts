import { afterEach, describe, expect, it } from '@jest/globals'
import type { TableStats } from '../../src/pipelines/sync/context.js'
import { runSync } from '../../src/pipelines/sync/run.js'
import { deleteItem, type SyncHarness, startHarness, verify } from './harness.js'

let h: SyncHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const requestsOf = (harness: SyncHarness, kind: string): number => harness.emu.admin.stats().byKind[kind]?.requests ?? 0
const mutations = (harness: SyncHarness): number =>
  ['create_item', 'create_subitem', 'change_multiple_column_values', 'move_item_to_group', 'archive_item'].reduce(
    (n, k) => n + requestsOf(harness, k),
    0
  )
/** Every item and subitem of the board as `id → name and column texts`. */
const snapshot = (harness: SyncHarness): Map<string, string> => {
  const all = new Map<string, string>()
  for (const item of harness.emu.admin.items(harness.boardId)) {
    for (const i of [item, ...item.subitems]) {
      const texts = Object.entries(i.columnValues).map(([k, v]) => `${k}=${v.text ?? ''}`)
      all.set(i.id, `${i.name}|${i.groupTitle}|${texts.sort().join(',')}`)
    }
  }
  return all
}
const changed = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => id)

const stats = (report: { details: Record<string, unknown> }, table: 'orders' | 'lines') =>
  report.details[table] as TableStats

describe('sync keeps monday in step with the delta tables', () => {
  it('changed rows update their items (values and name), exactly those, never a second item; a re-run is a no-op', async () => {
    h = await startHarness({ orders: 40, linesPerOrder: 2 })
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    const before = snapshot(h)
    const creates = requestsOf(h, 'create_item')
    // the upstream merge: five orders and three lines changed, set back to PENDING with their ids
    await h.db.execute(
      "UPDATE ORDER_LIST SET CUSTOMER = 'Harrods', NOTES = NULL, ORDER_NUMBER = ORDER_NUMBER || '-B', SYNC_STATE = 'PENDING' WHERE ORDER_ID IN (2, 7, 11, 23, 40)"
    )
    await h.db.execute(
      "UPDATE ORDER_LIST_LINES SET QTY = 999, SYNC_STATE = 'PENDING' WHERE LINE_ID IN (101, 702, 4001)"
    )
    // and a new line of an order already on monday
    await h.db.execute(
      "INSERT INTO ORDER_LIST_LINES (LINE_ID, ORDER_ID, LINE_NAME, SIZE, COLOR, QTY, SYNC_STATE) VALUES (703, 7, 'ST-0007 new', 'M', 'Navy', 3, 'NEW')"
    )
    const report = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(report, 'orders')).toMatchObject({ created: 0, updated: 5, adopted: 0, failed: 0, recreated: 0 })
    expect(stats(report, 'lines')).toMatchObject({ created: 1, updated: 3, failed: 0 })
    expect(requestsOf(h, 'create_item')).toBe(creates)
    const after = snapshot(h)
    const orderItems = await h.db.query<{ ORDER_ID: number; MONDAY_ITEM_ID: number }>(
      'SELECT ORDER_ID, MONDAY_ITEM_ID FROM ORDER_LIST WHERE ORDER_ID IN (2, 7, 11, 23, 40) ORDER BY ORDER_ID'
    )
    const lineItems = await h.db.query<{ MONDAY_SUBITEM_ID: number }>(
      'SELECT MONDAY_SUBITEM_ID FROM ORDER_LIST_LINES WHERE LINE_ID IN (101, 702, 4001, 703) ORDER BY LINE_ID'
    )
    const expected = [
      ...orderItems.map(r => String(r.MONDAY_ITEM_ID)),
      ...lineItems.map(r => String(r.MONDAY_SUBITEM_ID))
    ]
    expect(changed(before, after).sort()).toEqual(expected.sort())
    const items = h.emu.admin.items(h.boardId)
    const seven = items.find(i => i.id === String(orderItems[1]!.MONDAY_ITEM_ID))!
    expect(seven.columnValues.customer?.text).toBe('Harrods')
    expect(seven.columnValues.notes?.text ?? '').toBe('')
    expect(seven.name).toMatch(/-B$/)
    expect(seven.subitems.map(s => s.name)).toContain('ST-0007 new')
    expect(await verify(h)).toEqual({ items: 40, subitems: 81, synced: { orders: 40, lines: 81 }, problems: [] })
    // nothing changed since: nothing is sent
    const sent = mutations(h)
    const again = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(again).toMatchObject({ itemsDone: 0, itemsFailed: 0 })
    expect(mutations(h)).toBe(sent)
    expect(snapshot(h)).toEqual(after)
  })

  it('a pending row without an id whose key is on the board is adopted and updated, not created again', async () => {
    h = await startHarness({ orders: 30, linesPerOrder: 1 })
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    const ids = await h.db.query('SELECT ORDER_ID, MONDAY_ITEM_ID FROM ORDER_LIST ORDER BY ORDER_ID')
    await h.db.execute(
      "UPDATE ORDER_LIST SET MONDAY_ITEM_ID = NULL, CUSTOMER = 'Liberty', SYNC_STATE = 'PENDING' WHERE ORDER_ID IN (4, 5, 6)"
    )
    await h.db.execute("UPDATE ORDER_LIST_LINES SET MONDAY_SUBITEM_ID = NULL, SYNC_STATE = 'NEW' WHERE LINE_ID = 501")
    const creates = requestsOf(h, 'create_item') + requestsOf(h, 'create_subitem')
    const report = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(report, 'orders')).toMatchObject({ created: 0, updated: 3, adopted: 3 })
    expect(stats(report, 'lines')).toMatchObject({ created: 0, updated: 1, adopted: 1 })
    expect(requestsOf(h, 'create_item') + requestsOf(h, 'create_subitem')).toBe(creates)
    expect(await h.db.query('SELECT ORDER_ID, MONDAY_ITEM_ID FROM ORDER_LIST ORDER BY ORDER_ID')).toEqual(ids)
    const customers = h.emu.admin
      .items(h.boardId)
      .filter(i => ['4', '5', '6'].includes(i.columnValues.sync_key?.text ?? ''))
      .map(i => i.columnValues.customer?.text)
    expect(customers).toEqual(['Liberty', 'Liberty', 'Liberty'])
    expect(await verify(h)).toEqual({ items: 30, subitems: 30, synced: { orders: 30, lines: 30 }, problems: [] })
  })

  it('an item deleted on monday is created again by default (and reported); with deleted_items = "fail" the row fails with the reason', async () => {
    h = await startHarness({ orders: 20, linesPerOrder: 2 })
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    const [three] = await h.db.query<{ MONDAY_ITEM_ID: number }>(
      'SELECT MONDAY_ITEM_ID FROM ORDER_LIST WHERE ORDER_ID = 3'
    )
    const [line] = await h.db.query<{ MONDAY_SUBITEM_ID: number }>(
      'SELECT MONDAY_SUBITEM_ID FROM ORDER_LIST_LINES WHERE LINE_ID = 802'
    )
    await deleteItem(h, String(three!.MONDAY_ITEM_ID))
    await deleteItem(h, String(line!.MONDAY_SUBITEM_ID))
    await h.db.execute("UPDATE ORDER_LIST SET CUSTOMER = 'Fenwick', SYNC_STATE = 'PENDING' WHERE ORDER_ID IN (3, 4)")
    await h.db.execute("UPDATE ORDER_LIST_LINES SET SYNC_STATE = 'PENDING' WHERE LINE_ID = 802")
    const failing = { ...h.config, deletedItems: 'fail' as const }
    const refused = await runSync({ client: h.client(), db: h.db }, { config: failing })
    expect(stats(refused, 'orders')).toMatchObject({ updated: 1, failed: 1, recreated: 0 })
    expect(stats(refused, 'lines')).toMatchObject({ failed: 1, recreated: 0 })
    const [row] = await h.db.query<{ SYNC_STATE: string; SYNC_ERROR: string }>(
      'SELECT SYNC_STATE, SYNC_ERROR FROM ORDER_LIST WHERE ORDER_ID = 3'
    )
    expect(row).toEqual({
      SYNC_STATE: 'FAILED',
      SYNC_ERROR: expect.stringMatching(/^item \d+ no longer exists on monday \(deleted\); set mapping.deleted_items/)
    })
    // in either order: line 802's order has its item, so its update may go before order 3's (phases overlap)
    expect(refused.failures.map(f => [f.operation, f.errorClass, f.rowKeys]).sort()).toEqual([
      ['change_multiple_column_values', 'not_found', ['3']],
      ['change_multiple_column_values', 'not_found', ['802']]
    ])
    // fixed by the default: set back to pending, they are created again
    await h.db.execute("UPDATE ORDER_LIST SET SYNC_STATE = 'PENDING' WHERE ORDER_ID = 3")
    await h.db.execute("UPDATE ORDER_LIST_LINES SET SYNC_STATE = 'PENDING' WHERE LINE_ID = 802")
    const report = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(report, 'orders')).toMatchObject({ recreated: 1, failed: 0 })
    // line 802's subitem was deleted: created again; order 3's lines went with its item: created under the new one
    expect(stats(report, 'lines')).toMatchObject({ recreated: 1, created: 2, failed: 0 })
    expect(await verify(h)).toEqual({ items: 20, subitems: 40, synced: { orders: 20, lines: 40 }, problems: [] })
  })

  it('lines of a FAILED order are reported as waiting for it, then sync once the order is fixed', async () => {
    h = await startHarness({ orders: 10, linesPerOrder: 3 })
    await h.db.execute("UPDATE ORDER_LIST SET ORDER_NUMBER = '' WHERE ORDER_ID = 4")
    const first = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(first.details.waiting).toEqual({
      lines: 3,
      orders: [{ orderKey: '4', reason: 'ORDER_NUMBER: the item name is empty', lines: 3 }]
    })
    // the failure (and so the issue and the job summary) says the lines wait for the order
    expect(first.failures.map(f => f.message)).toEqual([
      expect.stringMatching(/\(3 line\(s\) of these orders wait for them: they sync once the order is fixed/)
    ])
    await h.db.execute("UPDATE ORDER_LIST SET ORDER_NUMBER = 'PO-000004', SYNC_STATE = 'PENDING' WHERE ORDER_ID = 4")
    const fixed = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(fixed, 'orders')).toMatchObject({ created: 1 })
    expect(stats(fixed, 'lines')).toMatchObject({ created: 3 })
    expect(fixed.details.waiting).toEqual({ lines: 0, orders: [] })
    expect(await verify(h)).toEqual({ items: 10, subitems: 30, synced: { orders: 10, lines: 30 }, problems: [] })
  })
})

describe('sync moves and archives', () => {
  it('an order whose group value changed moves its item (the group is created when missing); a re-run is a no-op', async () => {
    h = await startHarness({ orders: 20, linesPerOrder: 1 })
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    await h.db.execute("UPDATE ORDER_LIST SET SEASON = 'SS28', SYNC_STATE = 'PENDING' WHERE ORDER_ID IN (2, 3)")
    await h.db.execute("UPDATE ORDER_LIST SET CUSTOMER = 'Arket', SYNC_STATE = 'PENDING' WHERE ORDER_ID = 4")
    const report = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(report, 'orders')).toMatchObject({ created: 0, updated: 3, moved: 2, failed: 0 })
    const groups = h.emu.admin
      .items(h.boardId)
      .filter(i => ['2', '3'].includes(i.columnValues.sync_key?.text ?? ''))
      .map(i => i.groupTitle)
    expect(groups).toEqual(['SS28', 'SS28'])
    expect(requestsOf(h, 'move_item_to_group')).toBe(1)
    expect(await verify(h)).toEqual({ items: 20, subitems: 20, synced: { orders: 20, lines: 20 }, problems: [] })
    const sent = mutations(h)
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(mutations(h)).toBe(sent)
  })

  it('removed rows archive their items, then become ARCHIVED; an item already archived or deleted is not an error', async () => {
    h = await startHarness({ orders: 12, linesPerOrder: 2 })
    await h.db.execute("UPDATE ORDER_LIST SET ORDER_NUMBER = '' WHERE ORDER_ID = 12")
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    const [nine] = await h.db.query<{ MONDAY_ITEM_ID: number }>(
      'SELECT MONDAY_ITEM_ID FROM ORDER_LIST WHERE ORDER_ID = 9'
    )
    await deleteItem(h, String(nine!.MONDAY_ITEM_ID))
    // orders 5 and 9 (its item deleted on monday) removed with their lines, line 702 alone, order 12 never synced
    await h.db.execute("UPDATE ORDER_LIST SET SYNC_STATE = 'DELETED' WHERE ORDER_ID IN (5, 9, 12)")
    await h.db.execute("UPDATE ORDER_LIST_LINES SET SYNC_STATE = 'DELETED' WHERE LINE_ID IN (501, 702)")
    const report = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(stats(report, 'orders')).toMatchObject({ archived: 2, failed: 0 })
    expect(stats(report, 'lines')).toMatchObject({ archived: 2, failed: 0 })
    expect(report.failures).toEqual([])
    const states = await h.db.query<{ ORDER_ID: number; SYNC_STATE: string }>(
      'SELECT ORDER_ID, SYNC_STATE FROM ORDER_LIST WHERE ORDER_ID IN (5, 9, 12) ORDER BY ORDER_ID'
    )
    expect(states.map(s => s.SYNC_STATE)).toEqual(['ARCHIVED', 'ARCHIVED', 'ARCHIVED'])
    const lines = await h.db.query<{ LINE_ID: number; SYNC_STATE: string }>(
      "SELECT LINE_ID, SYNC_STATE FROM ORDER_LIST_LINES WHERE SYNC_STATE = 'ARCHIVED' ORDER BY LINE_ID"
    )
    expect(lines.map(l => l.LINE_ID)).toEqual([501, 502, 702, 901, 902, 1201, 1202])
    const keys = h.emu.admin.items(h.boardId).map(i => i.columnValues.sync_key?.text)
    expect(keys).not.toContain('5')
    expect(keys).toHaveLength(12 - 1 - 2)
    // archived again (the row set back to DELETED): no error
    await h.db.execute("UPDATE ORDER_LIST SET SYNC_STATE = 'DELETED' WHERE ORDER_ID = 5")
    const again = await runSync({ client: h.client(), db: h.db }, { config: h.config })
    expect(again.failures).toEqual([])
    expect(stats(again, 'orders')).toMatchObject({ archived: 1, failed: 0 })
  })
})
