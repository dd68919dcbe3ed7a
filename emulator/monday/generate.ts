/** Realistic generated values for admin-created boards. */
import type { Random } from './random.js'
import type { Store, StoredColumn } from './store.js'

const WORDS = [
  'alpha',
  'bravo',
  'delta',
  'echo',
  'harbor',
  'invoice',
  'order',
  'shipment',
  'north',
  'client',
  'review',
  'draft'
]
export const DEFAULT_STATUS_LABELS = ['Working on it', 'Done', 'Stuck']
export const DEFAULT_DROPDOWN_LABELS = ['Red', 'Green', 'Blue']

/** Generated column values for items of a board whose columns stay as they are. */
export function valueGenerator(
  columns: Iterable<StoredColumn>,
  random: Random,
  store: Store
): (n: number) => Record<string, unknown> {
  const tagIds = [...store.tags.keys()].map(String)
  const plan = [...columns].map(c => ({ column: c, labels: c.type === 'tags' ? tagIds : [...c.labels.values()] }))
  return n => {
    const values: Record<string, unknown> = {}
    for (const { column, labels } of plan) {
      const v = generatedInput(column, labels, random, n)
      if (v !== null) values[column.id] = v
    }
    return values
  }
}

/** An input value (as a client would send it) for a column, or null for an empty cell. */
export function generatedInput(column: StoredColumn, labels: readonly string[], random: Random, n: number): unknown {
  if (random.next() < 0.05) return null
  switch (column.type) {
    case 'text':
      return `${random.pick(WORDS)} ${n}`
    case 'numbers':
      return String(Math.round(random.next() * 1_000_000) / 100)
    case 'status':
      return labels.length > 0 ? { label: random.pick(labels) } : null
    case 'dropdown':
      return labels.length > 0 ? { labels: [random.pick(labels)] } : null
    case 'date': {
      const day = new Date(Date.UTC(2026, 0, 1) + random.int(365) * 86_400_000)
      return { date: day.toISOString().slice(0, 10) }
    }
    case 'long_text':
      return { text: Array.from({ length: 8 }, () => random.pick(WORDS)).join(' ') }
    case 'people':
      return { personsAndTeams: [{ id: 1 + random.int(20), kind: 'person' }] }
    case 'checkbox':
      return random.next() < 0.5 ? { checked: 'true' } : null
    case 'email':
      return { email: `${random.pick(WORDS)}${n}@example.com`, text: `${random.pick(WORDS)} ${n}` }
    case 'phone':
      return { phone: `+1555${String(1_000_000 + n).slice(-7)}`, countryShortName: 'US' }
    case 'link':
      return { url: `https://example.com/${random.pick(WORDS)}/${n}`, text: `${random.pick(WORDS)} ${n}` }
    case 'timeline': {
      const from = Date.UTC(2026, 0, 1) + random.int(300) * 86_400_000
      const to = from + random.int(30) * 86_400_000
      return { from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) }
    }
    case 'tags':
      return labels.length > 0 ? { tag_ids: [Number(random.pick(labels))] } : null
    default:
      return null
  }
}

export function generatedName(random: Random, n: number): string {
  return `${random.pick(WORDS)} item ${n}`
}
