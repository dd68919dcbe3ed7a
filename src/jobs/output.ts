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
