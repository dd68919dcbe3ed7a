import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DATABASE_URL_VARIABLE, chooseDatabaseUrl, resolveDatabaseUrl } from '../config/database.js'
import { resolveRefs } from '../config/refs.js'
import { ConfigError } from '../errors.js'
import { addSecret } from '../redaction.js'
import { boardTargets } from '../pipelines/load-board/board-target.js'
import { type LoadBoardFileSettings, readLoadBoardConfig } from '../pipelines/load-board/config-section.js'
import type { LoadBoardJobSettings } from './load-board.js'
import { DEFAULT_DATABASE_URL, type JobEnv } from './output.js'
import { timeScaleOf } from './sync-settings.js'

/** What the caller chose for a load-board run (the CLI's flags, the action's inputs). */
export interface LoadBoardRequest {
  boards: string[]
  /** A pipeline configuration file with a `[load_board]` section and/or a `[[boards]]` registry. */
  config?: string
  /** Environment section of the file; default MONDAY_SYNC_ENV. */
  environment?: string
  /** The run folder; by default the unfinished one for the same boards, else a new one. */
  runDir?: string
  /** A checkpoint file or run folder to resume from. */
  resumeFrom?: string
  batchSize?: number
  concurrency?: number
}

/**
 * The run folder: `--run-dir`, else the newest `.runs/*` whose load-board checkpoint for the same
 * boards is unfinished (so a plain re-run resumes), else a new `.runs/<timestamp>`.
 */
export function chooseRunDir(
  args: Pick<LoadBoardRequest, 'runDir' | 'boards'>,
  root = '.runs',
  now = new Date()
): string {
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

/** Resolves the request, the configuration file and the environment into the settings of a load-board job. */
export async function loadBoardSettings(args: LoadBoardRequest, env: JobEnv): Promise<LoadBoardJobSettings> {
  const token = env.MONDAY_API_TOKEN
  if (!token) throw new ConfigError('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN')
  const environment = args.environment ?? env.MONDAY_SYNC_ENV
  const file: LoadBoardFileSettings = args.config ? readLoadBoardConfig(args.config, environment, env) : { boards: [] }
  const targets = boardTargets(args, file)
  addSecret(token)
  const { databaseUrl, databasePassword, apiVersion, plan, includeSubitems, pageSize, batchSize, concurrency } = file
  const fromFile = { apiVersion, plan, includeSubitems, pageSize, batchSize, concurrency }
  const at = `environments.${environment ?? ''}`
  const options: LoadBoardJobSettings = {
    ...Object.fromEntries(Object.entries(fromFile).filter(([, v]) => v !== undefined)),
    boardIds: targets.map(t => t.boardId),
    targets,
    databaseUrl: chooseDatabaseUrl({
      env,
      file: {
        url:
          databaseUrl && !env[DATABASE_URL_VARIABLE]
            ? resolveDatabaseUrl(databaseUrl, `${at}.database_url`, env)
            : undefined,
        password: databasePassword && resolveRefs(databasePassword, `${at}.database_password`, env),
        at
      },
      fallback: DEFAULT_DATABASE_URL
    }),
    token,
    apiUrl: env.MONDAY_API_URL || undefined,
    runDir: chooseRunDir(args),
    resumeFrom: args.resumeFrom
  }
  const timeScale = timeScaleOf(env)
  if (timeScale) options.timeScale = timeScale
  if (args.batchSize !== undefined) options.batchSize = args.batchSize
  if (args.concurrency !== undefined) options.concurrency = args.concurrency
  return options
}
