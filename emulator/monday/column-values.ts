/**
 * Column values as monday reads and writes them (API-FACTS.md "Writing items"): input JSON per
 * column type, the stored `value` JSON string and its `text`.
 */
import { contactValue, invalid, isRecord, relationValue, tagsValue, timelineValue } from './column-values-extra.js'
import { ColumnValueError, MondayApplicationError } from './errors.js'
import type { Store, StoredColumn, StoredValue } from './store.js'

const EMPTY: StoredValue = { value: null, text: '' }

/** What a write needs beside the value: label creation, the change time, the account's data. */
export interface WriteContext {
  createLabels: boolean
  /** ISO 8601, emulated time */
  changedAt: string
  store: Store
}
const LONG_TEXT_MAX = 2000
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const TIME_RE = /^\d{2}:\d{2}(:\d{2})?$/

/** Writes a value, validating it against the column type. `null`/`""`/`{}` clear it. */
export function parseColumnValue(column: StoredColumn, input: unknown, w: WriteContext): StoredValue {
  const { createLabels, changedAt } = w
  if (input === null || input === '' || (isRecord(input) && Object.keys(input).length === 0)) return EMPTY
  switch (column.type) {
    case 'text':
      return textValue(column, input)
    case 'numbers':
      return numbersValue(column, input)
    case 'status':
      return statusValue(column, input, createLabels, changedAt)
    case 'dropdown':
      return dropdownValue(column, input, createLabels)
    case 'date':
      return dateValue(column, input, changedAt)
    case 'long_text':
      return longTextValue(column, input, changedAt)
    case 'people':
      return peopleValue(column, input, w)
    case 'checkbox':
    case 'email':
    case 'phone':
    case 'link':
      return contactValue(column, input, changedAt)
    case 'timeline':
      return timelineValue(column, input, changedAt)
    case 'tags':
      return tagsValue(column, input, w.store)
    case 'board_relation':
      return relationValue(column, input, w.store, changedAt)
    default:
      throw new ColumnValueError(`This column type (${column.type}) cannot be changed through the API`, column)
  }
}

function textValue(column: StoredColumn, input: unknown): StoredValue {
  if (typeof input !== 'string' && typeof input !== 'number') invalid(column, 'expected a string')
  const text = String(input)
  return { value: JSON.stringify(text), text }
}

function numbersValue(column: StoredColumn, input: unknown): StoredValue {
  const raw = typeof input === 'number' ? String(input) : input
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(Number(raw)))
    invalid(column, 'expected a number')
  return { value: JSON.stringify(raw), text: raw }
}

/** "{0: Working on it, 1: Done}": the labels and their indexes, as the status reference says the error lists them. */
function labelList(column: StoredColumn): string {
  return `{${[...column.labels].map(([i, l]) => `${i}: ${l}`).join(', ')}}`
}

function labelIdFor(column: StoredColumn, label: string, createLabels: boolean): number {
  for (const [id, l] of column.labels) if (l === label) return id
  if (!createLabels) {
    const message =
      column.type === 'dropdown'
        ? `This dropdown label doesn't exist, possible labels are: ${labelList(column)}`
        : `This status label doesn't exist, possible statuses are: ${labelList(column)}`
    throw new ColumnValueError(message, column)
  }
  const first = column.type === 'dropdown' ? 1 : 0
  let id = first
  while (column.labels.has(id)) id += 1
  column.labels.set(id, label)
  return id
}

function knownLabel(column: StoredColumn, id: unknown): number {
  const n = Number(id)
  if (!Number.isInteger(n) || !column.labels.has(n)) {
    throw new ColumnValueError(
      `This label id (${String(id)}) doesn't exist, possible labels are: ${labelList(column)}`,
      column
    )
  }
  return n
}

function statusValue(column: StoredColumn, input: unknown, createLabels: boolean, changedAt: string): StoredValue {
  let index: number
  if (typeof input === 'string') index = labelIdFor(column, input, createLabels)
  else if (isRecord(input) && typeof input.label === 'string') index = labelIdFor(column, input.label, createLabels)
  else if (isRecord(input) && input.index !== undefined) index = knownLabel(column, input.index)
  else invalid(column, 'expected {"label": …} or {"index": …}')
  return {
    value: JSON.stringify({ index, post_id: null, changed_at: changedAt }),
    text: column.labels.get(index) ?? ''
  }
}

