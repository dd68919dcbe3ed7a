import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readColumns } from '../../src/adapters/sql/column-facts.js'
import { type Database, type SqlValue, type TypedValue, typed } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import type { BoardLayout, BoardRow, TypedColumn } from '../../src/adapters/sql/staging-schema.js'
import { SqlStagingStore } from '../../src/adapters/sql/staging-store.js'
import { swapTable } from '../../src/adapters/sql/staging-swap.js'
import type { MondayClient } from '../../src/adapters/monday/types.js'
import { loadSyncConfig } from '../../src/config/index.js'
import type { SyncConfig } from '../../src/config/types.js'
import { isConfigError } from '../../src/errors.js'
import { createDemoSchema, seedDemoOrders } from '../../src/pipelines/sync/demo-data.js'
import { runSync } from '../../src/pipelines/sync/run.js'
import { checkSourceColumns, checkWritableColumns } from '../../src/pipelines/sync/source-check.js'
import { RunClaim } from '../../src/pipelines/sync/claims.js'
import { type ClaimStamp, SqlSyncStore } from '../../src/pipelines/sync/store.js'

/**
 * SQL Server as users run it (issue 19). Runs when MSSQL_URL is set: the GitHub workflow's SQL
 * Server job starts a service container. Everything that needs no server is tested locally in
 * the other files of this folder.
 */
const url = process.env.MSSQL_URL
if (!url) process.stdout.write('SQL Server contract tests skipped: MSSQL_URL is not set\n')
const describeMssql = url ? describe : describe.skip

const suffix = randomBytes(3).toString('hex')
const name = (base: string): string => `ss_${base}_${suffix}`

/** Three runs' claims as the pipeline makes them; `stampOf(run, s)` is a claim made at `s` seconds. */
const runA = new RunClaim('run-a', 60_000)
const runB = new RunClaim('run-b', 60_000)
const runC = new RunClaim('run-c', 60_000)
const stampOf = (run: RunClaim, seconds: number): ClaimStamp => ({
  text: run.text(seconds * 1000),
  pattern: run.pattern
})

/** The example configuration over the given tables. */
function configFor(orders: string, lines: string): SyncConfig {
  const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: '1' } })
  return { ...config, orders: { ...config.orders, table: orders }, lines: { ...config.lines, table: lines } }
}

/** A monday client that counts what would have been sent, and refuses it. */
function refusingClient(): { client: MondayClient; calls: () => number } {
  let calls = 0
  const client = new Proxy({} as MondayClient, {
    get: (_, property) =>
      property === 'then'
        ? undefined
        : () => {
            calls++
            throw new Error('nothing may be sent to monday in this test')
          }
  })
  return { client, calls: () => calls }
}

/** Resolves when `release()` is called: lines two transactions up at one point. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release = (): void => undefined
  const wait = new Promise<void>(resolve => (release = resolve))
  return { wait, release }
}

/** An item as load-board stages it. */
const boardRow = (itemId: number, typed: BoardRow['typed']): BoardRow => ({
  itemId: String(itemId),
  groupId: 'topics',
  groupTitle: 'Topics',
  name: `item ${itemId}`,
  state: 'active',
  createdAt: null,
  updatedAt: null,
  parentItemId: null,
  columnValues: '{}',
  typed
})

