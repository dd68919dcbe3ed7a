/** A column value as `items(ids:)` returns it; `value` is monday's JSON string. */
export interface RawColumnValue {
  id: string
  type?: string | null
  text?: string | null
  value?: string | null
  /** board_relation, mirror and formula: what monday shows (their `text` and `value` are null). */
  display_value?: string | null
  /** board_relation: the linked item ids. */
  linked_item_ids?: readonly string[] | null
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
