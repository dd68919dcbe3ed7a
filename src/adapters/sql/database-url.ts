import { ConfigError } from '../../errors.js'
import { MASK, addSecret, redact } from '../../redaction.js'

/**
 * Database URLs, parsed structurally rather than by `new URL`: SQL Server passwords often hold
 * `/ # ? @ : %`, and Azure SQL logins are `user@server`, all of which break a URL parser or a
 * pattern. The user name ends at the first `:` of the user info, the user info at the last `@`.
 */
export const SQLSERVER_SCHEMES = ['mssql://', 'sqlserver://'] as const

/** The parts of a SQL Server URL, values decoded. */
export interface SqlServerUrlParts {
  scheme: string
  user?: string
  password?: string
  /** host, `[v6 address]`, or `host\instance` (a named instance). */
  host: string
  port?: number
  database?: string
  /** Query options by lower-case name. */
  options: Map<string, string>
}

export const isSqlServerUrl = (url: string): boolean => SQLSERVER_SCHEMES.some(s => url.startsWith(s))

/** Splits `scheme://userinfo@rest` at the last `@`; no `@` means no user info. */
function splitUserinfo(url: string): { scheme: string; userinfo?: string; rest: string } {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? ''
  const body = url.slice(scheme.length)
  const at = body.lastIndexOf('@')
  if (at < 0) return { scheme, rest: body }
  return { scheme, userinfo: body.slice(0, at), rest: body.slice(at + 1) }
}

/** Percent-decoding that fails with a ConfigError naming the part (never showing its value). */
function decodePart(value: string, part: string, setting: string): string {
  try {
    return decodeURIComponent(value)
  } catch (e) {
    throw new ConfigError(
      `${setting}: the ${part} in the SQL Server URL has a % that is not followed by two hex digits; ` +
        'write % as %25, or give the password in database_password (DATABASE_PASSWORD, input database-password)',
      setting,
      { cause: e }
    )
  }
}

const REST = /^(\[[^\]]+\]|[^:/?#[\]]+)(?::(\d{1,5}))?(?:\/([^?#]*))?(?:\?([^#]*))?$/

/** Parses `mssql://user:password@host[:port|\instance]/database?options` into its parts. */
export function parseSqlServerUrl(url: string, setting: string): SqlServerUrlParts {
  const { scheme, userinfo, rest } = splitUserinfo(url)
  if (!isSqlServerUrl(url))
    throw new ConfigError(`${setting}: a SQL Server URL starts mssql:// or sqlserver://`, setting)
  let user: string | undefined
  let password: string | undefined
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':')
    user = decodePart(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user name', setting) || undefined
    password = colon < 0 ? undefined : decodePart(userinfo.slice(colon + 1), 'password', setting)
    addSecret(password)
  }
  const match = REST.exec(rest)
  if (!match) {
    throw new ConfigError(
      `${setting}: not a valid SQL Server URL: "${redactUrl(url)}" ` +
        '(mssql://user:password@host:port/database?encrypt=true, or host\\instance for a named instance)',
      setting
    )
  }
  const [, host = '', port, path, query] = match
  const options = new Map<string, string>()
  for (const pair of (query ?? '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=')
    const name = decodePart(eq < 0 ? pair : pair.slice(0, eq), 'option name', setting).toLowerCase()
    options.set(name, decodePart(eq < 0 ? '' : pair.slice(eq + 1), `option ${name}`, setting))
  }
  return {
    scheme,
    user,
    password,
    host: decodePart(host, 'host', setting),
    ...(port ? { port: Number(port) } : {}),
    database: path ? decodePart(path, 'database name', setting) || undefined : undefined,
    options
  }
}

/**
 * The URL with its password masked, structurally (so `user@server` logins and passwords with
 * `@ : / #` are masked whole), then by value (every registered secret), for logs and messages.
 */
export function redactUrl(url: string): string {
  let text = url
  const { scheme, userinfo, rest } = splitUserinfo(url)
  if (scheme && userinfo !== undefined) {
    const colon = userinfo.indexOf(':')
    text = colon < 0 ? url : `${scheme}${userinfo.slice(0, colon)}:${MASK}@${rest}`
  }
  return redact(text.replace(/(password|pwd)=([^;&]*)/gi, `$1=${MASK}`))
}

/** The password a database URL holds (decoded), for masking; undefined when it holds none. */
export function passwordOfUrl(url: string): string | undefined {
  const { scheme, userinfo } = splitUserinfo(url)
  if (scheme) {
    const colon = userinfo?.indexOf(':') ?? -1
    if (userinfo === undefined || colon < 0) return undefined
    const raw = userinfo.slice(colon + 1)
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return /(?:password|pwd)=([^;&]*)/i.exec(url)?.[1]
}

/**
 * Puts a password given on its own (database_password, DATABASE_PASSWORD, input
 * database-password) into a SQL Server URL, percent-encoded. A URL that holds a password already
 * is refused (which one would win is a guess); a SQLite URL needs none and is returned as is.
 */
export function withPassword(url: string, password: string | undefined, settings: string): string {
  if (!password || !isSqlServerUrl(url)) return url
  addSecret(password)
  const { scheme, userinfo, rest } = splitUserinfo(url)
  if (userinfo === undefined || userinfo.startsWith(':') || userinfo === '') {
    throw new ConfigError(
      `${settings}: the SQL Server URL names no user for the password (mssql://USER@host/database)`,
      settings
    )
  }
  if (userinfo.includes(':')) {
    throw new ConfigError(
      `${settings}: the password is given twice, in the URL and on its own; remove it from the URL`,
      settings
    )
  }
  return `${scheme}${userinfo}:${encodeURIComponent(password)}@${rest}`
}

/**
 * Whether a `${NAME}` reference at `offset` of a database URL template is substituted
 * percent-encoded: inside a SQL Server URL after its scheme (a password with `@ / # ? %` then
 * survives), but not a whole URL from one variable, nor a SQLite path.
 */
export function encodesRefAt(template: string, offset: number): boolean {
  return isSqlServerUrl(template) && offset >= template.indexOf('://') + 3
}
