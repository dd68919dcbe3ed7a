import { describe, expect, it } from '@jest/globals'
import type { Database, SqlParams, SqlRow } from '../../src/adapters/sql/database.js'
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
