import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Database } from '../../src/adapters/sql/database.js'
import type { BoardRow } from '../../src/adapters/sql/staging-schema.js'
import { SqlStagingStore } from '../../src/adapters/sql/staging-store.js'
import { isConfigError } from '../../src/errors.js'
import { databasesUnderTest } from '../helpers/databases.js'

const suffix = randomBytes(4).toString('hex')

function row(itemId: string, parent: string | null = null): BoardRow {
  return {
    sourceBoardId: '5',
    itemId,
    boardId: parent ? '6' : '5',
    groupId: 'g1',
    groupTitle: 'Group "one"',
    name: `name ${itemId}`,
    state: 'active',
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: null,
    parentItemId: parent,
    columnValues: '{}',
    typed: { amount: Number(itemId) / 2 }
  }
}

describe.each(databasesUnderTest())('SqlStagingStore: $name', ({ open }) => {
  let db: Database
  let store: SqlStagingStore
  const staging = `st_stage_${suffix}`
  const target = `st_target_${suffix}`

  beforeAll(async () => {
    db = await open()
    store = new SqlStagingStore(db, {
      stagingTable: staging,
      targetTable: target,
      typedColumns: [{ columnId: 'numbers', target: 'amount', type: 'real' }]
    })
    await store.prepare()
    await store.prepare() // idempotent
  })
  afterAll(async () => {
    for (const t of [staging, target]) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
    await db.close()
  })

  it('stages a batch twice as once, subitems included', async () => {
    await store.clear('5')
    const rows = [row('1'), row('2'), row('100', '1')]
    expect(await store.stageBatch('5', ['1', '2'], rows)).toBe(3)
    expect(await store.stageBatch('5', ['1', '2'], rows)).toBe(3)
    expect(await store.countStaged('5')).toEqual({ items: 2, subitems: 1 })
    expect([...(await store.stagedItemIds('5'))].sort()).toEqual(['1', '2'])
  })

  it('swaps staging into the target in one transaction, repeatably', async () => {
    await store.stageBatch('5', ['3'], [row('3')])
    expect(await store.swap('5')).toBe(4)
    expect(await store.swap('5')).toBe(4)
    expect(await store.countTarget('5')).toEqual({ items: 3, subitems: 1 })
    const [first] = await db.query(`SELECT * FROM ${db.quote(target)} WHERE item_id = @id`, { id: 3 })
    expect(first).toMatchObject({ name: 'name 3', group_title: 'Group "one"', amount: 1.5, board_id: 5 })
    expect(new Date(first!.created_at as string).toISOString()).toBe('2026-01-02T03:04:05.000Z')
  })

  it('leaves the target untouched when the swap fails', async () => {
    await store.clear('5')
    await store.stageBatch('5', ['4'], [row('4')])
    // a second store whose typed column the tables lack: its swap fails inside the transaction
    const broken = new SqlStagingStore(db, {
      stagingTable: staging,
      targetTable: target,
      typedColumns: [{ columnId: 'x', target: 'no_such_column', type: 'text' }]
    })
    await expect(broken.swap('5')).rejects.toThrow()
    expect(await store.countTarget('5')).toEqual({ items: 3, subitems: 1 })
  })

  it('rejects table and column names that are not plain identifiers', () => {
    const attempts = [
      { stagingTable: 'x; DROP TABLE y' },
      { targetTable: 'a]b' },
      { typedColumns: [{ columnId: 'c', target: 'bad name', type: 'text' as const }] },
      { typedColumns: [{ columnId: 'c', target: 'item_id', type: 'text' as const }] }
    ]
    for (const options of attempts) {
      let error: unknown
      try {
        new SqlStagingStore(db, options)
      } catch (e) {
        error = e
      }
      expect(isConfigError(error)).toBe(true)
      expect(String(error)).toMatch(/load_board\./)
    }
  })

  it('names the table and its setting when an existing target table has another shape, and leaves it as it was', async () => {
    const other = `st_other_${suffix}`
    await db.execute(`CREATE TABLE ${db.quote(other)} (item_id INTEGER, note VARCHAR(20))`)
    try {
      await db.execute(`INSERT INTO ${db.quote(other)} (item_id, note) VALUES (1, 'keep me')`)
      const store = new SqlStagingStore(db, { stagingTable: `st_stage2_${suffix}`, targetTable: other })
      let error: unknown
      try {
        await store.prepare()
      } catch (e) {
        error = e
      }
      expect(isConfigError(error)).toBe(true)
      expect(String(error)).toContain(`load_board.target_table: table "${other}"`)
      expect(await db.query(`SELECT item_id, note FROM ${db.quote(other)}`)).toEqual([{ item_id: 1, note: 'keep me' }])
    } finally {
      for (const t of [other, `st_stage2_${suffix}`]) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
    }
  })
})
