import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ColumnSpec, Database, SqlColumnType } from '../../src/adapters/sql/database.js'
import { checkIdentifier } from '../../src/adapters/sql/identifiers.js'
import { parseMssqlUrl } from '../../src/adapters/sql/mssql-database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { isConfigError, isDatabaseError } from '../../src/errors.js'
import { databasesUnderTest } from '../helpers/databases.js'

/** Unique per run: SQL Server keeps tables between runs, SQLite gets a fresh file. */
const suffix = randomBytes(4).toString('hex')
const name = (base: string): string => `ct_${base}_${suffix}`

const COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'bigint', nullable: false },
  { name: 'label', type: 'shorttext' },
  { name: 'body', type: 'text' },
  { name: 'n', type: 'integer' },
  { name: 'amount', type: 'real' },
  { name: 'at', type: 'datetime' },
  { name: 'doc', type: 'json' }
]

async function createTable(db: Database, table: string, columns = COLUMNS): Promise<void> {
  const defs = columns.map(c => `${db.quote(c.name)} ${db.typeOf(c.type)}${c.nullable === false ? ' NOT NULL' : ''}`)
  await db.execute(`DROP TABLE IF EXISTS ${db.quote(table)}`)
  await db.execute(`CREATE TABLE ${db.quote(table)} (${defs.join(', ')})`)
}

