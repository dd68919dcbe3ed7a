import { type ColumnFacts, cannotHoldId, cannotHoldText, readColumns } from '../../adapters/sql/column-facts.js'
import type { Database } from '../../adapters/sql/database.js'
import type { SourceTable, SyncConfig } from '../../config/types.js'
import { ConfigError, messageOf } from '../../errors.js'

type CheckedConfig = Pick<SyncConfig, 'orders' | 'lines' | 'items' | 'subitems'> & Partial<Pick<SyncConfig, 'states'>>

/** Characters the error column must hold: failure reasons are cut to this length. */
export const ERROR_COLUMN_LENGTH = 1000

/** Every configured column of one table, with the setting that names it. */
function columnsOf(config: CheckedConfig, which: 'orders' | 'lines'): [setting: string, column: string][] {
  const table = config[which]
  const mapping = which === 'orders' ? config.items : config.subitems
  const at = which === 'orders' ? 'mapping' : 'mapping.subitems'
  const columns: [string, string][] = [
    [`source.${which}.key`, table.key],
    [`source.${which}.state_column`, table.stateColumn],
    [`source.${which}.item_id_column`, table.itemIdColumn],
    [`source.${which}.error_column`, table.errorColumn],
    [`${at}.item_name`, mapping.itemName],
    ...mapping.columns.map((c, i): [string, string] => [`${at}.columns[${i}].source`, c.source])
  ]
  if (which === 'lines') columns.push(['source.lines.parent_key', config.lines.parentKey])
  if (which === 'orders' && config.items.group) columns.push(['mapping.group', config.items.group])
  return columns
}

/**
 * Checks that the configured tables and columns exist before anything is read or sent, so that a
 * typo is reported with the setting that names it instead of as a database error mid-run.
 */
export async function checkSourceColumns(db: Database, config: CheckedConfig): Promise<void> {
  for (const which of ['orders', 'lines'] as const) {
    const table = config[which].table
    const probe = async (select: string): Promise<unknown> =>
      await db.query(
        db.dialect === 'mssql'
          ? `SELECT TOP 0 ${select} FROM ${db.quote(table)}`
          : `SELECT ${select} FROM ${db.quote(table)} LIMIT 0`
      )
    try {
      await probe('1 AS probe')
    } catch (e) {
      throw new ConfigError(
        `source.${which}.table: table ${table} cannot be read (${messageOf(e)})`,
        `source.${which}.table`,
        { cause: e }
      )
    }
    for (const [setting, column] of columnsOf(config, which)) {
      try {
        await probe(db.quote(column))
      } catch (e) {
        throw new ConfigError(`${setting}: table ${table} has no column ${column} (${messageOf(e)})`, setting, {
          cause: e
        })
      }
    }
  }
}

/**
 * Checks that the columns sync writes can hold what it writes, before anything is sent: a write
 * that fails after monday created the items (SQL Server 8115 arithmetic overflow on an INT id
 * column, 2628 truncation on a short error or state column) rolls back the batch and leaves its
 * rows in progress run after run. Each failure names the setting and the fix.
 */
export async function checkWritableColumns(db: Database, config: CheckedConfig): Promise<void> {
  const states = config.states
  const longestState = Math.max(
    1,
    ...(states
      ? [...states.pending, states.inProgress, states.synced, states.failed, states.archived, states.removed ?? '']
          .filter(s => typeof s === 'string')
          .map(s => s.length)
      : [])
  )
  for (const which of ['orders', 'lines'] as const) {
    const t = config[which]
    const columns = await readColumns(db, t.table)
    const at = `source.${which}`
    const check = (setting: string, column: string, why: (c: ColumnFacts) => string | null, fix: string): void => {
      const facts = columns.get(column.toLowerCase())
      const problem = facts && why(facts)
      if (problem) {
        throw new ConfigError(
          `${at}.${setting}: column ${column} of ${t.table} cannot hold what sync writes: ${problem}. ` +
            `Fix: ALTER TABLE ${db.quote(t.table)} ALTER COLUMN ${db.quote(column)} ${fix}${facts.nullable ? ' NULL' : ' NOT NULL'}`,
          `${at}.${setting}`
        )
      }
    }
    check('item_id_column', t.itemIdColumn, c => idProblem(db, c), 'BIGINT')
    check(
      'error_column',
      t.errorColumn,
      c => textProblem(db, c, ERROR_COLUMN_LENGTH),
      `NVARCHAR(${ERROR_COLUMN_LENGTH})`
    )
    check('state_column', t.stateColumn, c => textProblem(db, c, longestState), textFix(columns, t, longestState))
  }
}

const idProblem = (db: Database, c: ColumnFacts): string | null => {
  const why = cannotHoldId(db, c)
  return why && `${why}, and monday item ids exceed 2^31 (2,147,483,647)`
}

const textProblem = (db: Database, c: ColumnFacts, length: number): string | null => {
  const why = cannotHoldText(db, c, length)
  return why && `${why}, and sync writes up to ${length}`
}

/** The state column's fix keeps its kind of text (VARCHAR stays VARCHAR, so its indexes and keys keep seeking). */
function textFix(columns: Map<string, ColumnFacts>, t: SourceTable, length: number): string {
  const type = columns.get(t.stateColumn.toLowerCase())?.type
  return `${type === 'varchar' || type === 'char' ? 'VARCHAR' : 'NVARCHAR'}(${Math.max(16, length)})`
}
