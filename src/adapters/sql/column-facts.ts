import type { Database, SqlValue } from './database.js'

/** What the database says about one column of a user table. */
export interface ColumnFacts {
  name: string
  /** Base type in lower case: `varchar`, `nvarchar`, `int`, `bigint`… (SQLite: the declared type, or `''`). */
  type: string
  /** Characters a text column holds; null when unbounded (`MAX`, SQLite) or not a text column. */
  maxLength: number | null
  /** Digits of a `decimal`/`numeric` column (SQL Server), else 0. */
  precision: number
  scale: number
  /** The column's collation (SQL Server text columns), else null. */
  collation: string | null
  nullable: boolean
}

/** SQL Server's text types; the `n` ones store UTF-16 (two bytes per character in `max_length`). */
const TEXT_TYPES = new Set(['varchar', 'char', 'nvarchar', 'nchar', 'text', 'ntext'])
const INTEGER_BITS: Record<string, number> = { tinyint: 8, smallint: 16, int: 32, bigint: 64 }

/** True for a text column (any dialect; SQLite by its declared type's affinity). */
export const isText = (c: ColumnFacts): boolean => TEXT_TYPES.has(c.type) || /char|clob|text/.test(c.type)

/**
 * Reads the columns of `table` once (SQL Server: `sys.columns`, the base type of alias types;
 * SQLite: `PRAGMA table_info`), by lower-case name. An unknown table gives an empty map.
 */
export async function readColumns(db: Database, table: string): Promise<Map<string, ColumnFacts>> {
  const facts = db.dialect === 'mssql' ? await mssqlColumns(db, table) : await sqliteColumns(db, table)
  return new Map(facts.map(c => [c.name.toLowerCase(), c]))
}

async function mssqlColumns(db: Database, table: string): Promise<ColumnFacts[]> {
  db.quote(table) // validates the name before it reaches OBJECT_ID
  const rows = await db.query<Record<string, SqlValue>>(
    'SELECT c.name AS [name], TYPE_NAME(c.system_type_id) AS [type], c.max_length AS [max_length], ' +
      'c.precision AS [precision], c.scale AS [scale], c.collation_name AS [collation], c.is_nullable AS [nullable] ' +
      'FROM sys.columns c WHERE c.object_id = OBJECT_ID(@table) ORDER BY c.column_id',
    { table }
  )
  return rows.map(row => {
    const type = String(row.type ?? '').toLowerCase()
    const bytes = Number(row.max_length)
    const text = TEXT_TYPES.has(type)
    return {
      name: String(row.name),
      type,
      // -1 is MAX; text and ntext are unbounded too
      maxLength:
        !text || bytes < 0 || type === 'text' || type === 'ntext' ? null : type.startsWith('n') ? bytes / 2 : bytes,
      precision: Number(row.precision ?? 0),
      scale: Number(row.scale ?? 0),
      collation: row.collation === null || row.collation === undefined ? null : String(row.collation),
      nullable: Boolean(row.nullable)
    }
  })
}

async function sqliteColumns(db: Database, table: string): Promise<ColumnFacts[]> {
  const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table]
  const pragma = schema
    ? `PRAGMA ${db.quote(schema)}.table_info(${db.quote(name ?? '')})`
    : `PRAGMA table_info(${db.quote(table)})`
  const rows = await db.query<Record<string, SqlValue>>(pragma)
  // SQLite stores any value in any column and enforces no length: a declared VARCHAR(10) holds more
  return rows.map(row => ({
    name: String(row.name),
    type: String(row.type ?? '').toLowerCase(),
    maxLength: null,
    precision: 0,
    scale: 0,
    collation: null,
    nullable: Number(row.notnull) === 0
  }))
}

/**
 * Why `column` cannot hold a monday id (up to 2^53, beyond 2^31 already), or null when it can:
 * BIGINT, DECIMAL with 16+ integer digits, FLOAT, or text of 20+ characters. SQLite's INTEGER
 * affinity is 64-bit whatever the declared name (INT included).
 */
export function cannotHoldId(db: Database, column: ColumnFacts): string | null {
  if (db.dialect === 'sqlite') return null
  const bits = INTEGER_BITS[column.type]
  if (bits !== undefined) {
    return bits >= 64
      ? null
      : `${column.type.toUpperCase()} holds at most ${(2 ** (bits - 1) - 1).toLocaleString('en-US')}`
  }
  if (column.type === 'decimal' || column.type === 'numeric') {
    return column.precision - column.scale >= 16
      ? null
      : `${column.type.toUpperCase()}(${column.precision},${column.scale}) holds ${column.precision - column.scale} integer digits`
  }
  if (column.type === 'float') return null
  if (isText(column)) {
    return column.maxLength === null || column.maxLength >= 20
      ? null
      : `${describeType(column)} holds ${column.maxLength} characters`
  }
  return `${describeType(column)} is not a number or text type`
}

/** Why `column` cannot hold `length` characters of text, or null when it can. */
export function cannotHoldText(db: Database, column: ColumnFacts, length: number): string | null {
  if (db.dialect === 'sqlite') return null
  if (!isText(column)) return `${describeType(column)} is not a text type`
  if (column.maxLength !== null && column.maxLength < length)
    return `${describeType(column)} holds ${column.maxLength} characters`
  return null
}

/** `NVARCHAR(200)`, `VARCHAR(MAX)`, `INT`… */
export function describeType(column: ColumnFacts): string {
  const type = column.type.toUpperCase()
  if (!TEXT_TYPES.has(column.type) || column.type === 'text' || column.type === 'ntext') return type
  return `${type}(${column.maxLength ?? 'MAX'})`
}

/** Types declared by their name alone. */
const PLAIN_TYPES = new Set(
  'bigint int smallint tinyint bit float real money smallmoney date datetime smalldatetime uniqueidentifier'.split(' ')
)

/** A collation name as `sys.columns` gives it (letters, digits, `_`): safe to write into T-SQL. */
const COLLATION = /^[A-Za-z0-9_]+$/

/**
 * The column's type as T-SQL declares it, for a table variable that holds its values exactly:
 * `VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS`, `DECIMAL(18,2)`, `DATETIME2(3)`, `BIGINT`…
 * Text keeps its collation (a VARCHAR's code page). Binary becomes `VARBINARY(MAX)` (values read
 * back alike); a type this does not know is kept in a `SQL_VARIANT`.
 */
export function declaredType(column: ColumnFacts): string {
  const type = column.type.toUpperCase()
  const collate = column.collation && COLLATION.test(column.collation) ? ` COLLATE ${column.collation}` : ''
  if (column.type === 'text' || column.type === 'ntext')
    return `${column.type === 'text' ? 'VARCHAR' : 'NVARCHAR'}(MAX)${collate}`
  if (TEXT_TYPES.has(column.type)) return `${describeType(column)}${collate}`
  if (column.type === 'decimal' || column.type === 'numeric') return `${type}(${column.precision},${column.scale})`
  if (['datetime2', 'datetimeoffset', 'time'].includes(column.type)) return `${type}(${column.scale})`
  if (column.type === 'binary' || column.type === 'varbinary') return 'VARBINARY(MAX)'
  return PLAIN_TYPES.has(column.type) ? type : 'SQL_VARIANT'
}
