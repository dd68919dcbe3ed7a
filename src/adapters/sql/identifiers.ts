import { ConfigError } from '../../errors.js'

/**
 * Identifiers from configuration are checked against this pattern before they are quoted, so
 * nothing but a plain name (optionally schema-qualified) can reach a statement.
 */
const PART = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

/** Throws a ConfigError naming `setting` unless `name` is `part` or `schema.part`. */
export function checkIdentifier(name: string, setting: string): string {
  const parts = name.split('.')
  if (parts.length > 2 || !parts.every(part => PART.test(part))) {
    throw new ConfigError(
      `${setting}: "${name}" is not a valid SQL identifier (letters, digits and _, optionally schema.name)`,
      setting
    )
  }
  return name
}

/** Quotes a checked identifier: "a"."b" for SQLite, [a].[b] for SQL Server. */
export function quoteIdentifier(name: string, dialect: 'sqlite' | 'mssql'): string {
  checkIdentifier(name, 'identifier')
  return name
    .split('.')
    .map(part => (dialect === 'mssql' ? `[${part}]` : `"${part}"`))
    .join('.')
}
