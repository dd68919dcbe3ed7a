import type { ColumnSpec, Database, SqlColumnType, SqlValue } from './database.js'

/** One monday item (or subitem) as it lands in its board's staging and target tables. */
export interface BoardRow {
  itemId: string
  groupId: string | null
  groupTitle: string | null
  name: string
  /** `active`, `archived` or `deleted`. */
  state: string | null
  createdAt: Date | null
  updatedAt: Date | null
  /** Set for a subitem: the row goes to the subitems table. */
  parentItemId: string | null
  /** JSON object: column id → `{ type, text, value }` (value parsed from monday's JSON string). */
  columnValues: string
  /** Values of the typed columns, by SQL column name. */
  typed: Record<string, SqlValue>
}

/** One SQL column filled from a monday column (or one part of it: people's ids, timeline's end). */
export interface TypedColumn {
  /** SQL column name (a configured identifier, or one made from the title: see column-names.ts). */
  name: string
  type: SqlColumnType
  /** monday column id, e.g. `numbers`, `date4`. */
  mondayColumnId: string
  /** '' for the column itself, else `ids`, `from` or `to`. */
  part: string
  /** monday column type when the column was planned (`numbers`, `status`…). */
  mondayType: string
  /** The monday title, for the column dictionary. */
  title: string
}

/** The typed table of a board (or of its subitems) and the changes a load makes to it. */
export interface TableLayout {
  /** Target table, `name` or `schema.name` (a checked identifier). */
  table: string
  stagingTable: string
  /** The subitems table has `parent_item_id`. */
  subitems: boolean
  /** No earlier load recorded this table's columns. */
  firstLoad: boolean
  /** The columns filled by this load, after the fixed ones, in board order. */
  columns: TypedColumn[]
  /** Columns new to the table since its last load (added to the target inside the swap). */
  added: TypedColumn[]
  /**
   * Columns of earlier loads no longer filled (gone from monday, or mapped elsewhere): kept in the
   * table, NULL from this load on. `active` says whether the previous load still filled it.
   */
  removed: RecordedColumn[]
}

/** Both tables of one board, as planned for one load. */
export interface BoardLayout {
  boardId: string
  items: TableLayout
  subitems: TableLayout | null
}

/** A column as `monday_sync_columns` records it for a table. */
export interface RecordedColumn extends TypedColumn {
  boardId: string
  table: string
  /** Still filled by loads (false: removed on monday, kept with NULLs). */
  active: boolean
}

/** The column dictionary: one row per typed column of every loaded table. */
export const COLUMNS_TABLE = 'monday_sync_columns'

/** The fixed columns of an items table, in insert order; typed columns follow. */
export const ITEM_COLUMNS: readonly ColumnSpec[] = [
  { name: 'item_id', type: 'bigint', nullable: false },
  { name: 'name', type: 'text' },
  { name: 'group_id', type: 'shorttext' },
  { name: 'group_title', type: 'text' },
  { name: 'state', type: 'shorttext' },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
  { name: 'column_values', type: 'json' }
]

/** The fixed columns of a subitems table. */
export const SUBITEM_COLUMNS: readonly ColumnSpec[] = [
  ...ITEM_COLUMNS.slice(0, 1),
  { name: 'parent_item_id', type: 'bigint', nullable: false },
  ...ITEM_COLUMNS.slice(1)
]

/** Names a typed column can never take (the fixed columns of either table). */
export const FIXED_NAMES: readonly string[] = SUBITEM_COLUMNS.map(c => c.name)

/** Every column of a layout's tables, fixed ones first. */
export function layoutColumns(layout: Pick<TableLayout, 'subitems' | 'columns'>): ColumnSpec[] {
  const fixed = layout.subitems ? SUBITEM_COLUMNS : ITEM_COLUMNS
  return [...fixed, ...layout.columns.map(c => ({ name: c.name, type: c.type }))]
}

/** A row's values in the order of `layoutColumns(layout)`. */
export function rowValues(row: BoardRow, layout: Pick<TableLayout, 'subitems' | 'columns'>): SqlValue[] {
  const fixed = [
    Number(row.itemId),
    ...(layout.subitems ? [row.parentItemId === null ? null : Number(row.parentItemId)] : []),
    row.name,
    row.groupId,
    row.groupTitle,
    row.state,
    row.createdAt,
    row.updatedAt,
    row.columnValues
  ]
  return [...fixed, ...layout.columns.map(c => row.typed[c.name] ?? null)]
}

/** A column definition: `[name] TYPE NULL`. */
export function columnDefinition(db: Database, column: ColumnSpec): string {
  return `${db.quote(column.name)} ${db.typeOf(column.type)}${column.nullable === false ? ' NOT NULL' : ' NULL'}`
}

/** An index or constraint name from a table name, within SQL Server's 128 characters. */
function objectName(prefix: string, table: string): string {
  const bare = table.split('.').pop() ?? table
  return `${prefix}_${bare}`.slice(0, 128)
}

/** The string literal of a (checked) table name for OBJECT_ID. */
const literal = (table: string): string => `N'${table.replace(/'/g, "''")}'`

/**
 * CREATE TABLE (when missing) with its primary key on item_id (clustered), plus an index on parent_item_id for
 * a subitems table, in the database's dialect. `IF NOT EXISTS`, so a re-run is harmless.
 */
