import { chooseDatabaseUrl } from '../config/database.js'
import { loadSyncConfig } from '../config/load.js'
import type { ItemMode } from '../config/schema.js'
import { ConfigError } from '../errors.js'
import { addSecret } from '../redaction.js'
import { DEFAULT_DATABASE_URL, type JobEnv } from './output.js'
import type { SyncJobSettings } from './sync.js'

/** What the caller chose for a sync run (the CLI's flags, the action's inputs). */
export interface SyncRequest {
  /** The pipeline configuration file (TOML). */
  config: string
  /** Environment section of the file; default MONDAY_SYNC_ENV, then the file's default. */
  environment?: string
  itemMode?: ItemMode
  dryRun: boolean
  runDir: string
}

/**
 * The settings of a sync job: the request, the configuration file, and the environment's token,
 * API URL, database URL and time scale. Throws ConfigError naming what is missing or wrong.
 */
export function syncJobSettings(request: SyncRequest, env: JobEnv): SyncJobSettings {
  const token = env.MONDAY_API_TOKEN
  if (!token) throw new ConfigError('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN')
  addSecret(token)
  const config = loadSyncConfig(request.config, { environment: request.environment, env })
  const timeScale = timeScaleOf(env)
  return {
    config,
    token,
    apiUrl: env.MONDAY_API_URL || undefined,
    databaseUrl: chooseDatabaseUrl({
      env,
      file: { url: config.databaseUrl, password: config.databasePassword, at: `environments.${config.environment}` },
      fallback: DEFAULT_DATABASE_URL
    }),
    runDir: request.runDir,
    ...(request.itemMode ? { itemMode: request.itemMode } : {}),
    dryRun: request.dryRun,
    ...(timeScale ? { timeScale } : {})
  }
}

/** MONDAY_SYNC_TIME_SCALE (emulator runs): a positive number, or undefined when unset. */
export function timeScaleOf(env: JobEnv): number | undefined {
  const scale = env.MONDAY_SYNC_TIME_SCALE
  if (scale === undefined || scale === '') return undefined
  if (!(Number(scale) > 0)) {
    throw new ConfigError(`MONDAY_SYNC_TIME_SCALE must be a positive number; got "${scale}"`, 'MONDAY_SYNC_TIME_SCALE')
  }
  return Number(scale)
}
