import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Database } from '../../src/adapters/sql/database.js'
import {
  type BoardLayout,
  type BoardRow,
  type TableLayout,
  type TypedColumn,
  columnsTableStatements,
  createTableStatements,
  dropTableStatement,
  existingColumns,
  layoutColumns
} from '../../src/adapters/sql/staging-schema.js'
import { quoteIdentifier } from '../../src/adapters/sql/identifiers.js'
import { SqlStagingStore } from '../../src/adapters/sql/staging-store.js'
import { itemRanges } from '../../src/adapters/sql/staging-swap.js'
import { isConfigError } from '../../src/errors.js'
import { databasesUnderTest } from '../helpers/databases.js'

/**
 * The typed tables' DDL and the swap, on every database under test: SQLite always, SQL Server
 * when MSSQL_URL is set (the same statements the pipeline runs).
 */
const suffix = randomBytes(4).toString('hex')

const LONG = `long_${'x'.repeat(118)}`
const typed = (name: string, type: TypedColumn['type'], mondayType: string, part = ''): TypedColumn => ({
  name,
  type,
  mondayColumnId: `${mondayType}_${name.length}`,
  part,
  mondayType,
  title: name
})
/** Names as column-names.ts makes them from odd titles: reserved words, a 123-character one. */
const COLUMNS: TypedColumn[] = [
  typed('amount', 'decimal', 'numbers'),
  typed('select', 'text', 'text'),
  typed('grosse_cm', 'decimal', 'numbers'),
  typed('order', 'datetime', 'date'),
  typed('done', 'boolean', 'checkbox'),
  typed('status', 'shorttext', 'status'),
  typed(LONG, 'text', 'long_text')
]

function row(itemId: string, parent: string | null = null): BoardRow {
  return {
    itemId,
    groupId: 'g1',
    groupTitle: 'Group "one"',
    name: `name ${itemId}`,
    state: 'active',
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: null,
    parentItemId: parent,
    columnValues: '{}',
    typed: {
      amount: Number(itemId) / 4,
      select: `sel ${itemId}`,
      grosse_cm: 12.5,
      order: new Date('2026-06-15T09:30:00.000Z'),
      done: Number(itemId) % 2 === 0,
      status: 'Done',
      [LONG]: 'long'
    }
  }
}