const count = async (db: Database, table: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${db.quote(table)}`))[0]?.n)

const iso = (v: unknown): string => new Date(v as string).toISOString()

describe.each(databasesUnderTest())('Database contract: $name', ({ open }) => {
  let db: Database
  const created: string[] = []
  const table = (base: string): string => {
    created.push(name(base))
    return name(base)
  }

  beforeAll(async () => {
    db = await open()
  })
  afterAll(async () => {
    for (const t of created) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`).catch(() => 0)
    await db.close()
  })

  it('maps every column type to a SQL type of its dialect', () => {
    const types: SqlColumnType[] = ['text', 'shorttext', 'integer', 'bigint', 'real', 'datetime', 'json']
    for (const type of types) expect(db.typeOf(type)).toMatch(/^[A-Z0-9()]+$/)
    if (db.dialect === 'mssql') {
      expect(db.typeOf('text')).toBe('NVARCHAR(MAX)')
      expect(db.typeOf('shorttext')).toBe('NVARCHAR(450)')
      expect(db.typeOf('bigint')).toBe('BIGINT')
      expect(db.typeOf('datetime')).toBe('DATETIME2')
    }
  })

  it('binds named parameters of every type and reads them back', async () => {
    const t = table('params')
    await createTable(db, t)
    const long = 'x'.repeat(5000)
    const at = new Date('2026-06-15T09:30:00.123Z')
    const changed = await db.execute(
      `INSERT INTO ${db.quote(t)} (id, label, body, n, amount, at, doc) VALUES (@id, @label, @body, @n, @amount, @at, @doc)`,
      { id: 9007199254740991, label: `O'Brien "quoted" 🚀`, body: long, n: true, amount: 12.5, at, doc: '{"a":[1,2]}' }
    )
    expect(changed).toBe(1)
    await db.execute(
      `INSERT INTO ${db.quote(t)} (id, label, body, n, amount, at, doc) VALUES (@id, @l, @b, @n, @a, @at, @d)`,
      {
        id: 2n,
        l: null,
        b: null,
        n: false,
        a: -0.25,
        at: null,
        d: null
      }
    )
    const rows = await db.query(`SELECT * FROM ${db.quote(t)} WHERE id = @id`, { id: 9007199254740991 })
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(Number(row.id)).toBe(9007199254740991)
    expect(row.label).toBe(`O'Brien "quoted" 🚀`)
    expect(row.body).toBe(long)
    expect(Number(row.n)).toBe(1)
    expect(row.amount).toBe(12.5)
    expect(iso(row.at)).toBe(at.toISOString())
    expect(JSON.parse(row.doc as string)).toEqual({ a: [1, 2] })
    const other = (await db.query(`SELECT * FROM ${db.quote(t)} WHERE id = @id`, { id: 2 }))[0]!
    expect([other.label, other.body, other.at, other.doc]).toEqual([null, null, null, null])
    expect(Number(other.n)).toBe(0)
    expect(other.amount).toBe(-0.25)
  })

  it('treats hostile values as data, never as SQL', async () => {
    const t = table('hostile')
    await createTable(db, t)
    const evil = `'); DROP TABLE ${t}; --`
    await db.execute(`INSERT INTO ${db.quote(t)} (id, label) VALUES (@id, @label)`, { id: 1, label: evil })
    const rows = await db.query(`SELECT label FROM ${db.quote(t)} WHERE label = @label`, { label: evil })
    expect(rows.map(r => r.label)).toEqual([evil])
  })

  it('commits a transaction that resolves', async () => {
    const t = table('commit')
    await createTable(db, t)
    const result = await db.transaction(async tx => {
      await tx.execute(`INSERT INTO ${tx.quote(t)} (id) VALUES (@id)`, { id: 1 })
      await tx.insertMany(t, [{ name: 'id', type: 'bigint' }], [[2], [3]])
      // a nested call joins the same transaction
      await tx.transaction(inner => inner.execute(`INSERT INTO ${inner.quote(t)} (id) VALUES (@id)`, { id: 4 }))
      return count(tx, t)
    })
    expect(result).toBe(4)
    expect(await count(db, t)).toBe(4)
  })

  it('rolls back a transaction that throws, including its bulk inserts', async () => {
    const t = table('rollback')
    await createTable(db, t)
    await db.execute(`INSERT INTO ${db.quote(t)} (id) VALUES (@id)`, { id: 1 })
    await expect(
      db.transaction(async tx => {
        await tx.execute(`DELETE FROM ${tx.quote(t)}`)
        await tx.insertMany(t, [{ name: 'id', type: 'bigint' }], [[10], [11]])
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(await count(db, t)).toBe(1)
  })

  it('rolls back when a statement inside fails and reports a DatabaseError', async () => {
    const t = table('failing')
    await createTable(db, t)
    const failure = await db
      .transaction(async tx => {
        await tx.execute(`INSERT INTO ${tx.quote(t)} (id) VALUES (@id)`, { id: 1 })
        await tx.execute(`INSERT INTO ${tx.quote(t)} (id) VALUES (@id)`, { id: null })
      })
      .catch((e: unknown) => e)
    expect(isDatabaseError(failure)).toBe(true)
    expect(await count(db, t)).toBe(0)
  })

  it('inserts many rows of every type', async () => {
    const t = table('many')
    await createTable(db, t)
    const rows = Array.from({ length: 2500 }, (_, i) => [
      i + 1,
      `label ${i} ☃`,
      i % 2 ? null : `body ${i}`,
      i,
      i / 4,
      new Date(Date.UTC(2026, 0, 1) + i * 1000),
      JSON.stringify({ i })
    ])
    expect(await db.insertMany(t, COLUMNS, rows)).toBe(2500)
    expect(await db.insertMany(t, COLUMNS, [])).toBe(0)
    expect(await count(db, t)).toBe(2500)
    const row = (await db.query(`SELECT * FROM ${db.quote(t)} WHERE id = @id`, { id: 1001 }))[0]!
    expect(row.label).toBe('label 1000 ☃')
    expect(row.body).toBe('body 1000')
    expect(Number(row.n)).toBe(1000)
    expect(row.amount).toBe(250)
    expect(iso(row.at)).toBe(new Date(Date.UTC(2026, 0, 1) + 1_000_000).toISOString())
    expect(row.doc).toBe('{"i":1000}')
  })

  it('quotes odd but valid identifiers (reserved words, case, schema-qualified)', async () => {
    const schema = db.dialect === 'mssql' ? 'dbo' : 'main'
    const t = `${schema}.${table('Select')}`
    const columns: ColumnSpec[] = [
      { name: 'order', type: 'bigint' },
      { name: 'Group', type: 'shorttext' },
      { name: '_from2', type: 'text' }
    ]
    await createTable(db, t, columns)
    await db.insertMany(t, columns, [[1, 'a', 'b']])
    await db.execute(`INSERT INTO ${db.quote(t)} (${db.quote('order')}, ${db.quote('Group')}) VALUES (@o, @g)`, {
      o: 2,
      g: 'c'
    })
    const rows = await db.query(`SELECT ${db.quote('Group')} AS g FROM ${db.quote(t)} ORDER BY ${db.quote('order')}`)
    expect(rows.map(r => r.g)).toEqual(['a', 'c'])
  })

  it('rejects identifiers that try injection, before anything runs', async () => {
    const t = table('guarded')
    await createTable(db, t)
    const attempts = ['x; DROP TABLE y', 'a"b', 'a]b', 'a b', 'a.b.c', '', '1abc', 'x--', "x'", 'a[b', 'é']
    for (const bad of attempts) {
      expect(() => checkIdentifier(bad, 'load_board.target_table')).toThrow(/load_board\.target_table/)
      expect(() => db.quote(bad)).toThrow()
      // wrapped: an adapter may throw before it returns its promise
      const failure = await (async () => db.insertMany(t, [{ name: bad, type: 'text' }], [['v']]))().catch(
        (e: unknown) => e
      )
      expect(isConfigError(failure)).toBe(true)
    }
    expect(await count(db, t)).toBe(0)
  })
})

describe('SQL Server URL', () => {
  it('decodes the password and reads the flags', () => {
    const config = parseMssqlUrl(
      'mssql://sa:p%40ss%3Aw0rd@db.example:14330/orders?encrypt=true&trustServerCertificate=true'
    )
    expect(config).toMatchObject({
      server: 'db.example',
      port: 14330,
      database: 'orders',
      user: 'sa',
      password: 'p@ss:w0rd'
    })
    expect(config.options).toMatchObject({ encrypt: true, trustServerCertificate: true })
  })

  it('names the setting and hides the password on a bad URL', () => {
    expect(() => parseMssqlUrl('mssql://sa:secret@host/db?encrypt=maybe', 'DATABASE_URL')).toThrow(
      /DATABASE_URL.*encrypt/
    )
    let message = ''
    try {
      parseMssqlUrl('mssql://sa:secret@[bad/db', 'DATABASE_URL')
    } catch (e) {
      message = String(e)
    }
    expect(message).toMatch(/DATABASE_URL/)
    expect(message).not.toMatch(/secret/)
  })

  it('never shows the password when the server cannot be reached', async () => {
    const failure = await openDatabase('mssql://sa:Sup3rSecret@127.0.0.1:1/db?connectTimeout=500').catch(
      (e: unknown) => e
    )
    expect(isDatabaseError(failure)).toBe(true)
    expect(String(failure)).not.toMatch(/Sup3rSecret/)
  })
})
