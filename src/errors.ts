/**
 * Named errors of monday-sync. Each sets `name`, wraps its cause and has a type guard.
 * Messages name the setting, row or column at fault and never contain secrets.
 */

/** A setting (action input, CLI flag, configuration key) is missing or has a bad value. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(
    message: string,
    /** The input, flag or key at fault, for example `environments.production.board_id`. */
    readonly setting?: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}
export const isConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError

/** A source row cannot be sent as it is; the row stays in the database with this reason. */
export class RowValidationError extends Error {
  override name = 'RowValidationError'
  constructor(
    message: string,
    readonly rowKey: string,
    readonly column?: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}
export const isRowValidationError = (e: unknown): e is RowValidationError => e instanceof RowValidationError

/** The database refused or lost a statement. */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }
}
export const isDatabaseError = (e: unknown): e is DatabaseError => e instanceof DatabaseError

/** A feature that has not landed yet. The CLI exits non-zero with this message. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError'
}

/** The message of anything thrown, without assuming it is an Error. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
