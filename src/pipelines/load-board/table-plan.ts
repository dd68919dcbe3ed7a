import type { SqlColumnType } from '../../adapters/sql/database.js'
import {
  FIXED_NAMES,
  type RecordedColumn,
  type TableLayout,
  type TypedColumn
} from '../../adapters/sql/staging-schema.js'
import { NameAllocator, nameFromTitle } from './column-names.js'
import { SKIPPED_TYPES, mappedPart, partsOf } from './column-types.js'
import type { ColumnPart } from './column-types.js'

/** A column of a board as `boards { columns { id title type } }` returns it. */
export interface MondayColumn {
  id: string
  title: string
  type: string
}

/** A registry mapping: the SQL name (and optionally the SQL type) of one monday column. */
export interface ColumnMapping {
  columnId: string
  /** SQL column name (a checked identifier); default made from the title. */
  name?: string
  /** SQL type instead of the one of the monday type (see column-types.ts). */
  type?: SqlColumnType
}

/** A planned column with the reader of its value. */
export interface PlannedColumn extends TypedColumn {
  read: ColumnPart['read']
}

/** The layout of one table, its readers, and what stops it from loading. */
export interface TablePlan {
  layout: TableLayout & { columns: PlannedColumn[] }
  /** Type changes and name clashes, each naming the column; a board with any is not loaded. */
  conflicts: string[]
}

export interface PlanTableOptions {
  boardId: string
  table: string
  stagingTable: string
  subitems: boolean
  columns: readonly MondayColumn[]
  mappings: readonly ColumnMapping[]
  /** What `monday_sync_columns` holds for the table (empty before its first load). */
  recorded: readonly RecordedColumn[]
}

const key = (columnId: string, part: string): string => `${columnId}\u0000${part}`
const shown = (c: Pick<TypedColumn, 'title' | 'mondayColumnId'>): string => `"${c.title}" (${c.mondayColumnId})`

/**
 * Plans a typed table: one SQL column per monday column (two for people and timeline), named by
 * the mapping, else as in earlier loads, else from the title; compared with what earlier loads
 * recorded, to add new columns, keep removed ones and refuse a changed type.
 */
export function planTable(options: PlanTableOptions): TablePlan {
  const { recorded, mappings } = options
  const byKey = new Map(recorded.map(r => [key(r.mondayColumnId, r.part), r]))
  const byName = new Map(recorded.map(r => [r.name.toLowerCase(), r]))
  const mapped = new Map(mappings.map(m => [m.columnId, m]))
  const names = new NameAllocator([
    ...FIXED_NAMES,
    ...recorded.map(r => r.name),
    ...mappings.flatMap(m => {
      const name = m.name
      return name ? ['', 'ids', 'from', 'to'].map(p => (p ? `${name}_${p}` : name)) : []
    })
  ])
  const conflicts: string[] = []
  const foreign = recorded.find(r => r.boardId !== options.boardId)
  if (foreign) {
    conflicts.push(`table ${options.table} holds board ${foreign.boardId}; give board ${options.boardId} its own table`)
  }
  const columns: PlannedColumn[] = []
  for (const column of options.columns) {
    if (SKIPPED_TYPES.has(column.type)) continue
    const mapping = mapped.get(column.id)
    const parts = mapping?.type ? [mappedPart(mapping.type)] : partsOf(column.type)
    const base = mapping?.name ?? nameFromTitle(column.title, column.id)
    for (const part of parts) {
      const wanted = mapping?.name ? (part.part ? `${mapping.name}_${part.part}` : mapping.name) : undefined
      const earlier = byKey.get(key(column.id, part.part))
      let name: string
      if (wanted) name = wanted
      else if (earlier) name = earlier.name
      else name = names.allocate(base, part.part)
      const planned: PlannedColumn = {
        name,
        type: part.type,
        mondayColumnId: column.id,
        part: part.part,
        mondayType: column.type,
        title: column.title,
        read: part.read
      }
      const before = byName.get(name.toLowerCase())
      const conflict = before && typeConflict(before, planned)
      if (conflict) conflicts.push(conflict)
      columns.push(planned)
    }
  }
  const dupes = duplicates(columns.map(c => c.name))
  for (const name of dupes)
    conflicts.push(`two columns are mapped to the SQL name ${name}; map one of them to another name`)
  const filled = new Set(columns.map(c => c.name.toLowerCase()))
  const isNew = (c: PlannedColumn): boolean => !byName.has(c.name.toLowerCase())
  return {
    layout: {
      table: options.table,
      stagingTable: options.stagingTable,
      subitems: options.subitems,
      firstLoad: recorded.length === 0,
      columns,
      added: columns.filter(isNew),
      removed: recorded.filter(r => !filled.has(r.name.toLowerCase()))
    },
    conflicts
  }
}

/** A column whose SQL column was made for another monday or SQL type: the message names both. */
function typeConflict(before: RecordedColumn, now: PlannedColumn): string | null {
  const fix = `map the column to a new name in the registry, or drop the SQL column ${before.name}, to load it again`
  if (before.mondayColumnId === now.mondayColumnId) {
    if (before.mondayType === now.mondayType && before.type === now.type) return null
    return (
      `column ${shown(now)} changed type on monday from ${before.mondayType} to ${now.mondayType} ` +
      `(its SQL column ${before.name} is ${before.type}, the new type needs ${now.type}); ${fix}`
    )
  }
  if (before.type === now.type) return null
  return (
    `SQL column ${before.name} holds column ${shown(before)} of type ${before.mondayType} (${before.type}), ` +
    `but column ${shown(now)} of type ${now.mondayType} needs ${now.type}; ${fix}`
  )
}

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const name of names) {
    const lower = name.toLowerCase()
    if (seen.has(lower)) twice.add(name)
    seen.add(lower)
  }
  return [...twice]
}
