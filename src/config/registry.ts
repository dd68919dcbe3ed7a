/**
 * The board registry of load-board: `[[boards]]` entries in the same TOML file as the sync's
 * configuration (or a file of their own), validated like it: zod for shapes, then identifiers,
 * column ids and uniqueness, each error naming its key (`boards[1].table`).
 */
import { z } from 'zod'
import type { SqlColumnType } from '../adapters/sql/database.js'
import { checkIdentifier } from '../adapters/sql/identifiers.js'
import { ConfigError } from '../errors.js'
import { checkColumnId, configIssue } from './load.js'
import { resolveRefs } from './refs.js'

/** SQL types a mapping may ask for (see docs/load-board.md for the SQL of each). */
export const MAPPED_SQL_TYPES = [
  'text',
  'shorttext',
  'integer',
  'bigint',
  'real',
  'decimal',
  'boolean',
  'datetime',
  'json'
] as const satisfies readonly SqlColumnType[]

/** Fixed columns of the typed tables: no mapping may take their names. */
const FIXED = [
  'item_id',
  'parent_item_id',
  'name',
  'group_id',
  'group_title',
  'state',
  'created_at',
  'updated_at',
  'column_values'
]

/** Longest table name part: room for `_subitems_staging` within SQL Server's 128 characters. */
const MAX_TABLE_PART = 110

const mappingSchema = z.strictObject({
  column_id: z.string().min(1),
  name: z.string().min(1).optional(),
  type: z.enum(MAPPED_SQL_TYPES).optional()
})

const boardSchema = z.strictObject({
  board_id: z.union([z.string().min(1), z.number().int().positive()]).transform(v => String(v)),
  name: z.string().min(1),
  description: z.string().default(''),
  table: z.string().min(1),
  subitems_table: z.string().min(1).optional(),
  include_subitems: z.boolean().optional(),
  environments: z.array(z.string().min(1)).min(1).optional(),
  columns: z.array(mappingSchema).default([]),
  subitem_columns: z.array(mappingSchema).default([])
})

const registrySchema = z.array(boardSchema)

/** One column mapping of a registered board. */
export interface RegisteredColumn {
  columnId: string
  name?: string
  type?: SqlColumnType
}

/** One `[[boards]]` entry, resolved for the chosen environment. */
export interface RegisteredBoard {
  boardId: string
  name: string
  description: string
  table: string
  /** Default `<table>_subitems`. */
  subitemsTable: string
  /** Default true when `subitems_table` is given, else false. */
  includeSubitems: boolean
  columns: RegisteredColumn[]
  subitemColumns: RegisteredColumn[]
}

export interface ParseRegistryOptions {
  /** The chosen environment: boards with `environments` load only there. */
  environment?: string
  /** For `${NAME}` references in board ids. */
  env: Record<string, string | undefined>
}

/**
 * Validates the `boards` value of a parsed configuration file; `file` names it in messages.
 * Returns the boards to load in `options.environment` (an absent `boards` is an empty registry).
 */
export function parseBoardRegistry(boards: unknown, file: string, options: ParseRegistryOptions): RegisteredBoard[] {
  if (boards === undefined) return []
  const result = registrySchema.safeParse(boards)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw configIssue(file, issue && { ...issue, path: ['boards', ...issue.path] })
  }
  const tables = new Map<string, string>()
  const ids = new Map<string, string>()
  const loaded: RegisteredBoard[] = []
  for (const [i, entry] of result.data.entries()) {
    const at = `boards[${i}]`
    const table = checkTable(entry.table, `${at}.table`, file)
    const subitemsTable = checkTable(entry.subitems_table ?? `${entry.table}_subitems`, `${at}.subitems_table`, file)
    for (const [name, key] of [
      [table, `${at}.table`],
      [subitemsTable, `${at}.subitems_table`]
    ] as const) {
      const other = tables.get(name.toLowerCase())
      if (other) throw new ConfigError(`${file}: ${key}: table "${name}" is already used by ${other}`, key)
      tables.set(name.toLowerCase(), key)
    }
    const columns = checkMappings(entry.columns, `${at}.columns`, file)
    const subitemColumns = checkMappings(entry.subitem_columns, `${at}.subitem_columns`, file)
    if (entry.environments && !options.environment) {
      throw new ConfigError(
        `${file}: ${at}.environments: this board loads only in ${entry.environments.join(', ')}; ` +
          `pick an environment with --environment or MONDAY_SYNC_ENV`,
        `${at}.environments`
      )
    }
    if (entry.environments && !entry.environments.includes(options.environment ?? '')) continue
    const boardId = resolveRefs(entry.board_id, `${at}.board_id`, options.env)
    if (!/^\d+$/.test(boardId)) {
      throw new ConfigError(
        `${file}: ${at}.board_id: "${boardId}" is not a monday board id (digits only)`,
        `${at}.board_id`
      )
    }
    const twice = ids.get(boardId)
    if (twice)
      throw new ConfigError(
        `${file}: ${at}.board_id: board ${boardId} is already registered as ${twice}`,
        `${at}.board_id`
      )
    ids.set(boardId, at)
    loaded.push({
      boardId,
      name: entry.name,
      description: entry.description,
      table,
      subitemsTable,
      includeSubitems: entry.include_subitems ?? entry.subitems_table !== undefined,
      columns,
      subitemColumns
    })
  }
  return loaded
}

function checkTable(name: string, key: string, file: string): string {
  try {
    checkIdentifier(name, key)
  } catch (e) {
    throw new ConfigError(`${file}: ${e instanceof Error ? e.message : String(e)}`, key, { cause: e })
  }
  if ((name.split('.').pop() ?? name).length > MAX_TABLE_PART) {
    throw new ConfigError(`${file}: ${key}: "${name}" is longer than ${MAX_TABLE_PART} characters`, key)
  }
  return name
}

/** Column ids and SQL names of one board's mappings: well formed, not a fixed column, no name twice. */
export function checkMappings(
  mappings: readonly { column_id: string; name?: string | undefined; type?: SqlColumnType | undefined }[],
  at: string,
  file: string
): RegisteredColumn[] {
  const names = new Map<string, string>()
  const ids = new Set<string>()
  return mappings.map((m, i) => {
    const key = `${at}[${i}]`
    try {
      checkColumnId(m.column_id, `${key}.column_id`)
      if (ids.has(m.column_id)) {
        throw new ConfigError(`${key}.column_id: column "${m.column_id}" is mapped twice`, `${key}.column_id`)
      }
      ids.add(m.column_id)
      if (m.name !== undefined) checkColumnName(m.name, `${key}.name`, names)
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`${file}: ${e.message}`, e.setting, { cause: e })
      throw e
    }
    return { columnId: m.column_id, ...(m.name ? { name: m.name } : {}), ...(m.type ? { type: m.type } : {}) }
  })
}

/** A mapped SQL column name: a plain identifier, no fixed column, not used twice (without regard to case). */
export function checkColumnName(name: string, key: string, taken: Map<string, string>): void {
  checkIdentifier(name, key)
  if (name.includes('.')) throw new ConfigError(`${key}: a column name cannot contain "."`, key)
  if (name.length > 120) throw new ConfigError(`${key}: "${name}" is longer than 120 characters`, key)
  const lower = name.toLowerCase()
  if (FIXED.includes(lower)) throw new ConfigError(`${key}: "${name}" is already a column of the typed table`, key)
  const other = taken.get(lower)
  if (other) throw new ConfigError(`${key}: "${name}" is already the name of ${other}`, key)
  taken.set(lower, key)
}
