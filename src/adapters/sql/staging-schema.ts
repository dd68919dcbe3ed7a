import { ConfigError } from '../../errors.js'
import type { ColumnSpec, Database, SqlColumnType, SqlValue } from './database.js'
import { checkIdentifier } from './identifiers.js'

/** One monday item (or subitem) as it lands in the staging and target tables. */
export interface BoardRow {
  /** The board being loaded; subitems carry their parent's board here. */
  sourceBoardId: string
  itemId: string
  /** The item's own board (the subitems board for a subitem). */
  boardId: string
  groupId: string | null
  groupTitle: string | null
  name: string
  /** `active`, `archived` or `deleted`. */
  state: string | null
  createdAt: Date | null
  updatedAt: Date | null
  parentItemId: string | null
  /** JSON object: column id → `{ type, text, value }` (value parsed from monday's JSON string). */
  columnValues: string
  /** Values of the configured typed columns, by target column name. */
  typed: Record<string, SqlValue>
}

/** A monday column copied into a column of its own, typed (`[[load_board.columns]]`). */
export interface TypedColumn {
  /** monday column id, e.g. `numbers`, `date4`. */
  columnId: string
  /** Target column name in the staging and target tables. */
  target: string
  type: SqlColumnType
}

/** The fixed columns, in insert order; typed columns follow. */
export const BASE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'source_board_id', type: 'bigint', nullable: false },
  { name: 'item_id', type: 'bigint', nullable: false },
  { name: 'board_id', type: 'bigint', nullable: false },
  { name: 'group_id', type: 'shorttext' },
  { name: 'group_title', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'state', type: 'shorttext' },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
  { name: 'parent_item_id', type: 'bigint' },
  { name: 'column_values', type: 'json' }
]

/** All columns of the tables, after checking the typed columns' names. */
export function stagingColumns(typed: readonly TypedColumn[]): ColumnSpec[] {
  const names = new Set(BASE_COLUMNS.map(c => c.name.toLowerCase()))
  const extra = typed.map((column, i) => {
    const setting = `load_board.columns[${i}].target`
    checkIdentifier(column.target, setting)
    if (column.target.includes('.')) throw new ConfigError(`${setting}: a column name cannot contain "."`, setting)
    if (names.has(column.target.toLowerCase())) {
      throw new ConfigError(`${setting}: "${column.target}" is already a column of the staging table`, setting)
    }
    names.add(column.target.toLowerCase())
    return { name: column.target, type: column.type } satisfies ColumnSpec
  })
  return [...BASE_COLUMNS, ...extra]
}

/** A row's values in the order of `stagingColumns(typed)`. */
export function rowValues(row: BoardRow, typed: readonly TypedColumn[]): SqlValue[] {
  return [
    Number(row.sourceBoardId),
    Number(row.itemId),
    Number(row.boardId),
    row.groupId,
    row.groupTitle,
    row.name,
    row.state,
    row.createdAt,
    row.updatedAt,
    row.parentItemId === null ? null : Number(row.parentItemId),
    row.columnValues,
    ...typed.map(c => row.typed[c.target] ?? null)
  ]
}

/** Statements that create a table and an index when they are missing, in the database's dialect. */
export function createTableStatements(db: Database, table: string, columns: readonly ColumnSpec[]): string[] {
  const defs = columns.map(
    c => `${db.quote(c.name)} ${db.typeOf(c.type)}${c.nullable === false ? ' NOT NULL' : ' NULL'}`
  )
  const bare = table.split('.').pop() ?? table
  const indexes = [
    [`ix_${bare}_board_item`.slice(0, 120), 'item_id'],
    [`ix_${bare}_board_parent`.slice(0, 120), 'parent_item_id']
  ] as const
  const keys = (column: string): string => `(${db.quote('source_board_id')}, ${db.quote(column)})`
  if (db.dialect === 'sqlite') {
    const schema = table.includes('.') ? `${db.quote(table.split('.')[0] ?? 'main')}.` : ''
    return [
      `CREATE TABLE IF NOT EXISTS ${db.quote(table)} (${defs.join(', ')})`,
      ...indexes.map(
        ([index, column]) =>
          `CREATE INDEX IF NOT EXISTS ${schema}${db.quote(index)} ON ${db.quote(bare)} ${keys(column)}`
      )
    ]
  }
  const literal = table.replace(/'/g, "''")
  return [
    `IF OBJECT_ID(N'${literal}', N'U') IS NULL CREATE TABLE ${db.quote(table)} (${defs.join(', ')})`,
    ...indexes.map(
      ([index, column]) =>
        `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'${index}' AND object_id = OBJECT_ID(N'${literal}')) ` +
        `CREATE INDEX ${db.quote(index)} ON ${db.quote(table)} ${keys(column)}`
    )
  ]
}
