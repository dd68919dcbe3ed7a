import type { Database, SqlParams, SqlValue } from '../../adapters/sql/database.js'

/** SQL Server accepts at most 2,100 parameters per statement; lists stay far below. */
export const MAX_LIST = 400

/** `@prefix0, @prefix1…` for `values`, added to `params`. */
export function inList(values: readonly SqlValue[], prefix: string, params: SqlParams): string {
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
