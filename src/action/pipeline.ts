import type { CliIo } from '../cli/io.js'
import { executeLoadBoard } from '../cli/commands/load-board.js'
import { type ExecuteSyncOptions, executeSync, syncSettings } from '../cli/commands/sync.js'
import type { PipelineHooks, PipelineReport } from '../engine/run-types.js'
import { ConfigError } from '../errors.js'
import { loadBoardSettings } from '../pipelines/load-board/settings.js'
import type { ActionInputs } from './inputs.js'

/** What the seam between the action and a pipeline needs. */
export interface PipelineRunOptions {
  inputs: ActionInputs
  /** The run folder (task-graph.json, checkpoint.json, report.json). */
  runDir: string
  /** A downloaded checkpoint file to resume from. */
  resumeFile?: string
  hooks: Partial<PipelineHooks>
  io: CliIo
}

/** The environment a pipeline's settings read: the token and URLs come from the inputs. */
function pipelineEnv(inputs: ActionInputs, env: CliIo['env']): Record<string, string | undefined> {
  return {
    ...env,
    MONDAY_API_TOKEN: inputs.mondayToken,
    MONDAY_API_URL: inputs.mondayApiUrl,
    DATABASE_URL: inputs.databaseUrl
  }
}

/** Runs the pipeline the inputs ask for and returns its report. */
export async function runPipeline(options: PipelineRunOptions): Promise<PipelineReport> {
  const { inputs, io } = options
  const env = pipelineEnv(inputs, io.env)
  if (inputs.command === 'load-board') {
    const settings = await loadBoardSettings(
      {
        command: 'load-board',
        boards: inputs.boardIds,
        dryRun: inputs.dryRun,
        config: inputs.configPath,
        environment: inputs.environment,
        batchSize: inputs.batchSize,
        concurrency: inputs.concurrency,
        runDir: options.runDir
      },
      env
    )
    return await executeLoadBoard(
      {
        ...settings,
        resumeFrom: options.resumeFile,
        ...(inputs.checkpointEvery ? { checkpointEveryBatches: inputs.checkpointEvery } : {}),
        hooks: options.hooks
      },
      { ...io, env }
    )
  }
  return await executeSync(syncOptions(options, env), { ...io, env })
}

/** Sync's options: the configuration file's, with the inputs that override it. */
function syncOptions(options: PipelineRunOptions, env: Record<string, string | undefined>): ExecuteSyncOptions {
  const { inputs } = options
  if (!inputs.configPath) throw new ConfigError('Input "config" is required for sync', 'config')
  const settings = syncSettings(
    {
      command: 'sync',
      boards: [],
      config: inputs.configPath,
      environment: inputs.environment,
      itemMode: inputs.itemMode,
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
  return {
    ...settings,
    config: { ...config, boardId: inputs.boardIds[0] ?? config.boardId, batch },
    hooks: options.hooks
  }
}
