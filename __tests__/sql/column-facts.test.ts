import { describe, expect, it } from '@jest/globals'
import {
  type ColumnFacts,
  cannotHoldId,
  cannotHoldText,
  declaredType,
  readColumns
} from '../../src/adapters/sql/column-facts.js'
import type { Database } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'

const mssql = { dialect: 'mssql' } as Database
const column = (type: string, maxLength: number | null = null, precision = 0, scale = 0): ColumnFacts => ({
  name: 'c',
  type,
  maxLength,
  precision,
  scale,
  collation: null,
  nullable: true
})

describe('what a SQL Server column can hold (sys.columns facts)', () => {
  it('a monday id (beyond 2^31): BIGINT, DECIMAL(16+), FLOAT or 20+ characters of text; never INT', () => {
    expect(cannotHoldId(mssql, column('int'))).toBe('INT holds at most 2,147,483,647')
    expect(cannotHoldId(mssql, column('smallint'))).toMatch(/32,767/)
    expect(cannotHoldId(mssql, column('decimal', null, 10, 0))).toMatch(/DECIMAL\(10,0\) holds 10 integer digits/)
    expect(cannotHoldId(mssql, column('nvarchar', 12))).toMatch(/NVARCHAR\(12\) holds 12 characters/)
    expect(cannotHoldId(mssql, column('datetime2'))).toMatch(/not a number or text type/)
    for (const ok of [
      column('bigint'),
      column('decimal', null, 18, 0),
      column('float'),
      column('varchar', 20),
      column('nvarchar', null)
    ]) {
      expect(cannotHoldId(mssql, ok)).toBeNull()
    }
  })

  it('the error column: text of at least the reason length (or MAX)', () => {
    expect(cannotHoldText(mssql, column('nvarchar', 200), 1000)).toBe('NVARCHAR(200) holds 200 characters')
    expect(cannotHoldText(mssql, column('int'), 1000)).toMatch(/not a text type/)
    expect(cannotHoldText(mssql, column('nvarchar', 1000), 1000)).toBeNull()
    expect(cannotHoldText(mssql, column('varchar', null), 1000)).toBeNull()
  })

  it('declares a key column exactly, for the table variable of claimed keys (text keeps its collation)', () => {
    const collated = { ...column('varchar', 20), collation: 'SQL_Latin1_General_CP1_CI_AS' }
    expect(declaredType(collated)).toBe('VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS')
    expect(declaredType({ ...column('char', 12), collation: 'Latin1_General_100_CI_AS_SC_UTF8' })).toBe(
      'CHAR(12) COLLATE Latin1_General_100_CI_AS_SC_UTF8'
    )
    expect(declaredType(column('nvarchar', null))).toBe('NVARCHAR(MAX)')
    expect(declaredType({ ...column('varchar', 9), collation: "x'; DROP TABLE t; --" })).toBe('VARCHAR(9)')
    expect(declaredType(column('decimal', null, 18, 2))).toBe('DECIMAL(18,2)')
    expect(declaredType(column('datetime2', null, 27, 3))).toBe('DATETIME2(3)')
    expect(declaredType(column('datetime'))).toBe('DATETIME')
    expect(declaredType(column('bigint'))).toBe('BIGINT')
    expect(declaredType(column('uniqueidentifier'))).toBe('UNIQUEIDENTIFIER')
    expect(declaredType(column('binary'))).toBe('VARBINARY(MAX)')
    expect(declaredType(column('hierarchyid'))).toBe('SQL_VARIANT')
  })

  it('SQLite: declared types are read, and nothing is refused (INTEGER is 64-bit, lengths are not enforced)', async () => {
    const db = await openDatabase('sqlite::memory:')
    try {
      await db.execute('CREATE TABLE t (ID INT NOT NULL, ERR VARCHAR(200), STATE CHAR(3))')
      const facts = await readColumns(db, 't')
      expect(facts.get('id')).toMatchObject({ type: 'int', nullable: false })
      expect(facts.get('err')).toMatchObject({ type: 'varchar(200)', nullable: true })
      expect(cannotHoldId(db, facts.get('id')!)).toBeNull()
      expect(cannotHoldText(db, facts.get('err')!, 1000)).toBeNull()
    } finally {
      await db.close()
    }
  })
})

describe('SQL Server parameter types', () => {
  it('ASCII text is bound as VARCHAR (VARCHAR keys seek and sort as the column does), other text as NVARCHAR', async () => {
    const sql = (await import('mssql')).default
    const { typeOfValue } = await import('../../src/adapters/sql/mssql-database.js')
    const typeOf = (v: string): unknown => {
      const t = typeOfValue(v)
      return (typeof t === 'function' ? t() : t).type
    }
    expect(typeOf('PO-0001-A')).toBe(sql.VarChar)
    expect(typeOf('x'.repeat(9000))).toBe(sql.VarChar)
    expect(typeOf('Größe-1')).toBe(sql.NVarChar)
    expect(typeOf('注文-1')).toBe(sql.NVarChar)
  })
})
