import { encodesRefAt, passwordOfUrl, withPassword } from '../adapters/sql/database-url.js'
import { addSecret } from '../redaction.js'
import { resolveRefs } from './refs.js'

/** The variable that overrides every configured database URL (CLI), as the input `database-url` does. */
export const DATABASE_URL_VARIABLE = 'DATABASE_URL'
/** The variable holding the database password on its own, as the input `database-password` does. */
export const DATABASE_PASSWORD_VARIABLE = 'DATABASE_PASSWORD'

/**
 * Resolves `${NAME}` references of a `database_url`: inside a SQL Server URL each value is
 * percent-encoded, so a password with `@ / # ? % :` reaches the server as it is.
 */
export function resolveDatabaseUrl(template: string, key: string, env: Record<string, string | undefined>): string {
  return resolveRefs(template, key, env, (value, offset) =>
    encodesRefAt(template, offset) ? encodeURIComponent(value) : value
  )
}

/** Options of chooseDatabaseUrl. */
export interface ChooseDatabaseUrlOptions {
  env: Record<string, string | undefined>
  /** The configuration's URL, references resolved (resolveDatabaseUrl), and the key it came from. */
  file?: { url?: string; password?: string; at: string }
  /** The URL when neither the environment nor the file gives one. */
  fallback: string
}

/**
 * The database URL of a run: DATABASE_URL, else the configuration's `database_url`, else the
 * fallback; with DATABASE_PASSWORD (or, for the configuration's URL, its `database_password`)
 * put in percent-encoded. Every password met is registered as a secret.
 */
export function chooseDatabaseUrl(options: ChooseDatabaseUrlOptions): string {
  const { env, file } = options
  const fromEnv = env[DATABASE_URL_VARIABLE] || undefined
  const url = fromEnv ?? file?.url ?? options.fallback
  const password = env[DATABASE_PASSWORD_VARIABLE] || (fromEnv ? undefined : file?.password)
  const urlSetting = fromEnv ? DATABASE_URL_VARIABLE : file?.url ? `${file.at}.database_url` : 'the default URL'
  const passwordSetting = env[DATABASE_PASSWORD_VARIABLE]
    ? DATABASE_PASSWORD_VARIABLE
    : `${file?.at ?? 'environment'}.database_password`
  addSecret(passwordOfUrl(url))
  return withPassword(url, password, `${urlSetting} with ${passwordSetting}`)
}
