import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CliArgs } from '../../cli/args.js'
import type { ExecuteLoadBoardOptions } from '../../cli/commands/load-board.js'
import { ConfigError } from '../../errors.js'
import { readLoadBoardConfig } from './config-section.js'

/** Default embedded database of local runs. */
export const DEFAULT_DATABASE_URL = 'sqlite:./monday-sync.db'

/**
 * The run folder: `--run-dir`, else the newest `.runs/*` whose load-board checkpoint for the same
 * boards is unfinished (so a plain re-run resumes), else a new `.runs/<timestamp>`.
 */
export function chooseRunDir(args: Pick<CliArgs, 'runDir' | 'boards'>, root = '.runs', now = new Date()): string {
  if (args.runDir) return args.runDir
  const wanted = [...new Set(args.boards)].sort().join(',')
  const folders = existsSync(root) ? readdirSync(root).sort().reverse() : []
  for (const folder of folders) {
    const file = join(root, folder, 'checkpoint.json')
    if (!existsSync(file)) continue
    try {
      const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as {
        pipeline?: string
        state?: { boards?: { boardId: string; swapped: boolean }[] }
      }
      const boards = checkpoint.state?.boards ?? []
      const same =
        boards
          .map(b => b.boardId)
          .sort()
          .join(',') === wanted
      if (checkpoint.pipeline === 'load-board' && same && boards.some(b => !b.swapped)) return join(root, folder)
    } catch {
      continue
    }
  }
  return join(root, now.toISOString().replace(/[:.]/g, '-'))
}

/** Resolves flags, configuration and environment into the options of executeLoadBoard. */
export async function loadBoardSettings(
  args: CliArgs,
  env: Record<string, string | undefined>
): Promise<ExecuteLoadBoardOptions> {
  const token = env.MONDAY_API_TOKEN
  if (!token) throw new ConfigError('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN')
  if (args.boards.length === 0) throw new ConfigError('load-board: give at least one --board ID', '--board')
  const environment = args.environment ?? env.MONDAY_SYNC_ENV
  const file = args.config ? readLoadBoardConfig(args.config, environment) : {}
  const { databaseUrl, ...fromFile } = file
  const options: ExecuteLoadBoardOptions = {
    ...Object.fromEntries(Object.entries(fromFile).filter(([, v]) => v !== undefined)),
    boardIds: args.boards,
    databaseUrl: env.DATABASE_URL || databaseUrl || DEFAULT_DATABASE_URL,
    token,
    apiUrl: env.MONDAY_API_URL || undefined,
    runDir: chooseRunDir(args),
    resumeFrom: args.resumeFrom
  }
  const scale = env.MONDAY_SYNC_TIME_SCALE
  if (scale !== undefined && scale !== '') {
    if (!(Number(scale) > 0)) {
      throw new ConfigError(
        `MONDAY_SYNC_TIME_SCALE must be a positive number; got "${scale}"`,
        'MONDAY_SYNC_TIME_SCALE'
      )
    }
    options.timeScale = Number(scale)
  }
  if (args.batchSize !== undefined) options.batchSize = args.batchSize
  if (args.concurrency !== undefined) options.concurrency = args.concurrency
  return options
}
