import type { CliIo } from '../cli/io.js'
import { executeLoadBoard } from '../cli/commands/load-board.js'
import type { PipelineHooks, PipelineReport } from '../engine/run-types.js'
import { NotImplementedError } from '../errors.js'
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

/** The options of `executeSync` that the action sets (its module may add more). */
interface SyncSeamOptions {
  configPath?: string
  environment?: string
  itemMode?: string
  dryRun: boolean
  boardId?: string
  batchSize?: number
  concurrency?: number
  checkpointEvery?: number
  databaseUrl?: string
  token: string
  apiUrl?: string
  runDir: string
  resumeFrom?: string
  hooks?: Partial<PipelineHooks>
}
type ExecuteSync = (options: SyncSeamOptions, io: CliIo) => Promise<PipelineReport>

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
      pipelineEnv(inputs, io.env)
    )
    return await executeLoadBoard(
      {
        ...settings,
        resumeFrom: options.resumeFile,
        ...(inputs.checkpointEvery ? { checkpointEveryBatches: inputs.checkpointEvery } : {}),
        hooks: options.hooks
      },
      { ...io, env: pipelineEnv(inputs, io.env) }
    )
  }
  // Through a module namespace so the action builds before executeSync lands in sync.ts.
  const syncModule = (await import('../cli/commands/sync.js')) as { executeSync?: ExecuteSync }
  if (typeof syncModule.executeSync !== 'function') {
    throw new NotImplementedError('The sync pipeline is not available in this build')
  }
  return await syncModule.executeSync(
    {
      configPath: inputs.configPath,
      environment: inputs.environment,
      itemMode: inputs.itemMode,
      dryRun: inputs.dryRun,
      boardId: inputs.boardIds[0],
      batchSize: inputs.batchSize,
      concurrency: inputs.concurrency,
      checkpointEvery: inputs.checkpointEvery,
      databaseUrl: inputs.databaseUrl,
      token: inputs.mondayToken,
      apiUrl: inputs.mondayApiUrl,
      runDir: options.runDir,
      resumeFrom: options.resumeFile,
      hooks: options.hooks
    },
    { ...io, env: pipelineEnv(inputs, io.env) }
  )
}
