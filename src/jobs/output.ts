import type { SqlRetryEvent } from '../adapters/sql/sql-retry.js'

/** Where a job writes its progress lines and warnings: the CLI's streams, the action's debug log. */
export interface JobOutput {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/** Writes nothing (benchmarks, tests that only look at the report). */
export const silentOutput: JobOutput = { stdout: () => undefined, stderr: () => undefined }

/** The environment a job's settings are read from (flags and inputs override it). */
export type JobEnv = Record<string, string | undefined>

/** Default embedded database of local runs. */
export const DEFAULT_DATABASE_URL = 'sqlite:./monday-sync.db'

/** Tells the output about a SQL Server retry (deadlock, Azure transient error, full pool). */
export const sqlRetryWarning =
  (output: JobOutput) =>
  (event: SqlRetryEvent): void =>
    output.stderr(
      `warning: SQL Server ${event.error.reason}` +
        `${event.error.number ? ` (error ${event.error.number})` : ''}: try ${event.attempt + 1} in ` +
        `${(event.delayMs / 1000).toFixed(1)} s\n`
    )
