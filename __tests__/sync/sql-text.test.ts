import { describe, expect, it } from '@jest/globals'
import { type Database, type SqlParams, type SqlRow, TypedValue } from '../../src/adapters/sql/database.js'
import { loadSyncConfig } from '../../src/config/index.js'
import { SqlSyncStore } from '../../src/pipelines/sync/store.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { updateReturningKeys } from '../../src/pipelines/sync/sql-text.js'

/** A SQL Server `Database` that records the statements it is given (no server runs here). */
function recordingMssql(): { db: Database; sent: string[] } {
  const sent: string[] = []
  const db = {
    dialect: 'mssql',
    query: async (sql: string): Promise<SqlRow[]> => {
      sent.push(sql)
      return [{ k: 'A-1' }]
    }
  } as unknown as Database
  return { db, sent }
}

const update = {
  table: '[dbo].[ORDERS]',
  key: '[ORDER_ID]',
  set: '[SYNC_STATE] = @progress',
  where: "[ORDER_ID] IN (@k0, @k1) AND [SYNC_STATE] = 'NEW'",
  limit: 2,
  keyType: 'VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS'
}

describe('one UPDATE that returns the keys it changed', () => {
  it('SQL Server: UPDATE TOP (n) … OUTPUT inserted.key INTO a table variable of the key type, then SELECT it', async () => {
    const { db, sent } = recordingMssql()
    expect(await updateReturningKeys(db, update, {})).toEqual(['A-1'])
    expect(sent).toEqual([
      'DECLARE @monday_sync_changed TABLE (k VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS); ' +
        'UPDATE TOP (2) [dbo].[ORDERS] SET [SYNC_STATE] = @progress ' +
        'OUTPUT inserted.[ORDER_ID] INTO @monday_sync_changed (k) ' +
        "WHERE [ORDER_ID] IN (@k0, @k1) AND [SYNC_STATE] = 'NEW'; SELECT k FROM @monday_sync_changed"
    ])
    // a plain OUTPUT (no INTO) fails on a table with an enabled trigger (error 334)
    expect(sent[0]).not.toMatch(/OUTPUT inserted\.\[ORDER_ID\] (WHERE|FROM)/)
  })

  it('SQLite: UPDATE … RETURNING, the rows the WHERE still selects', async () => {
    const db = await openDatabase('sqlite::memory:')
    try {
      await db.execute('CREATE TABLE t (k TEXT PRIMARY KEY, s TEXT)')
      await db.execute("INSERT INTO t VALUES ('a', 'NEW'), ('b', 'DONE')")
      const params: SqlParams = { k0: 'a', k1: 'b', progress: 'SYNCING' }
      const changed = await updateReturningKeys(
        db,
        { ...update, table: 't', key: 'k', set: 's = @progress', where: "k IN (@k0, @k1) AND s = 'NEW'" },
        params
      )
      expect(changed).toEqual(['a'])
      expect(await db.query('SELECT k, s FROM t ORDER BY k')).toEqual([
        { k: 'a', s: 'SYNCING' },
        { k: 'b', s: 'DONE' }
      ])
    } finally {
      await db.close()
    }
  })
})

describe('key parameters bound as the type of the key column (SQL Server)', () => {
  it('a DATETIME key is bound as DATETIME in claims, write-backs and pages; the table variable is DATETIME', async () => {
    const calls: { sql: string; params: SqlParams }[] = []
    const db = {
      dialect: 'mssql',
      quote: (name: string) => `[${name}]`,
      query: async (sql: string, params: SqlParams = {}): Promise<SqlRow[]> => {
        calls.push({ sql, params })
        if (sql.includes('sys.columns')) {
          return [
            {
              name: 'ORDER_STAMP',
              type: 'datetime',
              max_length: 8,
              precision: 23,
              scale: 3,
              collation: null,
              nullable: 0
            },
            {
              name: 'SYNC_STATE',
              type: 'varchar',
              max_length: 16,
              precision: 0,
              scale: 0,
              collation: 'SQL_Latin1_General_CP1_CI_AS',
              nullable: 0
            }
          ]
        }
        return []
      },
      execute: async (sql: string, params: SqlParams = {}): Promise<number> => {
        calls.push({ sql, params })
        return 0
      },
      transaction: async <T>(fn: (tx: Database) => Promise<T>): Promise<T> => await fn(db)
    } as unknown as Database
    const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: '1' } })
    const store = new SqlSyncStore(db, { ...config, orders: { ...config.orders, key: 'ORDER_STAMP' } })
    const stamp = new Date('2026-01-05T10:00:00.003Z')
    await store.claim('orders', [stamp], { text: 'syncing: run a', pattern: 'syncing: run a%' })
    await store.record(
      'orders',
      { synced: [{ rawKey: stamp, itemId: '5' }], failed: [{ rawKey: stamp, reason: 'x' }], released: [stamp] },
      null
    )
    await store.pendingOrders(stamp, 10)
    const keyParams = calls.flatMap(c => Object.entries(c.params).filter(([name]) => /^(k\d+|key|after)$/.test(name)))
    expect(keyParams.length).toBeGreaterThanOrEqual(5)
    for (const [, value] of keyParams) {
      expect(value).toBeInstanceOf(TypedValue)
      expect((value as TypedValue).column.type).toBe('datetime')
      expect((value as TypedValue).value).toEqual(stamp)
    }
    expect(calls.find(c => c.sql.startsWith('DECLARE'))?.sql).toMatch(
      /^DECLARE @monday_sync_changed TABLE \(k DATETIME\);/
    )
  })

  it('the driver binds a DATETIME-typed value as DATETIME, a VARCHAR(20) one as VARCHAR(20)', async () => {
    const sql = (await import('mssql')).default
    const { typeOfParam } = await import('../../src/adapters/sql/mssql-database.js')
    const typeOf = (value: TypedValue): unknown => {
      const t = typeOfParam(value)
      return typeof t === 'function' ? t() : t
    }
    expect(typeOf(new TypedValue(new Date(3), { type: 'datetime', maxLength: null }))).toMatchObject({
      type: sql.DateTime
    })
    expect(typeOf(new TypedValue('A-1', { type: 'varchar', maxLength: 20 }))).toMatchObject({
      type: sql.VarChar,
      length: 20
    })
    expect(typeOf(new TypedValue('A-1', { type: 'char', maxLength: 12 }))).toMatchObject({ type: sql.Char, length: 12 })
    // longer than the column: bound whole (it equals none of its values), never cut to its first character
    expect(typeOf(new TypedValue('ABC', { type: 'char', maxLength: 2 }))).toMatchObject({
      type: sql.VarChar,
      length: sql.MAX
    })
    expect(typeOf(new TypedValue('ÄBC', { type: 'nchar', maxLength: 2 }))).toMatchObject({
      type: sql.NVarChar,
      length: sql.MAX
    })
  })
})
