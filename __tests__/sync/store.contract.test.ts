import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Database, SqlParams } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { loadSyncConfig } from '../../src/config/index.js'
import type { SyncConfig } from '../../src/config/types.js'
import { createDemoSchema, seedDemoOrders } from '../../src/pipelines/sync/demo-data.js'
import { RunClaim } from '../../src/pipelines/sync/claims.js'
import { type ClaimStamp, SqlSyncStore } from '../../src/pipelines/sync/store.js'
import { databasesUnderTest } from '../helpers/databases.js'

/** Unique per run: SQL Server keeps tables between runs, SQLite gets a fresh file. */
const suffix = randomBytes(3).toString('hex')
const tables = { orders: `ct_orders_${suffix}`, lines: `ct_lines_${suffix}` }

function configFor(): SyncConfig {
  const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: '1' } })
  return {
    ...config,
    states: { ...config.states, removed: 'DELETED' },
    orders: { ...config.orders, table: tables.orders },
    lines: { ...config.lines, table: tables.lines }
  }
}

/** Two runs' claims, as the pipeline makes them (`stamp(at)` at a time in seconds). */
const run = (id: string) => {
  const claim = new RunClaim(id, 60_000)
  return { claim, stamp: (at: number): ClaimStamp => ({ text: claim.text(at * 1000), pattern: claim.pattern }) }
}
const runA = run('run-a')
const runB = run('run-b')

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
      inProgressLines: 0,
      orderUpdates: 0,
      lineUpdates: 0,
      removedOrders: 0,
      removedLines: 0,
      waitingLines: 0
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
      rows.map(r => r.rawKey),
      runA.stamp(1)
    )
    expect([...claimed].sort()).toEqual(['1', '2', '3', '4', '5'])
    expect(
      (
        await store.claim(
          'orders',
          rows.map(r => r.rawKey),
          runB.stamp(2)
        )
      ).size
    ).toBe(0)
    expect((await store.inProgressOrders()).map(r => r.key)).toEqual(['1', '2', '3', '4', '5'])
    expect((await store.counts()).inProgressOrders).toBe(5)
  })

  it('records a batch in one transaction: ids and SYNCED, FAILED with the reason, released back to PENDING', async () => {
    await store.record(
      'orders',
      {
        synced: [
          { rawKey: 1, itemId: '9007199254740000' },
          { rawKey: 2, itemId: '5000000002' }
        ],
        failed: [{ rawKey: 3, reason: `monday: label "X" does not exist ${'!'.repeat(2000)}` }],
        released: [4, 5]
      },
      runA.stamp(3)
    )
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
      broken.record(
        'orders',
        {
          synced: [{ rawKey: 6, itemId: '1' }],
          failed: [{ rawKey: 7, reason: 'x' }],
          released: []
        },
        null
      )
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
    await store.claim('lines', [101, 102], runA.stamp(4))
    expect((await store.inProgressLines()).map(l => [l.key, l.parentItemId])).toEqual([
      ['101', '9007199254740000'],
      ['102', '9007199254740000']
    ])
    await store.record('lines', { synced: [{ rawKey: 101, itemId: '77' }], failed: [], released: [102] }, runA.stamp(5))
    expect(await states(db, tables.lines)).toEqual({ SYNCED: 1, NEW: 88, PENDING: 1 })
  })

  const orderState = async (id: number) =>
    (
      await db.query<{ s: string; m: number | bigint | null; e: string | null }>(
        `SELECT SYNC_STATE AS s, MONDAY_ITEM_ID AS m, SYNC_ERROR AS e FROM ${db.quote(tables.orders)} WHERE ORDER_ID = @id`,
        { id }
      )
    ).map(r => [r.s, r.m === null ? null : String(r.m), r.e])[0]

  it('a claim carries its run and time; renewing and writing back touch only rows the run still holds', async () => {
    expect([...(await store.claim('orders', [8, 9, 10], runA.stamp(10)))].sort()).toEqual(['10', '8', '9'])
    expect(await orderState(8)).toEqual(['SYNCING', null, runA.claim.text(10_000)])
    expect((await store.inProgressOrders()).find(r => r.key === '8')?.claim).toBe(runA.claim.text(10_000))
    // run B holds none of them: its renewal and its write-back change nothing
    expect((await store.renew('orders', [8, 9, 10], runB.stamp(11))).size).toBe(0)
    await store.record('orders', { synced: [{ rawKey: 8, itemId: '88' }], failed: [], released: [9] }, runB.stamp(11))
    expect(await orderState(8)).toEqual(['SYNCING', null, runA.claim.text(10_000)])
    expect(await orderState(9)).toEqual(['SYNCING', null, runA.claim.text(10_000)])
    // run A renews (a new time) and still holds all three
    expect((await store.renew('orders', [8, 9, 10], runA.stamp(12))).size).toBe(3)
    expect(await orderState(10)).toEqual(['SYNCING', null, runA.claim.text(12_000)])
  })

  it('takes over only the claims the predicate accepts; the old holder then writes nothing', async () => {
    const seen: (string | null)[] = []
    const taken = await store.takeOver('orders', [8, 9, 10, 11], runB.stamp(100), text => {
      seen.push(text)
      return text !== null && text.includes('since') && !text.endsWith('00:00:12.000Z')
    })
    expect(seen).toHaveLength(3) // order 11 is not in progress
    expect(taken).toEqual(new Set())
    const all = await store.takeOver('orders', [8, 9], runB.stamp(100), () => true)
    expect([...all].sort()).toEqual(['8', '9'])
    expect((await store.renew('orders', [8, 9, 10], runA.stamp(101))).size).toBe(1)
    await store.record('orders', { synced: [{ rawKey: 8, itemId: '80' }], failed: [], released: [] }, runA.stamp(101))
    expect(await orderState(8)).toEqual(['SYNCING', null, runB.claim.text(100_000)])
    await store.record(
      'orders',
      { synced: [{ rawKey: 8, itemId: '81' }], failed: [{ rawKey: 9, reason: 'bad' }], released: [] },
      runB.stamp(102)
    )
    expect(await orderState(8)).toEqual(['SYNCED', '81', null])
    expect(await orderState(9)).toEqual(['FAILED', null, 'bad'])
  })

  it('a created item id still reaches a row that went back to pending meanwhile (it is then updated)', async () => {
    await db.execute(`UPDATE ${db.quote(tables.orders)} SET SYNC_STATE = 'PENDING' WHERE ORDER_ID = 10`)
    await store.record('orders', { synced: [{ rawKey: 10, itemId: '100' }], failed: [], released: [] }, runA.stamp(103))
    expect(await orderState(10)).toEqual(['PENDING', '100', runA.claim.text(101_000)])
    expect((await store.counts()).orderUpdates).toBe(1)
    expect((await store.pendingOrders(9, 1))[0]).toMatchObject({ key: '10', itemId: '100' })
  })

  it("ends a run's claims: the rows it still holds say so, others' rows are untouched", async () => {
    expect((await store.claim('orders', [11, 12], runA.stamp(200))).size).toBe(2)
    expect(await store.claim('orders', [13], runB.stamp(200))).toEqual(new Set(['13']))
    expect(await store.endClaims(runA.stamp(201), runA.claim.ended(201_000))).toBe(2)
    expect(await orderState(11)).toEqual(['SYNCING', null, runA.claim.ended(201_000)])
    expect(await orderState(13)).toEqual(['SYNCING', null, runB.claim.text(200_000)])
  })

  it('a take-over sets only rows whose claim is still the one it read (compare and set), and returns exactly those', async () => {
    expect((await store.claim('orders', [16, 17, 18], runA.stamp(300))).size).toBe(3)
    // between the take-over's read and its write, run A renews order 17: its claim is no longer expired
    let renewed = false
    const racing = new Proxy(db, {
      get(target, property) {
        if (property === 'query') {
          return async (sql: string, params?: SqlParams) => {
            if (!renewed && sql.includes('UPDATE')) {
              renewed = true
              await store.renew('orders', [17], runA.stamp(301))
            }
            return await target.query(sql, params)
          }
        }
        const value: unknown = Reflect.get(target, property)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      }
    })
    const expired = (text: string | null): boolean => text === runA.claim.text(300_000)
    const taken = await new SqlSyncStore(racing, config).takeOver('orders', [16, 17, 18], runB.stamp(400), expired)
    expect(renewed).toBe(true)
    expect([...taken].sort()).toEqual(['16', '18'])
    expect(await orderState(16)).toEqual(['SYNCING', null, runB.claim.text(400_000)])
    expect(await orderState(17)).toEqual(['SYNCING', null, runA.claim.text(301_000)])
  })

  it('lists removed rows and moves them to the archived state; counts lines waiting for a FAILED order', async () => {
    await db.execute(`UPDATE ${db.quote(tables.orders)} SET SYNC_STATE = 'DELETED' WHERE ORDER_ID IN (20, 21)`)
    await db.execute(`UPDATE ${db.quote(tables.lines)} SET SYNC_STATE = 'DELETED' WHERE LINE_ID = 301`)
    const removed = await store.removedRows('orders', null, 10)
    expect(removed.map(r => r.key)).toEqual(['20', '21'])
    expect((await store.removedRows('lines', null, 10)).map(r => [r.key, r.itemId])).toEqual([['301', null]])
    const counts = await store.counts()
    expect([counts.removedOrders, counts.removedLines, counts.waitingLines]).toEqual([2, 1, 5])
    // order 3 FAILED above (one of its lines is removed), order 9 too
    expect(await store.waitingOrders(10)).toEqual([
      { orderKey: '3', reason: expect.stringMatching(/^monday: label "X"/), lines: 2 },
      { orderKey: '9', reason: 'bad', lines: 3 }
    ])
    expect(await store.waitingOrders(1)).toHaveLength(1)
    await store.markArchived('orders', [20, 21, 22])
    expect(await orderState(20)).toEqual(['ARCHIVED', null, null])
    expect((await orderState(22))?.[0]).not.toBe('ARCHIVED')
    // the lines of archived orders follow them; others' lines stay
    expect(await states(db, tables.lines)).toMatchObject({ ARCHIVED: 6 })
    const [other] = await db.query<{ s: string }>(
      `SELECT SYNC_STATE AS s FROM ${db.quote(tables.lines)} WHERE LINE_ID = 2201`
    )
    expect(other?.s).not.toBe('ARCHIVED')
  })
})

