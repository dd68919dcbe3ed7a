import type { PipelineHooks, PipelineReport } from '../engine/run-types.js'
import { ConfigError } from '../errors.js'
import { type LoadBoardJobSettings, runLoadBoardJob } from '../jobs/load-board.js'
import { loadBoardSettings } from '../jobs/load-board-settings.js'
import type { JobEnv, JobOutput } from '../jobs/output.js'
import { type SyncJobSettings, runSyncJob } from '../jobs/sync.js'
import { syncJobSettings } from '../jobs/sync-settings.js'
import type { ActionInputs } from './inputs.js'

/** What the seam between the action and a job needs. */
export interface PipelineRunOptions {
  inputs: ActionInputs
  /** The run folder (task-graph.json, checkpoint.json, report.json). */
  runDir: string
  /** A downloaded checkpoint file to resume from. */
  resumeFile?: string
  hooks: Partial<PipelineHooks>
  /** The job's own lines (the action sends them to the debug log). */
  output: JobOutput
  env: JobEnv
}

/** The environment a job's settings read: the token and URLs come from the inputs. */
function pipelineEnv(inputs: ActionInputs, env: JobEnv): JobEnv {
  return {
    ...env,
    MONDAY_API_TOKEN: inputs.mondayToken,
    MONDAY_API_URL: inputs.mondayApiUrl,
    DATABASE_URL: inputs.databaseUrl,
    DATABASE_PASSWORD: inputs.databasePassword
  }
}

/** Runs the job the inputs ask for and returns its report. */
export async function runPipeline(options: PipelineRunOptions): Promise<PipelineReport> {
  const env = pipelineEnv(options.inputs, options.env)
  const deps = { output: options.output, hooks: options.hooks }
  if (options.inputs.command === 'load-board') {
    return await runLoadBoardJob(await loadBoardJobSettings(options, env), deps)
  }
  return await runSyncJob(syncSettings(options, env), deps)
}

/** load-board's settings: the inputs, the configuration file's `[load_board]` section, the resume file. */
async function loadBoardJobSettings(options: PipelineRunOptions, env: JobEnv): Promise<LoadBoardJobSettings> {
  const { inputs } = options
  const settings = await loadBoardSettings(
    {
      boards: inputs.boardIds,
      config: inputs.configPath,
      environment: inputs.environment,
      batchSize: inputs.batchSize,
      concurrency: inputs.concurrency,
      runDir: options.runDir
    },
    env
  )
  return {
    ...settings,
    resumeFrom: options.resumeFile,
    ...(inputs.checkpointEvery ? { checkpointEveryBatches: inputs.checkpointEvery } : {})
  }
}

/** Sync's settings: the configuration file's, with the inputs that override it. */
function syncSettings(options: PipelineRunOptions, env: JobEnv): SyncJobSettings {
  const { inputs } = options
  if (!inputs.configPath) throw new ConfigError('Input "config" is required for sync', 'config')
  const settings = syncJobSettings(
    {
      config: inputs.configPath,
      environment: inputs.environment,
      ...(inputs.itemMode ? { itemMode: inputs.itemMode } : {}),
      dryRun: inputs.dryRun,
      runDir: options.runDir
    },
    env
  )
  const { config } = settings
  const batch = {
    ...config.batch,
    ...(inputs.batchSize
      ? { maxBatchSize: inputs.batchSize, minBatchSize: Math.min(config.batch.minBatchSize, inputs.batchSize) }
      : {}),
    ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}),
    ...(inputs.checkpointEvery ? { checkpointEveryBatches: inputs.checkpointEvery } : {})
  }
  // The database stays sync's source of truth: a re-run picks up what is not SYNCED, so no resume file.
  return { ...settings, config: { ...config, boardId: inputs.boardIds[0] ?? config.boardId, batch } }
}