export function createTableStatements(db: Database, table: string, columns: readonly ColumnSpec[]): string[] {
  const pk = objectName('pk', table)
  // clustered on item_id (SQL Server): a swap's chunks and a reader's seeks by id touch only their rows
  const key = db.dialect === 'mssql' ? 'PRIMARY KEY CLUSTERED' : 'PRIMARY KEY'
  const defs = [...columns.map(c => columnDefinition(db, c)), `CONSTRAINT ${db.quote(pk)} ${key} (item_id)`]
  const parent = columns.some(c => c.name === 'parent_item_id')
  const index = objectName('ix_parent', table)
  if (db.dialect === 'sqlite') {
    const schema = table.includes('.') ? `${db.quote(table.split('.')[0] ?? 'main')}.` : ''
    const bare = table.split('.').pop() ?? table
    return [
      `CREATE TABLE IF NOT EXISTS ${db.quote(table)} (${defs.join(', ')})`,
      ...(parent
        ? [`CREATE INDEX IF NOT EXISTS ${schema}${db.quote(index)} ON ${db.quote(bare)} (parent_item_id)`]
        : [])
    ]
  }
  return [
    `IF OBJECT_ID(${literal(table)}, N'U') IS NULL CREATE TABLE ${db.quote(table)} (${defs.join(', ')})`,
    ...(parent
      ? [
          `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'${index}' AND object_id = OBJECT_ID(${literal(table)})) ` +
            `CREATE INDEX ${db.quote(index)} ON ${db.quote(table)} (parent_item_id)`
        ]
      : [])
  ]
}

/**
 * SQLite: the statements that make the staging table `from` the table `to` inside the caller's
 * transaction (SQLite's schema changes are transactional), its index on parent_item_id renamed with
 * it; null in SQL Server or with a schema-qualified name, where the rows are copied instead.
 */
export function renameTableStatements(
  db: Database,
  from: string,
  to: string,
  columns: readonly ColumnSpec[]
): string[] | null {
  if (db.dialect !== 'sqlite' || from.includes('.') || to.includes('.')) return null
  const parent = columns.some(c => c.name === 'parent_item_id')
  return [
    `ALTER TABLE ${db.quote(from)} RENAME TO ${db.quote(to)}`,
    ...(parent ? [`DROP INDEX IF EXISTS ${db.quote(objectName('ix_parent', from))}`] : []),
    // the table exists now: only the index is created, under the target's name
    ...createTableStatements(db, to, columns)
  ]
}

/** DROP TABLE when it exists (both dialects). */
export function dropTableStatement(db: Database, table: string): string {
  return db.dialect === 'sqlite'
    ? `DROP TABLE IF EXISTS ${db.quote(table)}`
    : `IF OBJECT_ID(${literal(table)}, N'U') IS NOT NULL DROP TABLE ${db.quote(table)}`
}

/** The columns a table has now (lower-cased names), or null when it does not exist. */
export async function existingColumns(db: Database, table: string): Promise<Set<string> | null> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query<{ name: string }>(
          `SELECT name FROM pragma_table_info(@table${table.includes('.') ? ', @schema' : ''})`,
          table.includes('.')
            ? { table: table.split('.')[1] ?? table, schema: table.split('.')[0] ?? 'main' }
            : { table }
        )
      : await db.query<{ name: string }>('SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(@table)', { table })
  return rows.length === 0 ? null : new Set(rows.map(r => r.name.toLowerCase()))
}

/** `ALTER TABLE … ADD` for a column new to an existing table (nullable: earlier rows have none). */
export function addColumnStatement(db: Database, table: string, column: ColumnSpec): string {
  const def = columnDefinition(db, { ...column, nullable: true })
  return db.dialect === 'sqlite'
    ? `ALTER TABLE ${db.quote(table)} ADD COLUMN ${def}`
    : `ALTER TABLE ${db.quote(table)} ADD ${def}`
}

/** The dictionary's columns, in insert order. */
export const DICTIONARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'table_name', type: 'shorttext', nullable: false },
  { name: 'column_name', type: 'shorttext', nullable: false },
  { name: 'board_id', type: 'bigint', nullable: false },
  { name: 'monday_column_id', type: 'shorttext', nullable: false },
  { name: 'part', type: 'shorttext', nullable: false },
  { name: 'monday_type', type: 'shorttext', nullable: false },
  { name: 'sql_type', type: 'shorttext', nullable: false },
  { name: 'title', type: 'text' },
  { name: 'active', type: 'boolean', nullable: false },
  { name: 'updated_at', type: 'datetime' }
]

/**
 * The dictionary table: which SQL column of which table holds which monday column. On SQL Server it
 * is clustered on `table_name` (NVARCHAR(450): the 900 bytes a clustered key may have), so a swap
 * rewriting one table's rows seeks to them and never waits on the rows another board's swap holds
 * (a heap is scanned whole, row by row). A dictionary created as a heap by an earlier version gets
 * the index when the login may create it; otherwise it keeps working as a heap.
 */
export function columnsTableStatements(db: Database): string[] {
  const defs = DICTIONARY_COLUMNS.map(c => columnDefinition(db, c))
  if (db.dialect === 'sqlite') return [`CREATE TABLE IF NOT EXISTS ${db.quote(COLUMNS_TABLE)} (${defs.join(', ')})`]
  const index = `CREATE CLUSTERED INDEX ${db.quote(`cx_${COLUMNS_TABLE}`)} ON ${db.quote(COLUMNS_TABLE)} (table_name)`
  return [
    `IF OBJECT_ID(N'${COLUMNS_TABLE}', N'U') IS NULL BEGIN CREATE TABLE ${db.quote(COLUMNS_TABLE)} (${defs.join(', ')}); ${index} END`,
    `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'${COLUMNS_TABLE}') AND index_id = 1) ` +
      `BEGIN BEGIN TRY ${index} END TRY BEGIN CATCH END CATCH END`
  ]
}
