/**
 * One column value as a GraphQL object; typed fields parse the stored JSON only when a query asks.
 * Per the column reference pages (https://developer.monday.com/api-reference/reference/<type>):
 * - connect boards, mirror and formula: `text` is always null, `value` is null (connect boards from
 *   2025-04 on), `display_value` holds the names / mirrored texts / result;
 * - status and dropdown: `text` is null when the value is empty; the other types answer "".
 */
import type { RequestContext } from './context.js'
import { formulaDisplay } from './formula.js'
import type { StoredColumn, StoredItem, StoredValue } from './store.js'

const VALUE_TYPENAMES: Record<string, string> = {
  text: 'TextValue',
  long_text: 'LongTextValue',
  numbers: 'NumbersValue',
  status: 'StatusValue',
  dropdown: 'DropdownValue',
  date: 'DateValue',
  people: 'PeopleValue',
  subtasks: 'SubtasksValue',
  checkbox: 'CheckboxValue',
  email: 'EmailValue',
  phone: 'PhoneValue',
  link: 'LinkValue',
  timeline: 'TimelineValue',
  tags: 'TagsValue',
  board_relation: 'BoardRelationValue',
  mirror: 'MirrorValue',
  formula: 'FormulaValue'
}
/** Types whose `text` is always null and `value` null (board_relation: from 2025-04). */
const COMPUTED = new Set(['board_relation', 'mirror', 'formula'])
/** Types whose `text` is null, not "", when empty (changelog: "Color picker, status, and dropdown columns will return null if the column is empty"). */
const NULL_WHEN_EMPTY = new Set(['status', 'dropdown'])

type Obj = Record<string, unknown>

/** The `text` monday answers for a stored value of a column type. */
export function apiText(type: string, v: StoredValue | undefined): string | null {
  if (COMPUTED.has(type)) return null
  if (v === undefined && NULL_WHEN_EMPTY.has(type)) return null
  return v?.text ?? ''
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null
}

function linkedIds(parsed: Obj): string[] {
  const linked = Array.isArray(parsed.linkedPulseIds) ? (parsed.linkedPulseIds as { linkedPulseId: number }[]) : []
  return linked.map(l => String(l.linkedPulseId))
}

export class ColumnValueView {
  readonly __typename: string
  readonly id: string
  readonly type: string
  private cache: Obj | undefined

  constructor(
    private readonly ctx: RequestContext,
    private readonly item: StoredItem,
    private readonly col: StoredColumn,
    private readonly v: StoredValue | undefined,
    readonly is_leaf: boolean,
    private readonly views: { column(c: StoredColumn): Obj; item(i: StoredItem): Obj }
  ) {
    this.__typename = VALUE_TYPENAMES[col.type] ?? 'TextValue'
    this.id = col.id
    this.type = col.type
  }

  private get parsed(): Obj {
    if (this.cache === undefined) {
      const p: unknown = this.v?.value == null ? {} : JSON.parse(this.v.value)
      this.cache = typeof p === 'object' && p !== null ? (p as Obj) : {}
    }
    return this.cache
  }

  get text(): string | null {
    return apiText(this.type, this.v)
  }
  get value(): string | null {
    if (this.type === 'mirror' || this.type === 'formula') return null
    if (this.type === 'board_relation' && this.ctx.version.value >= '2025-04') return null
    return this.v?.value ?? null
  }
  column(): Obj {
    return this.views.column(this.col)
  }
  get updated_at(): string | null {
    return str(this.parsed.changed_at)
  }
  get number(): number | null {
    return this.v === undefined ? null : Number(this.v.text)
  }
  get index(): number | null {
    return typeof this.parsed.index === 'number' ? this.parsed.index : null
  }
  get label(): string | null {
    if (this.type === 'status') return this.v?.text ?? null
    return this.type === 'email' ? str(this.parsed.text) : null
  }
  get values(): { id: string; label: string }[] {
    const ids = Array.isArray(this.parsed.ids) ? (this.parsed.ids as number[]) : []
    return ids.map(id => ({ id: String(id), label: this.col.labels.get(id) ?? '' }))
  }
  get date(): string | null {
    return str(this.parsed.date)
  }
  get time(): string | null {
    return str(this.parsed.time)
  }
  get persons_and_teams(): { id: string; kind: string }[] | null {
    const list = this.parsed.personsAndTeams
    return Array.isArray(list)
      ? (list as { id: number; kind: string }[]).map(e => ({ id: String(e.id), kind: e.kind }))
      : null
  }
  get subitems_ids(): string[] {
    return linkedIds(this.parsed)
  }
  get checked(): boolean {
    return this.parsed.checked === 'true'
  }
  get email(): string | null {
    return str(this.parsed.email)
  }
  get phone(): string | null {
    return str(this.parsed.phone)
  }
  get country_short_name(): string | null {
    return str(this.parsed.countryShortName)
  }
  get url(): string | null {
    return str(this.parsed.url)
  }
  get url_text(): string | null {
    return str(this.parsed.text)
  }
  get from(): string | null {
    return str(this.parsed.from)
  }
  get to(): string | null {
    return str(this.parsed.to)
  }
  get tag_ids(): number[] {
    return Array.isArray(this.parsed.tag_ids) ? (this.parsed.tag_ids as number[]) : []
  }
  get tags(): { id: string; name: string; color: string }[] {
    return this.tag_ids.flatMap(id => {
      const t = this.ctx.store.tags.get(id)
      return t === undefined ? [] : [{ id: String(t.id), name: t.name, color: t.color }]
    })
  }
  get linked_item_ids(): string[] {
    return this.linkedItems().map(i => i.id)
  }
  linked_items(): Obj[] {
    return this.linkedItems().map(i => this.views.item(i))
  }
  private linkedItems(): StoredItem[] {
    return linkedIds(this.parsed)
      .map(id => this.ctx.store.items.get(id))
      .filter((i): i is StoredItem => i !== undefined && i.state !== 'deleted')
  }
  get display_value(): string {
    if (this.type === 'board_relation')
      return this.linkedItems()
        .map(i => i.name)
        .join(', ')
    if (this.type === 'mirror') return this.mirrored()
    if (this.type === 'formula') return this.formula()
    return this.v?.text ?? ''
  }
  /** The texts of the mirrored column on the items linked by the relation column. */
  private mirrored(): string {
    const s = this.col.settings ?? {}
    const relationId = Object.keys((s.relation_column ?? {}) as Obj)[0] ?? ''
    const shown = Object.values((s.displayed_linked_columns ?? {}) as Record<string, string[]>)[0]?.[0] ?? ''
    const raw = this.item.values.get(relationId)?.value
    const ids = raw == null ? [] : linkedIds(JSON.parse(raw) as Obj)
    return ids
      .map(id => this.ctx.store.items.get(id))
      .map(i => (shown === 'name' ? i?.name : i?.values.get(shown)?.text) ?? '')
      .filter(t => t !== '')
      .join(', ')
  }
  private formula(): string {
    const formula = typeof this.col.settings?.formula === 'string' ? this.col.settings.formula : ''
    return formulaDisplay(formula, id => (id === 'name' ? this.item.name : (this.item.values.get(id)?.text ?? '')))
  }
}