function dropdownValue(column: StoredColumn, input: unknown, createLabels: boolean): StoredValue {
  let ids: number[]
  if (typeof input === 'string') ids = input.split(',').map(l => labelIdFor(column, l.trim(), createLabels))
  else if (isRecord(input) && Array.isArray(input.labels)) {
    ids = input.labels.map(l => labelIdFor(column, String(l), createLabels))
  } else if (isRecord(input) && Array.isArray(input.ids)) ids = input.ids.map(i => knownLabel(column, i))
  else invalid(column, 'expected {"labels": […]} or {"ids": […]}')
  return { value: JSON.stringify({ ids }), text: ids.map(i => column.labels.get(i) ?? '').join(', ') }
}

function dateValue(column: StoredColumn, input: unknown, changedAt: string): StoredValue {
  let date: unknown
  let time: unknown = null
  if (typeof input === 'string') [date, time = null] = input.split(' ')
  else if (isRecord(input)) ({ date, time = null } = input)
  if (typeof date !== 'string' || !DATE_RE.test(date) || Number.isNaN(Date.parse(date)))
    invalid(column, 'expected {"date": "YYYY-MM-DD"}')
  if (time !== null && (typeof time !== 'string' || !TIME_RE.test(time))) invalid(column, 'expected "time": "HH:MM:SS"')
  const t = typeof time === 'string' ? (time.length === 5 ? `${time}:00` : time) : null
  return {
    value: JSON.stringify({ date, time: t, changed_at: changedAt }),
    text: t === null ? date : `${date} ${t.slice(0, 5)}`
  }
}

function longTextValue(column: StoredColumn, input: unknown, changedAt: string): StoredValue {
  const text =
    typeof input === 'string' ? input : isRecord(input) && typeof input.text === 'string' ? input.text : undefined
  if (text === undefined) invalid(column, 'expected {"text": …}')
  if (text.length > LONG_TEXT_MAX) invalid(column, `long text is limited to ${LONG_TEXT_MAX} characters`)
  return { value: JSON.stringify({ text, changed_at: changedAt }), text }
}

function peopleValue(column: StoredColumn, input: unknown, w: WriteContext): StoredValue {
  let entries: { id: number; kind: string }[]
  if (typeof input === 'string') entries = input.split(',').map(s => ({ id: Number(s.trim()), kind: 'person' }))
  else if (isRecord(input) && Array.isArray(input.personsAndTeams)) {
    entries = input.personsAndTeams.map((p: unknown) => ({
      id: isRecord(p) ? Number(p.id) : NaN,
      kind: isRecord(p) && typeof p.kind === 'string' ? p.kind : 'person'
    }))
  } else invalid(column, 'expected {"personsAndTeams": […]}')
  if (entries.some(e => !Number.isInteger(e.id) || e.id <= 0 || !['person', 'team'].includes(e.kind))) {
    invalid(column, 'every entry needs a positive id and kind person or team')
  }
  return {
    value: JSON.stringify({ personsAndTeams: entries, changed_at: w.changedAt }),
    text: entries
      .map(e => (e.kind === 'team' ? `Team ${e.id}` : (w.store.users.get(e.id)?.name ?? `User ${e.id}`)))
      .join(', ')
  }
}

/** Parses the `column_values` argument: a JSON string (or, from variables, an object). */
export function parseColumnValuesArg(raw: unknown): Record<string, unknown> {
  let parsed = raw
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw)
    } catch (cause) {
      throw new MondayApplicationError(`column_values is not valid JSON: ${String(cause)}`, 'InvalidArgumentException')
    }
  }
  if (parsed === null || parsed === undefined) return {}
  if (!isRecord(parsed))
    throw new MondayApplicationError('column_values must be a JSON object', 'InvalidArgumentException')
  return parsed
}
