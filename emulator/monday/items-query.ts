/** `ItemsQuery` filtering and ordering [IP]: rules, rule groups, ids (≤ 100), order_by. */
import { MondayApplicationError } from './errors.js'
import type { StoredItem } from './store.js'

export interface ItemsQueryRuleArg {
  column_id: string
  compare_value: unknown
  compare_attribute?: string | null
  operator?: string | null
}
export interface ItemsQueryGroupArg {
  rules?: ItemsQueryRuleArg[] | null
  groups?: ItemsQueryGroupArg[] | null
  operator?: string | null
}
export interface ItemsQueryArg extends ItemsQueryGroupArg {
  ids?: string[] | null
  order_by?: { column_id: string; direction?: string | null }[] | null
}

/** At most 100 ids in `ItemsQuery.ids` and in root `items(ids:)` [ITEMS]. */
export const MAX_IDS = 100

export function checkIds(ids: readonly unknown[] | null | undefined): void {
  if (ids !== null && ids !== undefined && ids.length > MAX_IDS) {
    throw new MondayApplicationError(
      `At most ${MAX_IDS} ids may be requested, got ${ids.length}`,
      'InvalidArgumentException'
    )
  }
}

/** Text and ids of one cell, for comparisons. */
function cell(item: StoredItem, columnId: string): { text: string; keys: string[] } {
  if (columnId === 'name') return { text: item.name, keys: [item.name] }
  if (columnId === 'group') return { text: item.groupId, keys: [item.groupId] }
  const v = item.values.get(columnId)
  if (v === undefined || v.value === null) return { text: '', keys: [] }
  const keys = [v.text]
  const parsed: unknown = JSON.parse(v.value)
  if (typeof parsed === 'object' && parsed !== null) {
    const p = parsed as { index?: number; ids?: number[]; date?: string }
    if (p.index !== undefined) keys.push(String(p.index))
    if (p.ids !== undefined) keys.push(...p.ids.map(String), ...v.text.split(', '))
    if (p.date !== undefined) keys.push(p.date)
  }
  return { text: v.text, keys }
}

function asList(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map(x => String(x))
}

function compare(a: string, b: string): number {
  const na = Number(a)
  const nb = Number(b)
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

function matchRule(item: StoredItem, rule: ItemsQueryRuleArg): boolean {
  const { text, keys } = cell(item, rule.column_id)
  const values = asList(rule.compare_value)
  const first = values[0] ?? ''
  const lower = text.toLowerCase()
  switch (rule.operator ?? 'any_of') {
    case 'any_of':
      return values.some(v => (v === '' ? keys.length === 0 : keys.includes(v)))
    case 'not_any_of':
      return !values.some(v => (v === '' ? keys.length === 0 : keys.includes(v)))
    case 'is_empty':
      return keys.length === 0
    case 'is_not_empty':
      return keys.length > 0
    case 'greater_than':
      return text !== '' && compare(text, first) > 0
    case 'greater_than_or_equals':
      return text !== '' && compare(text, first) >= 0
    case 'lower_than':
      return text !== '' && compare(text, first) < 0
    case 'lower_than_or_equal':
      return text !== '' && compare(text, first) <= 0
    case 'between':
      return text !== '' && compare(text, first) >= 0 && compare(text, values[1] ?? first) <= 0
    case 'contains_text':
      return lower.includes(first.toLowerCase())
    case 'not_contains_text':
      return !lower.includes(first.toLowerCase())
    case 'starts_with':
      return lower.startsWith(first.toLowerCase())
    case 'ends_with':
      return lower.endsWith(first.toLowerCase())
    default:
      throw new MondayApplicationError(`Unsupported operator ${String(rule.operator)}`, 'InvalidArgumentException')
  }
}

function matchGroup(item: StoredItem, q: ItemsQueryGroupArg): boolean {
  const results = [...(q.rules ?? []).map(r => matchRule(item, r)), ...(q.groups ?? []).map(g => matchGroup(item, g))]
  if (results.length === 0) return true
  return q.operator === 'or' ? results.some(Boolean) : results.every(Boolean)
}

function checkColumns(known: ReadonlySet<string>, q: ItemsQueryGroupArg): void {
  for (const rule of q.rules ?? []) {
    if (!known.has(rule.column_id)) {
      throw new MondayApplicationError(`Column not found: ${rule.column_id}`, 'InvalidColumnIdException')
    }
  }
  for (const g of q.groups ?? []) checkColumns(known, g)
}

/** Applies `query_params` to a board's active items; returns the matching ids in order. */
export function queryItems(
  items: StoredItem[],
  columnIds: ReadonlySet<string>,
  q: ItemsQueryArg | null | undefined
): string[] {
  if (q === null || q === undefined) return items.map(i => i.id)
  checkIds(q.ids)
  checkColumns(columnIds, q)
  const wanted = q.ids === null || q.ids === undefined ? null : new Set(q.ids.map(String))
  let out = items.filter(i => (wanted === null || wanted.has(i.id)) && matchGroup(i, q))
  for (const order of [...(q.order_by ?? [])].reverse()) {
    const dir = order.direction === 'desc' ? -1 : 1
    out = [...out].sort((a, b) => dir * compare(cell(a, order.column_id).text, cell(b, order.column_id).text))
  }
  return out.map(i => i.id)
}

/** `items_page_by_column_values`: every column matches one of its values (by text) [IP]. */
export function itemsByColumnValues(
  items: StoredItem[],
  columns: { column_id: string; column_values: (string | null)[] }[]
): string[] {
  return items
    .filter(item => columns.every(c => c.column_values.some(v => cell(item, c.column_id).text === (v ?? ''))))
    .map(i => i.id)
}
