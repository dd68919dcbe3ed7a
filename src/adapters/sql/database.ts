/**
 * The one SQL seam. Stores (sync, load-board staging) are written against `Database`, and
 * each engine (node:sqlite embedded, SQL Server through mssql) implements it.
 *
 * Statements use named parameters written `@name` in both dialects; values always travel as
 * parameters. Identifiers from configuration go through `quoteIdentifier` (see identifiers.ts).
 */
export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array

/**
 * A parameter bound with the SQL type of the column it meets (`typed(value, column)`). SQL Server
 * binds a plain string as NVARCHAR: against a VARCHAR key or state column it then converts the
 * column (CONVERT_IMPLICIT, a scan instead of a seek), and under a SQL_* collation NVARCHAR
 * compares in another order than the column's `ORDER BY`, so key-set pages skip or repeat rows.
 * SQLite binds the value as it is.
 */
export class TypedValue {
  constructor(
    readonly value: SqlValue,
    /** The column's base type in lower case (`varchar`, `char`, `nvarchar`, `bigint`…) and its length in characters. */
    readonly column: { readonly type: string; readonly maxLength: number | null }
  ) {}
}

/** `value` bound as `column`'s type; without a column, the value as it is. */
export const typed = (
  value: SqlValue,
  column: { readonly type: string; readonly maxLength: number | null } | undefined
): SqlValue | TypedValue => (column ? new TypedValue(value, column) : value)

export type SqlParams = Record<string, SqlValue | TypedValue>
export type SqlRow = Record<string, SqlValue>

/**
 * The SQL type of a column created by the project (staging tables, demo schema). `decimal` is
 * DECIMAL(38,10) on SQL Server (REAL in SQLite); `boolean` is BIT (INTEGER 0/1 in SQLite).
 */
export type SqlColumnType =
  'text' | 'shorttext' | 'integer' | 'bigint' | 'real' | 'decimal' | 'boolean' | 'datetime' | 'json'

export interface ColumnSpec {
  name: string
  type: SqlColumnType
  nullable?: boolean
}

export type Dialect = 'sqlite' | 'mssql'

/** A lock taken with `tryLock`; `release` is safe to call twice. */
export interface HeldLock {
  release(): Promise<void>
}

export interface Database {
  readonly dialect: Dialect
  /** Runs a statement and returns its rows. */
  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: SqlParams): Promise<number>
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Statements issued on the root `Database` meanwhile wait until the transaction ends.
   */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>
  /** Inserts many rows into `table` (quoted here); bulk where the engine has it. */
  insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly SqlValue[][]): Promise<number>
  /**
   * Takes the named lock if no other connection or process holds it (SQL Server: `sp_getapplock`,
   * owned by a transaction that stays open and idle until release; SQLite: a lock file beside the
   * database, freed when its process is gone). Null when another holder has it: nothing waits.
   */
  tryLock(resource: string): Promise<HeldLock | null>
  /** Quotes a validated identifier (`a.b` is a schema-qualified name) for this dialect. */
  quote(identifier: string): string
  /** The SQL type for a column type in this dialect. */
  typeOf(type: SqlColumnType): string
  close(): Promise<void>
}
