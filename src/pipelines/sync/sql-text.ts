import type { Database, SqlParams, SqlValue, TypedValue } from '../../adapters/sql/database.js'

/** SQL Server accepts at most 2,100 parameters per statement; lists stay far below. */
export const MAX_LIST = 400

/** `@prefix0, @prefix1…` for `values`, added to `params`. */
export function inList(values: readonly (SqlValue | TypedValue)[], prefix: string, params: SqlParams): string {
  return values
    .map((value, i) => {
      params[`${prefix}${i}`] = value
      return `@${prefix}${i}`
    })
    .join(', ')
}

/** A SELECT of at most `limit` rows in the database's dialect (`TOP` or `LIMIT`). */
export function selectPage(
  db: Database,
  parts: { columns: string; from: string; where: string; orderBy: string },
  limit: number
): string {
  const n = Math.max(1, Math.floor(limit))
  if (db.dialect === 'mssql') {
    return `SELECT TOP (${n}) ${parts.columns} FROM ${parts.from} WHERE ${parts.where} ORDER BY ${parts.orderBy}`
  }
  return `SELECT ${parts.columns} FROM ${parts.from} WHERE ${parts.where} ORDER BY ${parts.orderBy} LIMIT ${n}`
}

/** Splits `list` into chunks of at most `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** A key as text: monday's sync-key column and the report carry keys as strings. */
export function keyText(value: SqlValue): string {
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  return String(value)
}

/** What `updateReturningKeys` changes: every name already quoted, the key column's type for SQL Server. */
export interface KeyedUpdate {
  table: string
  key: string
  set: string
  where: string
  /** At most this many rows (the number of keys listed in `where`). */
  limit: number
  /** The key column's T-SQL type (`declaredType`); unused by SQLite. */
  keyType: string
}

/**
 * One UPDATE that returns the keys of exactly the rows it changed. Its WHERE is evaluated on each
 * row as the row is locked, so a row another connection changed first is skipped, not set and
 * left unreported. SQL Server: `UPDATE TOP (n) … OUTPUT inserted.key INTO @table`, then a SELECT of
 * it (a plain OUTPUT fails with error 334 on a table with an enabled trigger); SQLite: `RETURNING`.
 */
export async function updateReturningKeys(db: Database, u: KeyedUpdate, params: SqlParams): Promise<SqlValue[]> {
  const n = Math.max(1, Math.floor(u.limit))
  const sql =
    db.dialect === 'mssql'
      ? `DECLARE @monday_sync_changed TABLE (k ${u.keyType}); ` +
        `UPDATE TOP (${n}) ${u.table} SET ${u.set} OUTPUT inserted.${u.key} INTO @monday_sync_changed (k) ` +
        `WHERE ${u.where}; SELECT k FROM @monday_sync_changed`
      : `UPDATE ${u.table} SET ${u.set} WHERE ${u.where} RETURNING ${u.key} AS k`
  return (await db.query<{ k: SqlValue }>(sql, params)).map(r => r.k)
}
