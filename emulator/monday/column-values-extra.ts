/**
 * The column types real boards carry beside the basic ones, as monday's column reference documents their
 * writes (https://developer.monday.com/api-reference/reference/<type>):
 * - checkbox `{"checked": "true"}`, JSON only; unchecking clears it;
 * - email `{"email", "text"}` or "address display text"; phone `{"phone", "countryShortName"}` or
 *   "+number CC"; link `{"url", "text"}` or "url display text";
 * - timeline `{"from", "to"}` (YYYY-MM-DD), JSON only, text "from - to";
 * - tags `{"tag_ids": [...]}` of existing tags, JSON only;
 * - connect boards `{"item_ids": [...]}` of items on the connected boards, JSON only.
 */
import { ColumnValueError } from './errors.js'
import type { Store, StoredColumn, StoredValue } from './store.js'

const EMPTY: StoredValue = { value: null, text: '' }
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE_RE = /^\+?[0-9][0-9 ()-]{2,}$/
const COUNTRY_RE = /^[A-Z]{2}$/

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** monday's answer to a value that does not fit the column [CCV]; `why` says what was expected. */
export function invalid(column: StoredColumn, why: string): never {
  throw new ColumnValueError(`invalid value for column ${column.id} (${column.type}): ${why}`, column)
}

/** "first rest of the words" → [first, rest]: the simple-string form of email, phone and link. */
function splitFirst(s: string): [string, string] {
  const t = s.trim()
  const at = t.indexOf(' ')
  return at < 0 ? [t, ''] : [t.slice(0, at), t.slice(at + 1).trim()]
}

function field(input: Record<string, unknown>, key: string): string {
  const v = input[key]
  return typeof v === 'string' ? v.trim() : ''
}

/** checkbox, email, phone and link. */
export function contactValue(column: StoredColumn, input: unknown, changedAt: string): StoredValue {
  if (column.type === 'checkbox') {
    if (!isRecord(input) || !('checked' in input)) invalid(column, 'expected {"checked": "true"}')
    const checked = input.checked === true || input.checked === 'true'
    if (!checked) return EMPTY
    return { value: JSON.stringify({ checked: 'true', changed_at: changedAt }), text: 'v' }
  }
  const [a, b] =
    typeof input === 'string'
      ? splitFirst(input)
      : isRecord(input)
        ? column.type === 'email'
          ? [field(input, 'email'), field(input, 'text')]
          : column.type === 'phone'
            ? [field(input, 'phone'), field(input, 'countryShortName')]
            : [field(input, 'url'), field(input, 'text')]
        : invalid(column, 'expected a string or an object')
  if (column.type === 'email') {
    if (!EMAIL_RE.test(a)) invalid(column, 'expected {"email": "name@domain", "text": …}')
    const text = b === '' ? a : b
    return { value: JSON.stringify({ email: a, text, changed_at: changedAt }), text: a }
  }
  if (column.type === 'phone') {
    if (!PHONE_RE.test(a) || !COUNTRY_RE.test(b))
      invalid(column, 'expected {"phone": "+number", "countryShortName": "ISO-2 code"}')
    return { value: JSON.stringify({ phone: a, countryShortName: b, changed_at: changedAt }), text: a }
  }
  if (a === '' || /\s/.test(a)) invalid(column, 'expected {"url": …, "text": …}')
  const text = b === '' ? a : b
  return { value: JSON.stringify({ url: a, text, changed_at: changedAt }), text: `${text} - ${a}` }
}

export function timelineValue(column: StoredColumn, input: unknown, changedAt: string): StoredValue {
  if (!isRecord(input)) invalid(column, 'expected {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}')
  const from = field(input, 'from')
  const to = field(input, 'to')
  if (from === '' && to === '') return EMPTY
  const ok = (d: string): boolean => DATE_RE.test(d) && !Number.isNaN(Date.parse(d))
  if (!ok(from) || !ok(to) || from > to)
    invalid(column, 'expected {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}, from ≤ to')
  return { value: JSON.stringify({ to, from, changed_at: changedAt }), text: `${from} - ${to}` }
}

function idList(column: StoredColumn, raw: unknown, what: string): number[] {
  if (!Array.isArray(raw)) invalid(column, `expected {"${what}": [...]}`)
  const ids = raw.map(Number)
  if (ids.some(n => !Number.isInteger(n) || n <= 0)) invalid(column, `${what} must be positive integers`)
  return ids
}

export function tagsValue(column: StoredColumn, input: unknown, store: Store): StoredValue {
  if (!isRecord(input)) invalid(column, 'expected {"tag_ids": [...]}')
  const ids = idList(column, input.tag_ids, 'tag_ids')
  if (ids.length === 0) return EMPTY
  const missing = ids.filter(id => !store.tags.has(id))
  if (missing.length > 0) invalid(column, `tags ${missing.join(', ')} do not exist`)
  return { value: JSON.stringify({ tag_ids: ids }), text: ids.map(id => store.tags.get(id)?.name).join(', ') }
}

/** The connected boards of a board_relation column (`settings.boardIds`), when it names them. */
function connectedBoards(column: StoredColumn): Set<string> | undefined {
  const ids = column.settings?.boardIds
  return Array.isArray(ids) ? new Set(ids.map(String)) : undefined
}

export function relationValue(column: StoredColumn, input: unknown, store: Store, changedAt: string): StoredValue {
  if (!isRecord(input)) invalid(column, 'expected {"item_ids": [...]}')
  const ids = idList(column, input.item_ids, 'item_ids')
  if (ids.length === 0) return EMPTY
  const boards = connectedBoards(column)
  for (const id of ids) {
    const item = store.items.get(String(id))
    if (item === undefined || item.state === 'deleted') invalid(column, `item ${id} does not exist`)
    if (boards !== undefined && !boards.has(item.boardId))
      invalid(column, `item ${id} is not on a board connected to this column`)
  }
  const linked = ids.map(linkedPulseId => ({ linkedPulseId }))
  return { value: JSON.stringify({ linkedPulseIds: linked, changed_at: changedAt }), text: '' }
}
