import type { Database } from '../../adapters/sql/database.js'
import type { SyncConfig } from '../../config/types.js'
import { ConfigError, messageOf } from '../../errors.js'

type CheckedConfig = Pick<SyncConfig, 'orders' | 'lines' | 'items' | 'subitems'>

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
