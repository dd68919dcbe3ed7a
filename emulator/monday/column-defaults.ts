/**
 * `create_column(defaults:)` as monday documents it:
 * - status labels `{"labels": [{"label", "color", "index", "is_done"}]}` (status reference, 2025+), or the
 *   older `{"labels": {"0": "Working on it", …}}`;
 * - dropdown labels `{"settings": {"labels": [{"id": 1, "name": "Red"}]}}` (dropdown reference);
 * - connect boards `{"boardIds": [...]}` (connect reference, 2025-10+), formula `{"formula": "…"}`.
 */
import { MondayApplicationError } from './errors.js'
import type { LabelStyle, NewColumn } from './store.js'

type Obj = Record<string, unknown>

/** monday's status colour names for the first indexes (the colour of a label is a number in `settings`). */
const COLOR_NUMBERS: Record<string, number> = {
  working_orange: 0,
  done_green: 1,
  stuck_red: 2,
  dark_blue: 3,
  purple: 4,
  grey: 5,
  american_gray: 5
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function parse(raw: unknown): Obj {
  if (raw === null || raw === undefined) return {}
  let d: unknown = raw
  if (typeof raw === 'string') {
    try {
      d = JSON.parse(raw)
    } catch (cause) {
      throw new MondayApplicationError(`defaults is not valid JSON: ${String(cause)}`, 'InvalidArgumentException')
    }
  }
  if (!isObj(d)) throw new MondayApplicationError('defaults must be a JSON object', 'InvalidArgumentException')
  return d
}

/** Labels by index with their style, from any documented form. */
function labelsOf(type: string, d: Obj): { labels: Map<number, string>; styles: Map<number, LabelStyle> } {
  const raw = d.labels ?? (isObj(d.settings) ? d.settings.labels : undefined)
  const labels = new Map<number, string>()
  const styles = new Map<number, LabelStyle>()
  const first = type === 'dropdown' ? 1 : 0
  if (Array.isArray(raw)) {
    raw.forEach((l: unknown, i) => {
      const o = isObj(l) ? l : { label: l }
      const name = o.label ?? o.name
      if (typeof name !== 'string' || name === '')
        throw new MondayApplicationError('every label needs a "label" (or "name")', 'InvalidArgumentException')
      const index = typeof o.index === 'number' ? o.index : typeof o.id === 'number' ? o.id : first + i
      labels.set(index, name)
      const color = typeof o.color === 'number' ? o.color : (COLOR_NUMBERS[String(o.color)] ?? index)
      styles.set(index, { color, is_done: o.is_done === true })
    })
  } else if (isObj(raw)) {
    for (const [k, v] of Object.entries(raw)) labels.set(Number(k), String(v))
  }
  return { labels, styles }
}

/** The column to create from `create_column`'s arguments. */
export function columnFromDefaults(type: string, title: string, defaults: unknown): NewColumn {
  const d = parse(defaults)
  if (type === 'status' || type === 'dropdown') {
    const { labels, styles } = labelsOf(type, d)
    return { title, type, indexedLabels: labels, styles }
  }
  if (type === 'board_relation' && Array.isArray(d.boardIds)) return { title, type, settings: { boardIds: d.boardIds } }
  if (type === 'formula') return { title, type, settings: { formula: typeof d.formula === 'string' ? d.formula : '' } }
  return { title, type }
}
