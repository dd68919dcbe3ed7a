import type { SqlColumnType, SqlValue } from '../../adapters/sql/database.js'
import type { BoardRow, TypedColumn } from '../../adapters/sql/staging-schema.js'

/** A column value as `items(ids:)` returns it; `value` is monday's JSON string. */
export interface RawColumnValue {
  id: string
  type?: string | null
  text?: string | null
  value?: string | null
}

/** An item as `items(ids:)` returns it (subitems have the same shape, without subitems). */
export interface RawItem {
  id: string
  name: string
  state?: string | null
  created_at?: string | null
  updated_at?: string | null
  board?: { id: string } | null
  group?: { id: string; title?: string | null } | null
  column_values?: RawColumnValue[] | null
  subitems?: RawItem[] | null
}

/** NVARCHAR(450) on SQL Server: longer short texts are cut rather than fail the batch. */
const SHORT_TEXT = 450

function parseJson(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined || raw === '') return null
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

function toDate(raw: string | null | undefined): Date | null {
  if (!raw) return null
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A date column's value `{date, time}` (UTC), else the text. */
function dateOf(column: RawColumnValue): Date | null {
  const value = parseJson(column.value) as { date?: string; time?: string | null } | null
  if (value && typeof value === 'object' && typeof value.date === 'string') {
    return toDate(`${value.date}T${value.time ?? '00:00:00'}Z`)
  }
  return toDate(column.text)
}

/** The typed value of a column; values that do not fit the type become null. */
export function typedValue(column: RawColumnValue | undefined, type: SqlColumnType): SqlValue {
  if (!column) return null
  const text = column.text ?? null
  switch (type) {
    case 'text':
      return text
    case 'shorttext':
      return text === null ? null : text.slice(0, SHORT_TEXT)
    case 'json':
      return column.value ?? null
    case 'integer':
    case 'bigint': {
      const n = text === null || text.trim() === '' ? NaN : Number(text)
      return Number.isSafeInteger(n) ? n : null
    }
    case 'real': {
      const n = text === null || text.trim() === '' ? NaN : Number(text)
      return Number.isFinite(n) ? n : null
    }
    case 'datetime':
      return dateOf(column)
  }
}

function rowOf(
  item: RawItem,
  sourceBoardId: string,
  parentItemId: string | null,
  typed: readonly TypedColumn[]
): BoardRow {
  const columns = item.column_values ?? []
  const json: Record<string, { type: string | null; text: string | null; value: unknown }> = {}
  for (const column of columns) {
    json[column.id] = { type: column.type ?? null, text: column.text ?? null, value: parseJson(column.value) }
  }
  const byId = new Map(columns.map(c => [c.id, c]))
  const typedValues: Record<string, SqlValue> = {}
  for (const column of typed) typedValues[column.target] = typedValue(byId.get(column.columnId), column.type)
  return {
    sourceBoardId,
    itemId: item.id,
    boardId: item.board?.id ?? sourceBoardId,
    groupId: item.group?.id?.slice(0, SHORT_TEXT) ?? null,
    groupTitle: item.group?.title ?? null,
    name: item.name,
    state: item.state ?? null,
    createdAt: toDate(item.created_at),
    updatedAt: toDate(item.updated_at),
    parentItemId,
    columnValues: JSON.stringify(json),
    typed: typedValues
  }
}

/** The rows of one fetched item: the item, then its subitems (when fetched). */
export function rowsOfItem(item: RawItem, sourceBoardId: string, typed: readonly TypedColumn[] = []): BoardRow[] {
  const rows = [rowOf(item, sourceBoardId, null, typed)]
  for (const sub of item.subitems ?? []) rows.push(rowOf(sub, sourceBoardId, item.id, typed))
  return rows
}