describe.each(databasesUnderTest())('SqlStagingStore (typed tables): $name', ({ open }) => {
  let db: Database
  let store: SqlStagingStore
  const items = `st_items_${suffix}`
  const subs = `st_subs_${suffix}`
  const table = (name: string, subitems: boolean, columns: TypedColumn[]): TableLayout => ({
    table: name,
    stagingTable: `${name}_staging`,
    subitems,
    firstLoad: true,
    columns,
    added: columns,
    removed: []
  })
  const layout = (columns = COLUMNS): BoardLayout => ({
    boardId: '5',
    items: table(items, false, columns),
    subitems: table(subs, true, [typed('qty', 'decimal', 'numbers')])
  })

  beforeAll(async () => {
    db = await open()
    store = new SqlStagingStore(db)
    await store.prepare()
    await store.prepare() // idempotent
  })
  afterAll(async () => {
    for (const t of [items, subs, `${items}_staging`, `${subs}_staging`]) {
      await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
    }
    await db.execute(`DELETE FROM monday_sync_columns WHERE table_name IN (@a, @b)`, { a: items, b: subs })
    await db.close()
  })

  it('stages a batch twice as once, subitems in their own table', async () => {
    await store.useLayout(layout(), { fresh: true })
    const rows = [row('1'), row('2'), { ...row('100', '1'), typed: { qty: 3 } }]
    expect(await store.stageBatch('5', ['1', '2'], rows)).toBe(3)
    expect(await store.stageBatch('5', ['1', '2'], rows)).toBe(3)
    expect(await store.countStaged('5')).toEqual({ items: 2, subitems: 1 })
    expect([...(await store.stagedItemIds('5'))].sort()).toEqual(['1', '2'])
  })

  it('swaps staging into new typed tables in one transaction, repeatably, and records the columns', async () => {
    await store.stageBatch('5', ['3'], [row('3')])
    expect(await store.swap('5')).toBe(4)
    expect(await store.swap('5')).toBe(4)
    expect(await store.countTarget('5')).toEqual({ items: 3, subitems: 1 })
    const [first] = await db.query(`SELECT * FROM ${db.quote(items)} WHERE item_id = @id`, { id: 2 })
    expect(first).toMatchObject({ name: 'name 2', group_title: 'Group "one"', select: 'sel 2', status: 'Done' })
    expect(Number(first!.amount)).toBe(0.5)
    expect(Number(first!.grosse_cm)).toBe(12.5)
    expect(Number(first!.done)).toBe(1)
    expect(first![LONG]).toBe('long')
    expect(new Date(first!.order as string).toISOString()).toBe('2026-06-15T09:30:00.000Z')
    const [sub] = await db.query(`SELECT * FROM ${db.quote(subs)}`)
    expect(sub).toMatchObject({ parent_item_id: 1, name: 'name 100' })
    const recorded = await store.recordedColumns(items)
    expect(recorded.map(c => c.name).sort()).toEqual(COLUMNS.map(c => c.name).sort())
    expect(recorded.find(c => c.name === 'done')).toMatchObject({
      type: 'boolean',
      mondayType: 'checkbox',
      active: true
    })
  })

  it("renames a table's first load into place on SQLite (no second copy), and copies a reload, keeping its staging", async () => {
    const first = `st_first_${suffix}`
    const l: BoardLayout = {
      boardId: '9',
      items: table(first, false, COLUMNS),
      subitems: table(`${first}_subs`, true, [typed('qty', 'decimal', 'numbers')])
    }
    const indexes = async (t: string): Promise<string[]> =>
      (
        await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @t`, {
          t
        })
      ).map(r => r.name)
    const renames = db.dialect === 'sqlite'
    try {
      await store.useLayout(l, { fresh: true })
      await store.stageBatch('9', ['1', '2'], [row('1'), row('2'), row('100', '1')], { fresh: true })
      expect(await store.swappedByRename(l)).toBe(false)
      expect(await store.swap('9')).toBe(3)
      expect(await store.countTarget('9')).toEqual({ items: 2, subitems: 1 })
      expect((await existingColumns(db, `${first}_staging`)) === null).toBe(renames)
      expect(await store.swappedByRename(l)).toBe(renames)
      if (renames) expect(await indexes(`${first}_subs`)).toContain(`ix_parent_${first}_subs`)
      // swapped again (a run that ended before its checkpoint said so): nothing left to move
      expect(await store.swap('9')).toBe(3)
      expect(await store.countTarget('9')).toEqual({ items: 2, subitems: 1 })

      // the next load stages anew (with its own index) and copies into the existing tables
      await store.useLayout(l, { fresh: true })
      if (renames) expect(await indexes(`${first}_subs_staging`)).toContain(`ix_parent_${first}_subs_staging`)
      await store.stageBatch('9', ['3'], [row('3'), row('101', '3')], { fresh: true })
      expect(await store.swap('9')).toBe(2)
      expect(await store.countTarget('9')).toEqual({ items: 1, subitems: 1 })
      expect(await store.countStaged('9')).toEqual({ items: 1, subitems: 1 })
      expect(await store.swappedByRename(l)).toBe(false)
    } finally {
      for (const t of [first, `${first}_subs`, `${first}_staging`, `${first}_subs_staging`]) {
        await db.execute(dropTableStatement(db, t))
      }
      await db.execute(`DELETE FROM monday_sync_columns WHERE table_name IN (@a, @b)`, { a: first, b: `${first}_subs` })
    }
  })

  it('copies a first load instead when SQLite refuses the rename (a view elsewhere names a missing table)', async () => {
    if (db.dialect !== 'sqlite') return
    const first = `st_view_${suffix}`
    const l: BoardLayout = { boardId: '8', items: table(first, false, COLUMNS), subitems: null }
    await db.execute(`CREATE TABLE ${first}_gone (x INTEGER)`)
    await db.execute(`CREATE VIEW ${first}_v AS SELECT x FROM ${first}_gone`)
    await db.execute(`DROP TABLE ${first}_gone`)
    try {
      await store.useLayout(l, { fresh: true })
      await store.stageBatch('8', ['1', '2'], [row('1'), row('2')], { fresh: true })
      expect(await store.swap('8')).toBe(2)
      expect(await store.countTarget('8')).toEqual({ items: 2, subitems: 0 })
      expect(await store.countStaged('8')).toEqual({ items: 2, subitems: 0 })
    } finally {
      await db.execute(`DROP VIEW ${first}_v`)
      for (const t of [first, `${first}_staging`]) await db.execute(dropTableStatement(db, t))
      await db.execute(`DELETE FROM monday_sync_columns WHERE table_name = @a`, { a: first })
    }
  })

  it('adds a new column to the target inside the swap and keeps a removed one with NULLs', async () => {
    const kept = COLUMNS.filter(c => c.name !== 'select')
    const extra = typed('new col', 'text', 'text')
    extra.name = 'new_col'
    const recorded = await store.recordedColumns(items)
    const next: BoardLayout = {
      ...layout(),
      items: {
        ...table(items, false, [...kept, extra]),
        firstLoad: false,
        added: [extra],
        removed: recorded.filter(c => c.name === 'select')
      },
      subitems: { ...table(subs, true, [typed('qty', 'decimal', 'numbers')]), firstLoad: false, added: [] }
    }
    await store.useLayout(next, { fresh: true })
    const fresh = (id: string): BoardRow => {
      const r = row(id)
      const { select: _, ...rest } = r.typed
      return { ...r, typed: { ...rest, new_col: `new ${id}` } }
    }
    await store.stageBatch('5', ['7'], [fresh('7')])
    expect(await store.swap('5')).toBe(1)
    const rows = await db.query(`SELECT item_id, ${db.quote('select')}, new_col FROM ${db.quote(items)}`)
    expect(rows).toEqual([{ item_id: 7, select: null, new_col: 'new 7' }])
    const after = await store.recordedColumns(items)
    expect(after.find(c => c.name === 'select')).toMatchObject({ active: false })
    expect(after.find(c => c.name === 'new_col')).toMatchObject({ active: true, type: 'text' })
  })

  it('rolls the whole swap back when it fails: rows and columns as they were', async () => {
    const before = await db.query(`SELECT * FROM ${db.quote(items)}`)
    const broken: BoardLayout = {
      ...layout(),
      items: { ...table(items, false, [...COLUMNS, typed('ghost', 'text', 'text')]), firstLoad: false }
    }
    // planned from a dictionary that is not the one recorded: the swap refuses inside its transaction
    await store.useLayout(broken, { fresh: false })
    await expect(store.swap('5')).rejects.toThrow(/changed by another load/)
    expect(await db.query(`SELECT * FROM ${db.quote(items)}`)).toEqual(before)
  })

  it('swaps in chunks of item ids: every row once, a smaller load leaves none of the larger one behind', async () => {
    const chunked = `st_chunked_${suffix}`
    const small = new SqlStagingStore(db, 3)
    const board: BoardLayout = { boardId: '6', items: table(chunked, false, []), subitems: null }
    const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => String(5_000_000_000 + i * 7))
    const idsIn = async (t: string): Promise<string[]> =>
      (await db.query<{ item_id: number }>(`SELECT item_id FROM ${db.quote(t)} ORDER BY item_id`)).map(r =>
        String(r.item_id)
      )
    try {
      for (const n of [10, 9, 0, 1, 3, 7]) {
        await small.useLayout(board, { fresh: true })
        await small.stageBatch(
          '6',
          [],
          ids(n).map(id => row(id)),
          { fresh: true }
        )
        // ranges of at most 3 rows cover the staging rows once each
        const ranges = await itemRanges(db, `${chunked}_staging`, 3)
        expect(ranges).toHaveLength(Math.floor(n / 3) + 1)
        const covered: string[] = []
        for (const r of ranges) {
          const part = await db.query<{ item_id: number }>(
            `SELECT item_id FROM ${db.quote(`${chunked}_staging`)} WHERE ${r.where} ORDER BY item_id`,
            r.params
          )
          expect(part.length).toBeLessThanOrEqual(3)
          covered.push(...part.map(p => String(p.item_id)))
        }
        expect(covered).toEqual(ids(n))
        expect(await small.swap('6')).toBe(n)
        expect(await idsIn(chunked)).toEqual(ids(n))
      }
    } finally {
      for (const t of [chunked, `${chunked}_staging`]) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
      await db.execute('DELETE FROM monday_sync_columns WHERE table_name = @t', { t: chunked })
    }
  })

  it('refuses an existing table that is not a load-board table, and leaves it as it was', async () => {
    const other = `st_other_${suffix}`
    await db.execute(`CREATE TABLE ${db.quote(other)} (item_id INTEGER, note VARCHAR(20))`)
    try {
      await db.execute(`INSERT INTO ${db.quote(other)} (item_id, note) VALUES (1, 'keep me')`)
      let error: unknown
      try {
        await store.useLayout({ boardId: '9', items: table(other, false, []), subitems: null }, { fresh: true })
      } catch (e) {
        error = e
      }
      expect(isConfigError(error)).toBe(true)
      expect(String(error)).toContain(`table "${other}" exists but is not a load-board table`)
      expect(await db.query(`SELECT item_id, note FROM ${db.quote(other)}`)).toEqual([{ item_id: 1, note: 'keep me' }])
    } finally {
      for (const t of [other, `${other}_staging`]) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
    }
  })
})

describe('SQL Server DDL of the typed tables (statements as sent)', () => {
  const mssql = {
    dialect: 'mssql',
    quote: (name: string) => quoteIdentifier(name, 'mssql'),
    typeOf: (type: string) => type.toUpperCase()
  } as unknown as Database

  it('a typed table and its staging table are clustered on item_id; the dictionary on table_name', () => {
    const [create] = createTableStatements(mssql, 'dbo.orders', layoutColumns({ subitems: false, columns: [] }))
    expect(create).toMatch(/CONSTRAINT \[pk_orders\] PRIMARY KEY CLUSTERED \(item_id\)\)$/)
    const [dictionary, upgrade] = columnsTableStatements(mssql)
    expect(dictionary).toMatch(
      /CREATE TABLE \[monday_sync_columns\] \(.*\); CREATE CLUSTERED INDEX \[cx_monday_sync_columns\] ON \[monday_sync_columns\] \(table_name\) END$/
    )
    // a heap left by an earlier version gets the index when the login may create it, else stays a heap
    expect(upgrade).toMatch(
      /index_id = 1\) BEGIN BEGIN TRY CREATE CLUSTERED INDEX .* END TRY BEGIN CATCH END CATCH END$/
    )
  })
})
