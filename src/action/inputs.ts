import * as core from '@actions/core'
import { passwordOfUrl } from '../adapters/sql/database-url.js'
import { ConfigError } from '../errors.js'
import { addSecret, secretForms } from '../redaction.js'

/** Input names as action.yml declares them; tests use the same constants. */
export const INPUTS = {
  command: 'command',
  itemMode: 'item-mode',
  config: 'config',
  environment: 'environment',
  boardId: 'board-id',
  batchSize: 'batch-size',
  concurrency: 'concurrency',
  dryRun: 'dry-run',
  resumeFrom: 'resume-from',
  checkpointEvery: 'checkpoint-every',
  checkpointRetentionDays: 'checkpoint-retention-days',
  resumeMaxAgeHours: 'resume-max-age-hours',
  artifactScope: 'artifact-scope',
  mondayToken: 'monday-token',
  mondayApiUrl: 'monday-api-url',
  databaseUrl: 'database-url',
  databasePassword: 'database-password',
  githubToken: 'github-token'
} as const

/** Days GitHub keeps a checkpoint artifact unless `checkpoint-retention-days` says otherwise. */
export const DEFAULT_CHECKPOINT_RETENTION_DAYS = 3
/** Hours within which `resume-from: auto` may resume another (failed) run's checkpoint. */
export const DEFAULT_RESUME_MAX_AGE_HOURS = 12

export const COMMANDS = ['sync', 'load-board'] as const
export const ITEM_MODES = ['single', 'batch', 'asyncBatch'] as const
export type Command = (typeof COMMANDS)[number]
export type ItemMode = (typeof ITEM_MODES)[number]

/** Everything the action was asked to do, typed and checked. */
export interface ActionInputs {
  command: Command
  itemMode?: ItemMode
  configPath?: string
  environment?: string
  boardIds: string[]
  batchSize?: number
  concurrency?: number
  dryRun: boolean
  /** `auto` (earlier attempts of this run, then the last failed run), `none`, or a run id. */
  resumeFrom: string
  checkpointEvery?: number
  /** Days GitHub keeps checkpoint artifacts; default 3. */
  checkpointRetentionDays: number
  /** `resume-from: auto` resumes another run's checkpoint only when that run is at most this many hours older; default 12. */
  resumeMaxAgeHours: number
  /** Names this step's work in its artifact names (default: its boards, else its configuration file). */
  artifactScope?: string
  mondayToken: string
  mondayApiUrl?: string
  databaseUrl?: string
  /** The database password on its own, put into a SQL Server URL that has none (a secret). */
  databasePassword?: string
  githubToken?: string
}

type Getter = (name: string) => string

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ConfigError(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`, name)
}

function positiveInt(name: string, value: string): number | undefined {
  if (value === '') return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new ConfigError(`Input "${name}" must be a whole number of at least 1; got "${value}"`, name)
  }
  return Number(value)
}

function bool(name: string, value: string): boolean {
  if (['', 'false', 'False', 'FALSE'].includes(value)) return false
  if (['true', 'True', 'TRUE'].includes(value)) return true
  throw new ConfigError(`Input "${name}" must be true or false; got "${value}"`, name)
}

const optional = (value: string): string | undefined => (value === '' ? undefined : value)

/** Parses inputs from `get` (by default `core.getInput`); throws ConfigError naming the input. */
export function parseInputs(get: Getter = name => core.getInput(name)): ActionInputs {
  const mondayToken = get(INPUTS.mondayToken)
  maskSecret(mondayToken)
  maskDatabaseUrl(get(INPUTS.databaseUrl))
  maskSecret(get(INPUTS.databasePassword))
  const command = oneOf(INPUTS.command, get(INPUTS.command) || 'sync', COMMANDS)
  const itemMode = get(INPUTS.itemMode)
  const resumeFrom = get(INPUTS.resumeFrom) || 'auto'
  if (!['auto', 'none'].includes(resumeFrom) && !/^\d+$/.test(resumeFrom)) {
    throw new ConfigError(
      `Input "${INPUTS.resumeFrom}" must be auto, none or a run id; got "${resumeFrom}"`,
      INPUTS.resumeFrom
    )
  }
  const boardIds = get(INPUTS.boardId)
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const id of boardIds) {
    if (!/^\d+$/.test(id))
      throw new ConfigError(`Input "${INPUTS.boardId}" must be numeric board ids; got "${id}"`, INPUTS.boardId)
  }
  if (!mondayToken) throw new ConfigError(`Input "${INPUTS.mondayToken}" is required`, INPUTS.mondayToken)
  return {
    command,
    itemMode: itemMode ? oneOf(INPUTS.itemMode, itemMode, ITEM_MODES) : undefined,
    configPath: optional(get(INPUTS.config)),
    environment: optional(get(INPUTS.environment)),
    boardIds,
    batchSize: positiveInt(INPUTS.batchSize, get(INPUTS.batchSize)),
    concurrency: positiveInt(INPUTS.concurrency, get(INPUTS.concurrency)),
    dryRun: bool(INPUTS.dryRun, get(INPUTS.dryRun)),
    resumeFrom,
    checkpointEvery: positiveInt(INPUTS.checkpointEvery, get(INPUTS.checkpointEvery)),
    checkpointRetentionDays:
      positiveInt(INPUTS.checkpointRetentionDays, get(INPUTS.checkpointRetentionDays)) ??
      DEFAULT_CHECKPOINT_RETENTION_DAYS,
    resumeMaxAgeHours:
      positiveInt(INPUTS.resumeMaxAgeHours, get(INPUTS.resumeMaxAgeHours)) ?? DEFAULT_RESUME_MAX_AGE_HOURS,
    artifactScope: optional(get(INPUTS.artifactScope).trim()),
    mondayToken,
    mondayApiUrl: optional(get(INPUTS.mondayApiUrl)),
    databaseUrl: optional(get(INPUTS.databaseUrl)),
    databasePassword: optional(get(INPUTS.databasePassword)),
    // local runners (local-action) pass action.yml's default `${{ github.token }}` through unexpanded
    githubToken: optional(get(INPUTS.githubToken).replace(/^\$\{\{.*\}\}$/, ''))
  }
}

/**
 * Masks a secret for the runner's log (`::add-mask::` for every spelling: as is, URL-encoded and
 * -decoded, JSON- and HTML-escaped) and registers it for redaction of files, summary and issues.
 */
export function maskSecret(value: string | undefined): void {
  if (!value) return
  for (const form of new Set([value, ...secretForms(value)])) core.setSecret(form)
  addSecret(value)
}

/** Masks a database URL and the password inside it (parsed structurally), so neither reaches the log. */
export function maskDatabaseUrl(url: string): void {
  if (!url) return
  core.setSecret(url)
  addSecret(url)
  maskSecret(passwordOfUrl(url))
}
