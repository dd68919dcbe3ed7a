import type { SqlColumnType, SqlValue } from '../../adapters/sql/database.js'
import type { RawColumnValue } from './raw-item.js'

/**
 * How one monday column type lands in SQL: one or more SQL columns (a part with a suffix adds a
 * second column: people's ids, timeline's end), each with its SQL type and how its value is read
 * from the column value (`text` and `value` as `items(ids:)` returns them). docs/load-board.md
 * has the same table for analysts.
 */
export interface ColumnPart {
  /** '' for the column itself; `ids`, `from`, `to` for the extra columns (`<name>_ids`). */
  part: '' | 'ids' | 'from' | 'to'
  type: SqlColumnType
  read: (column: RawColumnValue) => SqlValue
}

/** NVARCHAR(450) on SQL Server: a status label is cut there rather than fail the batch. */
const SHORT_TEXT = 450

/** Each column value's JSON is parsed once per load (rows.ts stores it, the readers look into it). */
const parsedValues = new WeakMap<RawColumnValue, unknown>()

/** monday's `value` JSON string parsed; null when empty, the string itself when it is not JSON. */
export function valueOf(column: RawColumnValue): unknown {
  if (parsedValues.has(column)) return parsedValues.get(column)
  const raw = column.value
  let value: unknown = null
  if (raw !== null && raw !== undefined && raw !== '') {
    try {
      value = JSON.parse(raw) as unknown
    } catch {
      value = raw
    }
  }
  parsedValues.set(column, value)
  return value
}

function parsed(column: RawColumnValue): Record<string, unknown> | null {
  const value = valueOf(column)
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

const text = (c: RawColumnValue): SqlValue => (c.text === null || c.text === undefined || c.text === '' ? null : c.text)

function toDate(raw: string | null | undefined): Date | null {
  if (!raw) return null
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A `YYYY-MM-DD` (with an optional `HH:MM:SS`) in UTC, as monday stores dates [API-FACTS, Writing items]. */
function dayTime(date: unknown, time: unknown): Date | null {
  if (typeof date !== 'string' || date === '') return null
  return toDate(/T/.test(date) ? date : `${date}T${typeof time === 'string' && time ? time : '00:00:00'}Z`)
}

function number(c: RawColumnValue): SqlValue {
  const raw = c.text ?? ''
  const n = raw.trim() === '' ? NaN : Number(raw)
  return Number.isFinite(n) ? n : null
}

/** A checkbox: `{"checked": "true"}` when ticked; monday clears the value when it is not. */
function checked(c: RawColumnValue): boolean {
  const v = parsed(c)?.checked
  return v === true || v === 'true'
}

function idList(values: unknown, key: string): SqlValue {
  if (!Array.isArray(values)) return null
  const ids = values
    .map(v => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : v))
    .filter(v => typeof v === 'string' || typeof v === 'number')
    .map(String)
  return ids.length === 0 ? null : ids.join(',')
}

/** A field of the value JSON, else the text (email, phone and link keep their address there). */
const field =
  (key: string) =>
  (c: RawColumnValue): SqlValue => {
    const v = parsed(c)?.[key]
    return typeof v === 'string' && v !== '' ? v : text(c)
  }

/** mirror and formula: monday answers null `text`; `display_value` holds what the board shows. */
const shown = (c: RawColumnValue): SqlValue => (c.display_value ? c.display_value : text(c))

const TEXT: ColumnPart[] = [{ part: '', type: 'text', read: text }]

/** The SQL columns of each monday column type; types not listed land as text. */
const PARTS: Record<string, ColumnPart[]> = {
  text: TEXT,
  long_text: TEXT,
  numbers: [{ part: '', type: 'decimal', read: number }],
  status: [{ part: '', type: 'shorttext', read: c => (text(c) as string | null)?.slice(0, SHORT_TEXT) ?? null }],
  dropdown: TEXT,
  date: [{ part: '', type: 'datetime', read: c => (v => dayTime(v?.date, v?.time) ?? toDate(c.text))(parsed(c)) }],
  checkbox: [{ part: '', type: 'boolean', read: checked }],
  people: [
    { part: '', type: 'text', read: text },
    { part: 'ids', type: 'text', read: c => idList(parsed(c)?.personsAndTeams, 'id') }
  ],
  board_relation: [
    {
      part: '',
      type: 'text',
      // linked_item_ids since 2025-04 (value is null there); the value's linkedPulseIds before
      read: c => idList(c.linked_item_ids, 'id') ?? idList(parsed(c)?.linkedPulseIds, 'linkedPulseId')
    }
  ],
  timeline: [
    { part: 'from', type: 'datetime', read: c => dayTime(parsed(c)?.from, null) },
    { part: 'to', type: 'datetime', read: c => dayTime(parsed(c)?.to, null) }
  ],
  email: [{ part: '', type: 'text', read: field('email') }],
  phone: [{ part: '', type: 'text', read: field('phone') }],
  link: [{ part: '', type: 'text', read: field('url') }],
  tags: TEXT,
  mirror: [{ part: '', type: 'text', read: shown }],
  formula: [{ part: '', type: 'text', read: shown }]
}

/** Column types with no column of their own: the name is a fixed column, subitems have their table. */
export const SKIPPED_TYPES: ReadonlySet<string> = new Set(['name', 'subtasks'])

/** The SQL columns of a monday column type (text for a type this version does not know). */
export function partsOf(mondayType: string): ColumnPart[] {
  return PARTS[mondayType] ?? TEXT
}

/** The parts of a column mapped with an explicit SQL type: one column, read by that type. */
export function mappedPart(type: SqlColumnType): ColumnPart {
  const read = (c: RawColumnValue): SqlValue => {
    switch (type) {
      case 'json':
        return c.value ?? null
      case 'integer':
      case 'bigint': {
        const n = number(c)
        return typeof n === 'number' && Number.isSafeInteger(n) ? n : null
      }
      case 'real':
      case 'decimal':
        return number(c)
      case 'boolean':
        return checked(c)
      case 'datetime':
        return (v => dayTime(v?.date ?? v?.from, v?.time) ?? toDate(c.text))(parsed(c))
      case 'shorttext':
        return (text(c) as string | null)?.slice(0, SHORT_TEXT) ?? null
      case 'text':
        return text(c)
    }
  }
  return { part: '', type, read }
}