describeMssql('SQL Server as users run it', () => {
  let db: Database
  const dropped: string[] = []
  const table = (base: string): string => {
    dropped.push(name(base))
    return name(base)
  }

  beforeAll(async () => {
    db = await openDatabase(url ?? '')
  })
  afterAll(async () => {
    for (const t of dropped.reverse()) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`).catch(() => 0)
    await db.close()
  })

  it('executes sql/sqlserver/order_list.sql (twice: it is idempotent), and sync accepts what it creates', async () => {
    await db.execute('DROP TABLE IF EXISTS dbo.ORDER_LIST_LINES; DROP TABLE IF EXISTS dbo.ORDER_LIST')
    const ddl = readFileSync('sql/sqlserver/order_list.sql', 'utf8')
    await db.execute(ddl)
    await db.execute(ddl)
    const facts = await readColumns(db, 'dbo.ORDER_LIST')
    expect(facts.get('monday_item_id')).toMatchObject({ type: 'bigint' })
    expect(facts.get('sync_error')).toMatchObject({ type: 'nvarchar', maxLength: 1000 })
    const config = configFor('dbo.ORDER_LIST', 'dbo.ORDER_LIST_LINES')
    await checkSourceColumns(db, config)
    await checkWritableColumns(db, config)
    // a row of it is claimed and written back (its DEFAULTs and the lines' foreign key in place)
    await db.execute("INSERT INTO dbo.ORDER_LIST (ORDER_ID, ORDER_NUMBER) VALUES (1, N'PO-1')")
    const store = new SqlSyncStore(db, config)
    expect(await store.claim('orders', [1], stampOf(runA, 1))).toEqual(new Set(['1']))
    await store.record(
      'orders',
      { synced: [{ rawKey: 1, itemId: '2147483653' }], failed: [], released: [] },
      stampOf(runA, 2)
    )
    const [row] = await db.query('SELECT SYNC_STATE AS s, MONDAY_ITEM_ID AS m FROM dbo.ORDER_LIST WHERE ORDER_ID = 1')
    expect([row?.s, String(row?.m)]).toEqual(['SYNCED', '2147483653'])
  })

  it('an INT item id column, then a 200-character error column, fail naming the setting before anything is sent', async () => {
    const orders = table('orders_narrow')
    const lines = table('lines_narrow')
    await createDemoSchema(db, { orders, lines })
    await seedDemoOrders(db, { orders: 3, linesPerOrder: 1, tables: { orders, lines }, seed: 3 })
    const config = configFor(orders, lines)
    const { client, calls } = refusingClient()
    await db.execute(`ALTER TABLE ${db.quote(orders)} ALTER COLUMN ${db.quote('MONDAY_ITEM_ID')} INT NULL`)
    const idFailure = await runSync({ client, db }, { config, dryRun: false }).catch((e: unknown) => e)
    expect(isConfigError(idFailure)).toBe(true)
    expect(String(idFailure)).toMatch(/source\.orders\.item_id_column: .*INT holds at most 2,147,483,647.*BIGINT/)
    await db.execute(`ALTER TABLE ${db.quote(orders)} ALTER COLUMN ${db.quote('MONDAY_ITEM_ID')} BIGINT NULL`)
    await db.execute(`ALTER TABLE ${db.quote(orders)} ALTER COLUMN ${db.quote('SYNC_ERROR')} NVARCHAR(200) NULL`)
    const errorFailure = await runSync({ client, db }, { config, dryRun: false }).catch((e: unknown) => e)
    expect(String(errorFailure)).toMatch(
      /source\.orders\.error_column: .*NVARCHAR\(200\) holds 200 characters.*NVARCHAR\(1000\)/
    )
    expect(calls()).toBe(0)
    const states = await db.query(`SELECT DISTINCT ${db.quote('SYNC_STATE')} AS s FROM ${db.quote(orders)}`)
    expect(states.map(r => r.s)).toEqual(['NEW'])
  })

  it('VARCHAR and CHAR keys under SQL_Latin1_General_CP1_CI_AS: key-set pages bound with the column type see every hyphenated key once', async () => {
    const keys = Array.from({ length: 90 }, (_, i) => {
      const stem = ['A', 'a-', 'A-B', 'AB', 'A-', '-A', 'B-1', 'B1', 'b-2'][i % 9]
      return `${stem}${i % 2 ? '-' : ''}${String(i).padStart(3, '0')}`
    })
    for (const type of ['VARCHAR(20)', 'CHAR(12)']) {
      const t = table(`keys_${type.slice(0, 4).toLowerCase()}`)
      await db.execute(
        `CREATE TABLE ${db.quote(t)} (K ${type} COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL PRIMARY KEY, S VARCHAR(16) NOT NULL)`
      )
      for (const key of keys)
        await db.execute(`INSERT INTO ${db.quote(t)} (K, S) VALUES (@k, 'NEW')`, {
          k: typed(key, { type: 'varchar', maxLength: 20 })
        })
      const facts = await readColumns(db, t)
      const k = facts.get('k')
      const s = facts.get('s')
      expect(k).toMatchObject({ collation: 'SQL_Latin1_General_CP1_CI_AS' })
      const order = (await db.query(`SELECT K FROM ${db.quote(t)} ORDER BY K`)).map(r => r.K)
      const page = async (bind: (v: SqlValue, column: typeof k) => SqlValue | TypedValue): Promise<SqlValue[]> => {
        const seen: SqlValue[] = []
        let after: SqlValue | null = null
        for (let guard = 0; guard < 100; guard++) {
          const rows: { K: SqlValue }[] = await db.query<{ K: SqlValue }>(
            `SELECT TOP (7) K FROM ${db.quote(t)} WHERE S = @s${after === null ? '' : ' AND K > @after'} ORDER BY K`,
            after === null ? { s: bind('NEW', s) } : { s: bind('NEW', s), after: bind(after, k) }
          )
          if (rows.length === 0) break
          seen.push(...rows.map(r => r.K))
          after = rows.at(-1)?.K ?? null
        }
        return seen
      }
      const bound = await page((v, column) => typed(v, column))
      expect(bound).toEqual(order)
      expect(new Set(bound).size).toBe(keys.length)
      // what the stores pass: plain strings, ASCII bound as VARCHAR (as NVARCHAR they compared in
      // Unicode order while ORDER BY used the SQL collation's, and pages skipped or repeated keys)
      expect(await page(v => v)).toEqual(order)
      // the same keys as NVARCHAR parameters, for the record
      const unicode = await page(v => (typeof v === 'string' ? typed(v, { type: 'nvarchar', maxLength: 4000 }) : v))
      process.stdout.write(
        `${type}: NVARCHAR-bound pages saw ${unicode.length} keys (${new Set(unicode).size} distinct) of ${keys.length}\n`
      )
    }
  })

  it('two connections claiming the same keys at once: no key claimed twice, none lost (a table with an update trigger)', async () => {
    const orders = table('orders_claim')
    const lines = table('lines_claim')
    const audit = table('claim_audit')
    await createDemoSchema(db, { orders, lines })
    await seedDemoOrders(db, { orders: 1000, linesPerOrder: 0, tables: { orders, lines }, seed: 5 })
    // a plain OUTPUT fails on a table with an enabled trigger (error 334); OUTPUT … INTO does not
    await db.execute(`CREATE TABLE ${db.quote(audit)} (order_id BIGINT NOT NULL)`)
    await db.execute(
      `CREATE TRIGGER ${db.quote(`${audit}_trigger`)} ON ${db.quote(orders)} AFTER UPDATE AS ` +
        `SET NOCOUNT ON; INSERT INTO ${db.quote(audit)} (order_id) SELECT ${db.quote('ORDER_ID')} FROM inserted`
    )
    const config = configFor(orders, lines)
    const other = await openDatabase(url ?? '')
    try {
      const keys = Array.from({ length: 1000 }, (_, i) => i + 1)
      const [a, b] = await Promise.all([
        new SqlSyncStore(db, config).claim('orders', keys, stampOf(runA, 1)),
        new SqlSyncStore(other, config).claim('orders', [...keys].reverse(), stampOf(runB, 1))
      ])
      expect([...a].filter(k => b.has(k))).toEqual([])
      expect(a.size + b.size).toBe(1000)
      // nothing set that was not returned: each row holds the claim of the run that got its key
      const rows = await db.query<{ k: SqlValue; e: SqlValue }>(
        `SELECT ${db.quote('ORDER_ID')} AS k, ${db.quote('SYNC_ERROR')} AS e FROM ${db.quote(orders)} ` +
          `WHERE ${db.quote('SYNC_STATE')} = @progress`,
        { progress: config.states.inProgress }
      )
      expect(rows).toHaveLength(1000)
      for (const row of rows) expect(row.e).toBe((a.has(String(row.k)) ? runA : runB).text(1000))
      const [audited] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${db.quote(audit)}`)
      expect(Number(audited?.n)).toBe(1000)
    } finally {
      await other.close()
    }
  })

  it('VARCHAR keys under SQL_Latin1_General_CP1_CI_AS: claims, renewals and take-overs return the keys as stored', async () => {
    const orders = table('orders_vkeys')
    const lines = table('lines_vkeys')
    await db.execute(
      `CREATE TABLE ${db.quote(orders)} (ORDER_ID VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL PRIMARY KEY, ` +
        'SYNC_STATE VARCHAR(16) NOT NULL, MONDAY_ITEM_ID BIGINT NULL, SYNC_ERROR NVARCHAR(1000) NULL)'
    )
    const keys = ['A-1', 'a-2', 'AB-3', '-A4', 'B-05']
    for (const k of keys) await db.execute(`INSERT INTO ${db.quote(orders)} VALUES (@k, 'NEW', NULL, NULL)`, { k })
    const store = new SqlSyncStore(db, configFor(orders, lines))
    expect([...(await store.claim('orders', keys, stampOf(runA, 1)))].sort()).toEqual([...keys].sort())
    expect((await store.renew('orders', keys, stampOf(runA, 2))).size).toBe(5)
    const taken = await store.takeOver('orders', keys, stampOf(runB, 3), text => text === runA.text(2000))
    expect([...taken].sort()).toEqual([...keys].sort())
  })

  it('a DATETIME key (1/300 s ticks): pages see every row once, claims and write-backs find their rows', async () => {
    const orders = table('orders_stamp')
    const lines = table('lines_stamp')
    await createDemoSchema(db, { orders, lines })
    await seedDemoOrders(db, { orders: 30, linesPerOrder: 0, tables: { orders, lines }, seed: 4 })
    await db.execute(`ALTER TABLE ${db.quote(orders)} ADD ORDER_STAMP DATETIME NULL`)
    // .013, .023…: DATETIME values that a DATETIME2(7) parameter never equals (.0133333 ≠ .0130000)
    await db.execute(
      `UPDATE ${db.quote(orders)} SET ORDER_STAMP = DATEADD(MILLISECOND, CAST(${db.quote('ORDER_ID')} AS INT) * 10 + 3, '2026-01-05T10:00:00')`
    )
    const base = configFor(orders, lines)
    const config = { ...base, orders: { ...base.orders, key: 'ORDER_STAMP' } }
    const store = new SqlSyncStore(db, config)
    const seen: SqlValue[] = []
    let after: SqlValue | null = null
    for (let guard = 0; guard < 20; guard++) {
      const page = await store.pendingOrders(after, 7)
      if (page.length === 0) break
      seen.push(...page.map(r => r.rawKey))
      after = page.at(-1)?.rawKey ?? null
    }
    expect(seen).toHaveLength(30)
    expect(new Set(seen.map(String)).size).toBe(30)
    const claimed = await store.claim('orders', seen, stampOf(runA, 1))
    expect(claimed.size).toBe(30)
    await store.record(
      'orders',
      {
        synced: seen.slice(0, 10).map((rawKey, i) => ({ rawKey, itemId: String(3_000_000_000 + i) })),
        failed: [],
        released: seen.slice(10)
      },
      stampOf(runA, 2)
    )
    const states = await db.query<{ s: string; n: number }>(
      `SELECT ${db.quote('SYNC_STATE')} AS s, COUNT(*) AS n FROM ${db.quote(orders)} GROUP BY ${db.quote('SYNC_STATE')} ORDER BY s`
    )
    expect(states.map(r => [r.s, Number(r.n)])).toEqual([
      ['PENDING', 20],
      ['SYNCED', 10]
    ])
  })

  it('two connections taking over the same expired claims at once: each row once, and the old holder writes nothing', async () => {
    const orders = table('orders_takeover')
    const lines = table('lines_takeover')
    await createDemoSchema(db, { orders, lines })
    await seedDemoOrders(db, { orders: 200, linesPerOrder: 0, tables: { orders, lines }, seed: 6 })
    const config = configFor(orders, lines)
    const other = await openDatabase(url ?? '')
    try {
      const keys = Array.from({ length: 200 }, (_, i) => i + 1)
      const old = new SqlSyncStore(db, config)
      expect((await old.claim('orders', keys, stampOf(runA, 1))).size).toBe(200)
      // run A's lease has expired for B and C (a predicate, as the pipeline's RunClaim decides)
      const expired = (text: string | null): boolean => text === runA.text(1000)
      const [b, c] = await Promise.all([
        new SqlSyncStore(db, config).takeOver('orders', keys, stampOf(runB, 100), expired),
        new SqlSyncStore(other, config).takeOver('orders', [...keys].reverse(), stampOf(runC, 100), expired)
      ])
      expect([...b].filter(k => c.has(k))).toEqual([])
      expect(b.size + c.size).toBe(200)
      // A outlived its lease: its renewal and its write-back change nothing
      expect((await old.renew('orders', keys, stampOf(runA, 101))).size).toBe(0)
      await old.record(
        'orders',
        { synced: [{ rawKey: 1, itemId: '11' }], failed: [], released: [2] },
        stampOf(runA, 101)
      )
      const [holder] = b.has('1') ? [runB] : [runC]
      const rows = await db.query<{ s: SqlValue; m: SqlValue; e: SqlValue }>(
        `SELECT ${db.quote('SYNC_STATE')} AS s, ${db.quote('MONDAY_ITEM_ID')} AS m, ${db.quote('SYNC_ERROR')} AS e ` +
          `FROM ${db.quote(orders)} WHERE ${db.quote('ORDER_ID')} = 1`
      )
      expect(rows).toEqual([{ s: 'SYNCING', m: null, e: holder!.text(100_000) }])
      // the holder's write-back lands; the end of a run marks what it still holds
      const store = new SqlSyncStore(db, config)
      await store.record(
        'orders',
        { synced: [{ rawKey: 1, itemId: '12' }], failed: [], released: [] },
        stampOf(holder!, 102)
      )
      expect(await store.endClaims(stampOf(runB, 103), runB.ended(103_000))).toBe(b.size - (b.has('1') ? 1 : 0))
    } finally {
      await other.close()
    }
  })

  it('a deadlock victim (1205) is run again, and both transactions commit', async () => {
    const t = table('deadlock')
    await db.execute(`CREATE TABLE ${db.quote(t)} (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)`)
    await db.execute(`INSERT INTO ${db.quote(t)} (id, v) VALUES (1, 0), (2, 0)`)
    const other = await openDatabase(url ?? '')
    const aHolds = gate()
    const bHolds = gate()
    let tries = 0
    const crossing =
      (first: number, second: number, add: number, mine: typeof aHolds, theirs: typeof aHolds) =>
      async (tx: Database): Promise<void> => {
        const attempt = ++tries
        await tx.execute(`UPDATE ${tx.quote(t)} SET v = v + @add WHERE id = @id`, { add, id: first })
        if (attempt <= 2) {
          mine.release()
          await theirs.wait
        }
        await tx.execute(`UPDATE ${tx.quote(t)} SET v = v + @add WHERE id = @id`, { add, id: second })
      }
    try {
      await Promise.all([
        db.transaction(crossing(1, 2, 1, aHolds, bHolds)),
        other.transaction(crossing(2, 1, 10, bHolds, aHolds))
      ])
      expect(tries).toBe(3)
      const rows = await db.query<{ id: number; v: number }>(`SELECT id, v FROM ${db.quote(t)} ORDER BY id`)
      expect(rows.map(r => [r.id, r.v])).toEqual([
        [1, 11],
        [2, 11]
      ])
    } finally {
      await other.close()
    }
  }, 60_000)

  it('sp_getapplock per board: a second connection is refused until the first releases', async () => {
    const other = await openDatabase(url ?? '')
    try {
      const held = await db.tryLock(`load-board/${suffix}`)
      expect(held).not.toBeNull()
      expect(await other.tryLock(`load-board/${suffix}`)).toBeNull()
      await held?.release()
      const next = await other.tryLock(`load-board/${suffix}`)
      expect(next).not.toBeNull()
      await next?.release()
    } finally {
      await other.close()
    }
  })

  it('bulk insert declares the real column types: DATE, VARCHAR and INT columns of a hand-made table take text rows', async () => {
    const t = table('handmade')
    await db.execute(
      `CREATE TABLE ${db.quote(t)} (id BIGINT NOT NULL, due DATE NULL, code VARCHAR(12) NULL, qty INT NULL, big ${db.typeOf('integer')} NULL)`
    )
    const specs = [
      { name: 'id', type: 'bigint' as const },
      { name: 'due', type: 'text' as const },
      { name: 'code', type: 'text' as const },
      { name: 'qty', type: 'integer' as const },
      { name: 'big', type: 'integer' as const }
    ]
    const written = await db.insertMany(t, specs, [
      [1, '2026-03-01', 'PO-1', 5, 2 ** 31],
      [2, null, null, null, 9_007_199_254_740_991]
    ])
    expect(written).toBe(2)
    const rows = await db.query(
      `SELECT id, CONVERT(VARCHAR(10), due, 23) AS due, code, qty, big FROM ${db.quote(t)} ORDER BY id`
    )
    expect(rows.map(r => [r.id, r.due, r.code, r.qty, String(r.big)])).toEqual([
      [1, '2026-03-01', 'PO-1', 5, '2147483648'],
      [2, null, null, null, '9007199254740991']
    ])
  })

  it('item ids above 2^31 are written and read back exactly', async () => {
    const orders = table('orders_ids')
    const lines = table('lines_ids')
    await createDemoSchema(db, { orders, lines })
    await seedDemoOrders(db, { orders: 3, linesPerOrder: 0, tables: { orders, lines }, seed: 9 })
    const config = configFor(orders, lines)
    const store = new SqlSyncStore(db, config)
    await store.claim('orders', [1, 2, 3], stampOf(runA, 1))
    const ids = ['2147483648', '9876543210', '9007199254740991']
    await store.record(
      'orders',
      { synced: ids.map((itemId, i) => ({ rawKey: i + 1, itemId })), failed: [], released: [] },
      stampOf(runA, 2)
    )
    const rows = await db.query(
      `SELECT ${db.quote('MONDAY_ITEM_ID')} AS id FROM ${db.quote(orders)} ORDER BY ${db.quote('ORDER_ID')}`
    )
    expect(rows.map(r => String(r.id))).toEqual(ids)
  })

  it('a swap of 20,000 rows while another connection reads: the reader sees the old load or the new, never half', async () => {
    const target = table('target')
    const store = new SqlStagingStore(db)
    await store.prepare()
    const layout: BoardLayout = {
      boardId: '77',
      items: {
        table: target,
        stagingTable: `${target}_staging`,
        subitems: false,
        firstLoad: true,
        columns: [],
        added: [],
        removed: []
      },
      subitems: null
    }
    const row = (i: number): BoardRow => boardRow(5_000_000_000 + i, {})
    // the previous load: one row
    await store.useLayout(layout, { fresh: true })
    await store.stageBatch('77', [], [row(0)], { fresh: true })
    await store.swap('77')
    // this load: 20,000 rows
    await store.useLayout(layout, { fresh: true })
    await store.stageBatch(
      '77',
      [],
      Array.from({ length: 20_000 }, (_, i) => row(i)),
      { fresh: true }
    )
    const reader = await openDatabase(url ?? '')
    const seen = new Set<number>()
    let swapping = true
    try {
      const readLoop = (async () => {
        while (swapping) {
          const [r] = await reader.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${reader.quote(target)}`)
          seen.add(Number(r?.n ?? 0))
        }
      })()
      const swapped = await store.swap('77').finally(() => (swapping = false))
      await readLoop
      expect(swapped).toBe(20_000)
      expect([...seen].every(n => n === 1 || n === 20_000)).toBe(true)
      expect((await store.countTarget('77')).items).toBe(20_000)
    } finally {
      await reader.close()
      for (const t of [target, `${target}_staging`]) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`)
      await db.execute('DELETE FROM monday_sync_columns WHERE table_name = @t', { t: target })
    }
  }, 120_000)
  it('a swap of 20,000 rows escalates to no table lock: readers of another board (its table, its dictionary rows) do not wait', async () => {
    const target = table('swap_chunks')
    const neighbour = table('swap_neighbour')
    dropped.push(`${target}_staging`, `${neighbour}_staging`)
    const note: TypedColumn = {
      name: 'note',
      type: 'text',
      mondayColumnId: 'text0',
      part: '',
      mondayType: 'text',
      title: 'Note'
    }
    const layoutOf = (boardId: string, t: string): BoardLayout => ({
      boardId,
      items: {
        table: t,
        stagingTable: `${t}_staging`,
        subitems: false,
        firstLoad: true,
        columns: [note],
        added: [note],
        removed: []
      },
      subitems: null
    })
    const row = (i: number): BoardRow => boardRow(7_000_000_000 + i, { note: `note ${i}` })
    const store = new SqlStagingStore(db)
    await store.prepare()
    // the neighbouring board: loaded, with its dictionary rows
    await store.useLayout(layoutOf('78', neighbour), { fresh: true })
    await store.stageBatch('78', [], [row(1), row(2)], { fresh: true })
    await store.swap('78')
    // this board: a first load, then 20,000 rows staged for the next
    await store.useLayout(layoutOf('79', target), { fresh: true })
    await store.stageBatch('79', [], [row(0)], { fresh: true })
    await store.swap('79')
    const layout = { ...layoutOf('79', target).items, firstLoad: false, added: [] }
    await store.useLayout({ boardId: '79', items: layout, subitems: null }, { fresh: true })
    await store.stageBatch(
      '79',
      [],
      Array.from({ length: 20_000 }, (_, i) => row(i)),
      { fresh: true }
    )
    const reader = await openDatabase(url ?? '')
    try {
      const swapped = await db.transaction(async tx => {
        const rows = await swapTable(tx, '79', layout)
        const [session] = await tx.query<{ spid: number }>('SELECT @@SPID AS spid')
        // before commit: the swap holds row (key) locks and intent locks on the table, never X on it
        const objectLocks = await reader.query<{ mode: string }>(
          "SELECT request_mode AS mode FROM sys.dm_tran_locks WHERE request_session_id = @spid AND resource_type = 'OBJECT' " +
            'AND resource_database_id = DB_ID() AND resource_associated_entity_id = OBJECT_ID(@target)',
          { spid: session?.spid ?? 0, target }
        )
        expect(objectLocks.map(l => l.mode)).toContain('IX')
        expect(objectLocks.map(l => l.mode)).not.toContain('X')
        // another board's readers answer at once (a lock wait would end in error 1222 after 5 s)
        const [theirs] = await reader.query<{ n: number }>(
          `SET LOCK_TIMEOUT 5000; SELECT COUNT(*) AS n FROM ${reader.quote(neighbour)}`
        )
        expect(Number(theirs?.n)).toBe(2)
        const [columns] = await reader.query<{ n: number }>(
          'SET LOCK_TIMEOUT 5000; SELECT COUNT(*) AS n FROM monday_sync_columns WHERE table_name = @t',
          { t: neighbour }
        )
        expect(Number(columns?.n)).toBe(1)
        return rows
      })
      expect(swapped).toBe(20_000)
      expect((await store.countTarget('79')).items).toBe(20_000)
      const clustered = await db.query<{ t: string }>(
        "SELECT OBJECT_NAME(object_id) AS t FROM sys.indexes WHERE index_id = 1 AND type_desc = 'CLUSTERED' " +
          "AND object_id IN (OBJECT_ID(@target), OBJECT_ID(@staging), OBJECT_ID(N'monday_sync_columns'))",
        { target, staging: `${target}_staging` }
      )
      expect(clustered.map(r => r.t).sort()).toEqual(['monday_sync_columns', target, `${target}_staging`].sort())
    } finally {
      await reader.close()
      await db.execute('DELETE FROM monday_sync_columns WHERE table_name IN (@a, @b)', { a: target, b: neighbour })
    }
  }, 180_000)
})
