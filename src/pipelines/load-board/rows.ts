import type { SqlValue } from '../../adapters/sql/database.js'
import type { BoardRow } from '../../adapters/sql/staging-schema.js'
import { valueOf } from './column-types.js'
import type { RawItem } from './raw-item.js'
import type { PlannedColumn } from './table-plan.js'

export type { RawColumnValue, RawItem } from './raw-item.js'

/** NVARCHAR(450) on SQL Server: a longer group id is cut rather than fail the batch. */
const SHORT_TEXT = 450

/** The typed columns of a board's two tables, with the readers of their values. */
export interface RowColumns {
  items: readonly PlannedColumn[]
  /** Null when subitems are not loaded. */
  subitems: readonly PlannedColumn[] | null
}

function toDate(raw: string | null | undefined): Date | null {
  if (!raw) return null
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? null : date
}

function rowOf(item: RawItem, parentItemId: string | null, typed: readonly PlannedColumn[]): BoardRow {
  const columns = item.column_values ?? []
  const json: Record<string, { type: string | null; text: string | null; value: unknown; display_value?: string }> = {}
  for (const column of columns) {
    json[column.id] = { type: column.type ?? null, text: column.text ?? null, value: valueOf(column) }
    // board_relation, mirror and formula carry what they show here (their text and value are null)
    if (column.display_value) json[column.id]!.display_value = column.display_value
  }
  const byId = new Map(columns.map(c => [c.id, c]))
  const typedValues: Record<string, SqlValue> = {}
  for (const column of typed) {
    const value = byId.get(column.mondayColumnId)
    typedValues[column.name] = value ? column.read(value) : null
  }
  return {
    itemId: item.id,
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

/** The rows of one fetched item: the item, then its subitems (when they are loaded). */
export function rowsOfItem(item: RawItem, columns: RowColumns): BoardRow[] {
  const rows = [rowOf(item, null, columns.items)]
  if (columns.subitems) for (const sub of item.subitems ?? []) rows.push(rowOf(sub, item.id, columns.subitems))
  return rows
}