describe('two connections claiming the same keys at once (SQLite; SQL Server: sqlserver.contract.test.ts)', () => {
  it('no key claimed twice, none lost, nothing set that was not returned, on a table with an update trigger', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ms-claims-')), 'claims.db')
    const [a, b] = [await openDatabase(`sqlite:${path}`), await openDatabase(`sqlite:${path}`)]
    try {
      const config = configFor()
      await createDemoSchema(a, tables)
      await seedDemoOrders(a, { orders: 1000, linesPerOrder: 0, tables, seed: 8 })
      await a.execute('CREATE TABLE claim_audit (order_id INTEGER)')
      await a.execute(
        `CREATE TRIGGER claim_audit_trigger AFTER UPDATE ON ${a.quote(tables.orders)} ` +
          'BEGIN INSERT INTO claim_audit VALUES (NEW.ORDER_ID); END'
      )
      const keys = Array.from({ length: 1000 }, (_, i) => i + 1)
      const [x, y] = await Promise.all([
        new SqlSyncStore(a, config).claim('orders', keys, runA.stamp(1)),
        new SqlSyncStore(b, config).claim('orders', [...keys].reverse(), runB.stamp(1))
      ])
      expect([...x].filter(k => y.has(k))).toEqual([])
      expect(x.size + y.size).toBe(1000)
      const rows = await a.query<{ k: number; e: string }>(
        `SELECT ORDER_ID AS k, SYNC_ERROR AS e FROM ${a.quote(tables.orders)} WHERE SYNC_STATE = 'SYNCING'`
      )
      expect(rows).toHaveLength(1000)
      for (const row of rows) {
        expect(row.e).toBe((x.has(String(row.k)) ? runA : runB).claim.text(1000))
      }
      expect((await a.query<{ n: number }>('SELECT COUNT(*) AS n FROM claim_audit'))[0]?.n).toBe(1000)
    } finally {
      await a.close()
      await b.close()
    }
  })
})
