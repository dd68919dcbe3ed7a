/**
 * Source rows to monday `create_item` / `create_subitem` arguments: the item name and the
 * `column_values` JSON per column type (API-FACTS.md, Writing items), validated before anything is
 * sent so a bad row costs no request.
 */
import type { SqlRow, SqlValue } from '../../adapters/sql/database.js'
import type { BoardMapping, ColumnMapping } from '../../config/types.js'

/** Item names are 1 to 255 characters [ERR ItemNameTooLongException]. */
export const NAME_MAX = 255
/** long_text holds at most 2,000 characters. */
export const LONG_TEXT_MAX = 2000

/** Labels a board's status and dropdown columns have, by column id; absent = unknown, not checked. */
export type BoardLabels = Map<string, Set<string>>

/** A row ready to send, or the reason it cannot be sent. */
export type EncodedRow =
  | { ok: true; name: string; columnValues: Record<string, unknown>; createLabels: boolean }
  | { ok: false; reason: string }

type ValueResult = { ok: true; value: unknown } | { ok: false; reason: string }

/**
 * Encodes one row; `key` goes into the sync-key column. For an update (`clearEmpty`) an empty
 * source value clears its column (`""` for text and numbers, `{}` for the others); a create leaves
 * it out.
 */
export function encodeRow(
  row: SqlRow,
  mapping: BoardMapping,
  key: string,
  labels: BoardLabels,
  clearEmpty = false
): EncodedRow {
  const rawName = row[mapping.itemName]
  const name = rawName === null || rawName === undefined ? '' : textOf(rawName).trim()
  if (name === '') return { ok: false, reason: `${mapping.itemName}: the item name is empty` }
  if (name.length > NAME_MAX) {
    return {
      ok: false,
      reason: `${mapping.itemName}: the item name has ${name.length} characters (monday allows ${NAME_MAX})`
    }
  }
  const columnValues: Record<string, unknown> = { [mapping.syncKeyColumn]: key }
  let createLabels = false
  for (const column of mapping.columns) {
    const raw = row[column.source]
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      if (clearEmpty) columnValues[column.columnId] = column.type === 'text' || column.type === 'numbers' ? '' : {}
      continue
    }
    const encoded = encodeValue(raw, column, labels.get(column.columnId))
    if (!encoded.ok) return { ok: false, reason: `${column.source}: ${encoded.reason}` }
    columnValues[column.columnId] = encoded.value
    if (column.createLabelsIfMissing && (column.type === 'status' || column.type === 'dropdown')) createLabels = true
  }
  return { ok: true, name, columnValues, createLabels }
}

/** The monday value of one column, or why it cannot be written. */
export function encodeValue(raw: SqlValue, column: ColumnMapping, known: Set<string> | undefined): ValueResult {
  switch (column.type) {
    case 'text':
      return { ok: true, value: textOf(raw) }
    case 'numbers':
      return numbersValue(raw)
    case 'status': {
      const label = textOf(raw).trim()
      const missing = unknownLabels([label], column, known)
      return missing ?? { ok: true, value: { label } }
    }
    case 'dropdown': {
      const list = textOf(raw)
        .split(',')
        .map(l => l.trim())
        .filter(l => l !== '')
      return unknownLabels(list, column, known) ?? { ok: true, value: { labels: list } }
    }
    case 'date':
      return dateValue(raw)
    case 'long_text': {
      const text = textOf(raw)
      if (text.length > LONG_TEXT_MAX) {
        return { ok: false, reason: `${text.length} characters; long_text holds at most ${LONG_TEXT_MAX}` }
      }
      return { ok: true, value: { text } }
    }
    case 'people':
      return peopleValue(raw)
  }
}

function textOf(raw: SqlValue): string {
  if (raw instanceof Date) return raw.toISOString()
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8')
  return String(raw)
}

function numbersValue(raw: SqlValue): ValueResult {
  const text = typeof raw === 'boolean' ? (raw ? '1' : '0') : textOf(raw).trim()
  if (text === '' || !Number.isFinite(Number(text))) return { ok: false, reason: `"${clip(text)}" is not a number` }
  return { ok: true, value: text }
}

function unknownLabels(list: string[], column: ColumnMapping, known: Set<string> | undefined): ValueResult | null {
  if (column.createLabelsIfMissing || known === undefined) return null
  const missing = list.filter(l => !known.has(l))
  if (missing.length === 0) return null
  return {
    ok: false,
    reason:
      `label ${missing.map(l => `"${clip(l)}"`).join(', ')} does not exist on column ${column.columnId} ` +
      `(set create_labels_if_missing = true to create it)`
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]00:?00)?)?$/

/** `{date}` or `{date, time}` in UTC; a date that does not exist (2026-02-30) is refused. */
export function dateValue(raw: SqlValue): ValueResult {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: 'not a date' }
    const iso = raw.toISOString()
    const time = iso.slice(11, 19)
    return { ok: true, value: time === '00:00:00' ? { date: iso.slice(0, 10) } : { date: iso.slice(0, 10), time } }
  }
  const text = textOf(raw).trim()
  const m = DATE.exec(text)
  const bad: ValueResult = {
    ok: false,
    reason: `"${clip(text)}" is not a date (YYYY-MM-DD, optionally with HH:MM:SS UTC)`
  }
  if (!m) return bad
  const [, y, mo, d, h, mi, s] = m
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)))
  const date = `${y}-${mo}-${d}`
  if (at.toISOString().slice(0, 10) !== date || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    return bad
  }
  if (h === undefined) return { ok: true, value: { date } }
  return { ok: true, value: { date, time: `${h}:${mi}:${s ?? '00'}` } }
}

function peopleValue(raw: SqlValue): ValueResult {
  const ids = textOf(raw)
    .split(',')
    .map(s => s.trim())
    .filter(s => s !== '')
  if (ids.length === 0 || ids.some(id => !/^\d+$/.test(id))) {
    return { ok: false, reason: `"${clip(textOf(raw))}" is not a list of monday user ids` }
  }
  return { ok: true, value: { personsAndTeams: ids.map(id => ({ id: Number(id), kind: 'person' })) } }
}

/** Values quoted in reasons are cut short: a reason is a hint, not a copy of the row. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
