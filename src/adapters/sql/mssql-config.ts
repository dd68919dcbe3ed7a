import type sql from 'mssql'
import { ConfigError } from '../../errors.js'
import { parseSqlServerUrl } from './database-url.js'

/** Statement timeout (milliseconds) unless `?requestTimeout=` says otherwise; 0 means none. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000
/** Login timeout (milliseconds) unless `?connectTimeout=` says otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000
/** Pool size unless `?poolMax=` or the caller (the pipeline's concurrency) says otherwise. */
export const DEFAULT_POOL_MAX = 10

/** The query options a SQL Server URL may carry (names case-insensitive). */
export const URL_OPTIONS = [
  'encrypt',
  'trustServerCertificate',
  'instanceName',
  'requestTimeout',
  'connectTimeout',
  'poolMax',
  'applicationName'
] as const

/** Options of parseMssqlUrl. */
export interface MssqlUrlOptions {
  /** Pool size when the URL has no `?poolMax=` (the pipeline's concurrency plus its own reads). */
  poolMax?: number
}

/**
 * Parses `mssql://user:password@host:port/database?encrypt=true` (or `host\instance`, or
 * `?instanceName=`) into the driver's configuration. Every error is a ConfigError naming
 * `setting`; none shows the password.
 */
export function parseMssqlUrl(url: string, setting = 'database-url', given: MssqlUrlOptions = {}): sql.config {
  const parts = parseSqlServerUrl(url, setting)
  const known = new Map(URL_OPTIONS.map(name => [name.toLowerCase(), name]))
  for (const name of parts.options.keys()) {
    if (!known.has(name)) {
      throw new ConfigError(`${setting}: unknown option ?${name}= (known: ${URL_OPTIONS.join(', ')})`, setting)
    }
  }
  const option = (name: (typeof URL_OPTIONS)[number]): string | undefined => parts.options.get(name.toLowerCase())
  const flag = (name: (typeof URL_OPTIONS)[number], fallback: boolean): boolean => {
    const raw = option(name)
    if (raw === undefined) return fallback
    if (!/^(true|false|yes|no|1|0)$/i.test(raw)) {
      throw new ConfigError(`${setting}: ?${name}= must be true or false, got "${raw}"`, setting)
    }
    return /^(true|yes|1)$/i.test(raw)
  }
  const count = (name: (typeof URL_OPTIONS)[number], fallback: number, min: number): number => {
    const raw = option(name)
    if (raw === undefined || raw === '') return fallback
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      throw new ConfigError(`${setting}: ?${name}= must be a whole number of at least ${min}, got "${raw}"`, setting)
    }
    return Number(raw)
  }
  // `host\instance` or ?instanceName=: the SQL Browser (UDP 1434) finds the port, so none is given
  const [server = '', inHost] = parts.host.replace(/^\[|\]$/g, '').split('\\')
  const instanceName = option('instanceName') || inHost || undefined
  if (instanceName && parts.port) {
    throw new ConfigError(`${setting}: give a port or a named instance (host\\instance), not both`, setting)
  }
  const encrypt = option('encrypt')
  const poolMax = count('poolMax', given.poolMax ?? DEFAULT_POOL_MAX, 1)
  return {
    server,
    ...(instanceName ? {} : { port: parts.port ?? 1433 }),
    database: parts.database,
    user: parts.user,
    password: parts.password,
    requestTimeout: count('requestTimeout', DEFAULT_REQUEST_TIMEOUT_MS, 0),
    connectionTimeout: count('connectTimeout', DEFAULT_CONNECT_TIMEOUT_MS, 1),
    pool: { max: poolMax, min: 0 },
    options: {
      // strict: TDS 8, the TLS handshake before any TDS traffic (SQL Server 2022, Azure SQL)
      encrypt: encrypt?.toLowerCase() === 'strict' ? 'strict' : flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
      ...(instanceName ? { instanceName } : {}),
      appName: option('applicationName') || 'monday-sync',
      useUTC: true
    }
  }
}
