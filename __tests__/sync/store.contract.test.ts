import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Database } from '../../src/adapters/sql/database.js'
import { loadSyncConfig } from '../../src/config/index.js'
import type { SyncConfig } from '../../src/config/types.js'
import { createDemoSchema, seedDemoOrders } from '../../src/pipelines/sync/demo-data.js'
import { SqlSyncStore } from '../../src/pipelines/sync/store.js'
import { databasesUnderTest } from '../helpers/databases.js'

/** Unique per run: SQL Server keeps tables between runs, SQLite gets a fresh file. */
const suffix = randomBytes(3).toString('hex')
const tables = { orders: `ct_orders_${suffix}`, lines: `ct_lines_${suffix}` }

function configFor(): SyncConfig {
  const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: '1' } })
  return {
    ...config,
    orders: { ...config.orders, table: tables.orders },
    lines: { ...config.lines, table: tables.lines }
  }
}

const states = async (db: Database, table: string): Promise<Record<string, number>> => {
  const rows = await db.query<{ s: string; n: number }>(
    `SELECT ${db.quote('SYNC_STATE')} AS s, COUNT(*) AS n FROM ${db.quote(table)} GROUP BY ${db.quote('SYNC_STATE')}`
  )
  return Object.fromEntries(rows.map(r => [r.s, Number(r.n)]))
}

describe.each(databasesUnderTest())('SyncStore contract: $name', ({ open }) => {
  let db: Database
  let store: SqlSyncStore
  const config = configFor()

  beforeAll(async () => {
    db = await open()
    await createDemoSchema(db, tables)
    await createDemoSchema(db, tables) // idempotent
    await seedDemoOrders(db, { orders: 30, linesPerOrder: 3, tables, seed: 7 })
    store = new SqlSyncStore(db, config)
  })
  afterAll(async () => {
    for (const t of [tables.lines, tables.orders]) await db.execute(`DROP TABLE ${db.quote(t)}`).catch(() => 0)
    await db.close()
  })

  it('counts pending and in-progress rows (NEW and PENDING are both pending)', async () => {
    expect(await store.counts()).toEqual({
      pendingOrders: 30,
      pendingLines: 90,
      inProgressOrders: 0,
      inProgressLines: 0
    })
  })

  it('reads pending orders in pages by key, with the mapped columns', async () => {
    const first = await store.pendingOrders(null, 12)
    expect(first.map(r => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)))
    expect(first[0]?.values).toMatchObject({ ORDER_NUMBER: 'PO-000001', TOTAL_QTY: expect.any(Number) })
    expect(first[0]?.values).not.toHaveProperty('SYNC_ERROR')
    const next = await store.pendingOrders(first[11]!.rawKey, 100)
    expect(next.map(r => r.key)[0]).toBe('13')
    expect(next).toHaveLength(18)
    expect(await store.pendingOrders(next[17]!.rawKey, 100)).toEqual([])
  })

  it('claims only pending rows, and a second claim of the same keys gets none', async () => {
    const rows = await store.pendingOrders(null, 5)
    const claimed = await store.claim(
      'orders',
      rows.map(r => r.rawKey)
    )
    expect([...claimed].sort()).toEqual(['1', '2', '3', '4', '5'])
    expect(
      (
        await store.claim(
          'orders',
          rows.map(r => r.rawKey)
        )
      ).size
    ).toBe(0)
    expect((await store.inProgressOrders()).map(r => r.key)).toEqual(['1', '2', '3', '4', '5'])
    expect((await store.counts()).inProgressOrders).toBe(5)
  })

  it('records a batch in one transaction: ids and SYNCED, FAILED with the reason, released back to PENDING', async () => {
    await store.record('orders', {
      synced: [
        { rawKey: 1, itemId: '9007199254740000' },
        { rawKey: 2, itemId: '5000000002' }
      ],
      failed: [{ rawKey: 3, reason: `monday: label "X" does not exist ${'!'.repeat(2000)}` }],
      released: [4, 5]
    })
    const rows = await db.query<{ id: number; s: string; m: number | bigint | null; e: string | null }>(
      `SELECT ORDER_ID AS id, SYNC_STATE AS s, MONDAY_ITEM_ID AS m, SYNC_ERROR AS e FROM ${db.quote(tables.orders)} WHERE ORDER_ID <= 5 ORDER BY ORDER_ID`
    )
    expect(rows.map(r => [r.s, r.m === null ? null : String(r.m)])).toEqual([
      ['SYNCED', '9007199254740000'],
      ['SYNCED', '5000000002'],
      ['FAILED', null],
      ['PENDING', null],
      ['PENDING', null]
    ])
    expect(rows[2]?.e).toMatch(/^monday: label "X"/)
    expect(rows[2]?.e?.length).toBe(1000)
  })

  it('rolls a batch back whole when one statement fails', async () => {
    const broken = new SqlSyncStore(db, { ...config, orders: { ...config.orders, errorColumn: 'NO_SUCH_COLUMN' } })
    await expect(
      broken.record('orders', {
        synced: [{ rawKey: 6, itemId: '1' }],
        failed: [{ rawKey: 7, reason: 'x' }],
        released: []
      })
    ).rejects.toThrow()
    expect(await states(db, tables.orders)).not.toHaveProperty('SYNCING')
    const [row] = await db.query<{ s: string }>(
      `SELECT SYNC_STATE AS s FROM ${db.quote(tables.orders)} WHERE ORDER_ID = 6`
    )
    expect(row?.s).not.toBe('SYNCED')
  })

  it('reads pending lines only of synced orders, with the parent item id', async () => {
    const lines = await store.pendingLines(null, 100)
    expect(lines.map(l => l.parentKey)).toEqual(['1', '1', '1', '2', '2', '2'])
    expect(lines.map(l => l.key)).toEqual(['101', '102', '103', '201', '202', '203'])
    expect(lines[0]?.parentItemId).toBe('9007199254740000')
    expect(lines[0]?.values).toMatchObject({ SIZE: 'XS', LINE_NAME: expect.stringMatching(/^ST-\d{4} \w+ XS$/) })
    const page = await store.pendingLines(lines[2]!.rawKey, 2)
    expect(page.map(l => l.key)).toEqual(['201', '202'])
    await store.claim('lines', [101, 102])
    expect((await store.inProgressLines()).map(l => [l.key, l.parentItemId])).toEqual([
      ['101', '9007199254740000'],
      ['102', '9007199254740000']
    ])
    await store.record('lines', { synced: [{ rawKey: 101, itemId: '77' }], failed: [], released: [102] })
    expect(await states(db, tables.lines)).toEqual({ SYNCED: 1, NEW: 88, PENDING: 1 })
  })
})
