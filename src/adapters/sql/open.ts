import { ConfigError } from '../../errors.js'
import type { Database } from './database.js'
import { redactUrl } from './database-url.js'
import type { SqlRetryOptions } from './sql-retry.js'

export { redactUrl }

/** Options of openDatabase. */
export interface OpenDatabaseOptions {
  /** SQL Server pool size when the URL has no `?poolMax=`: the pipeline's concurrency plus its reads. */
  poolMax?: number
  /** SQL Server: retries of deadlocks, Azure's transient errors and a full pool (default 5 tries). */
  retry?: SqlRetryOptions
}

/**
 * Opens a database from a URL: `sqlite:<path>` (or `sqlite::memory:`) for the embedded default,
 * `mssql://user:password@host:port/database?encrypt=true` for SQL Server.
 */
export async function openDatabase(
  url: string,
  setting = 'database-url',
  options: OpenDatabaseOptions = {}
): Promise<Database> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '')
    if (!path) throw new ConfigError(`${setting}: sqlite URL has no path (use sqlite:./data.db)`, setting)
    // Drivers load when a database is opened, so the CLI's --help runs on a Node without node:sqlite.
    const { SqliteDatabase } = await import('./sqlite-database.js')
    return SqliteDatabase.open(path)
  }
  if (url.startsWith('mssql://') || url.startsWith('sqlserver://')) {
    const { MssqlDatabase } = await import('./mssql-database.js')
    return MssqlDatabase.connect(url, setting, options)
  }
  throw new ConfigError(`${setting}: expected a URL starting sqlite: or mssql://, got "${redactUrl(url)}"`, setting)
}
