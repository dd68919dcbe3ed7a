import { readFileSync } from 'node:fs'
import { parse } from 'smol-toml'
import { z } from 'zod'
import { checkIdentifier } from '../../adapters/sql/identifiers.js'
import { PLANS, type Plan } from '../../adapters/monday/types.js'
import {
  MAPPED_SQL_TYPES,
  type RegisteredBoard,
  type RegisteredColumn,
  checkColumnName,
  parseBoardRegistry
} from '../../config/registry.js'
import { ConfigError } from '../../errors.js'

/** The `[load_board]` section (keys as in the TOML file). */
const sectionSchema = z
  .object({
    staging_table: z.string().optional(),
    target_table: z.string().optional(),
    include_subitems: z.boolean().optional(),
    page_size: z.number().int().min(1).max(500).optional(),
    batch_size: z.number().int().min(1).max(100).optional(),
    concurrency: z.number().int().min(1).max(250).optional(),
    columns: z
      .array(
        z.strictObject({ column_id: z.string().min(1), target: z.string().min(1), type: z.enum(MAPPED_SQL_TYPES) })
      )
      .optional()
  })
  .strict()

/** What load-board takes from a configuration file. */
export interface LoadBoardFileSettings {
  /** `environments.<env>.database_url` as written (references resolved by the caller). */
  databaseUrl?: string
  /** `environments.<env>.database_password` as written (usually `${DB_PASSWORD}`). */
  databasePassword?: string
  /** `environments.<env>.api_version`: the API-Version header. */
  apiVersion?: string
  /** `environments.<env>.plan`: the account plan whose limits the engine plans with. */
  plan?: Plan
  /** `[load_board]`: the table (and staging table) of a single board loaded without a registry. */
  stagingTable?: string
  targetTable?: string
  includeSubitems?: boolean
  pageSize?: number
  batchSize?: number
  concurrency?: number
  /** `[[load_board.columns]]`: mappings of a single board loaded without a registry. */
  columns?: RegisteredColumn[]
  /** `[[boards]]`: the registry, for the chosen environment (empty when the file has none). */
  boards: RegisteredBoard[]
}

/**
 * Reads `[load_board]` and `environments.<environment>.database_url` from a TOML file. Other
 * sections are left to the configuration module; errors name the key at fault.
 */
export function readLoadBoardConfig(
  path: string,
  environment?: string,
  env: Record<string, string | undefined> = process.env
): LoadBoardFileSettings {
  let doc: Record<string, unknown>
  try {
    doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch (e) {
    throw new ConfigError(`${path}: ${e instanceof Error ? e.message : String(e)}`, path, { cause: e })
  }
  const result = sectionSchema.safeParse(doc.load_board ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const key = ['load_board', ...(issue?.path ?? [])].join('.')
    throw new ConfigError(`${path}: ${key}: ${issue?.message ?? 'invalid'}`, key)
  }
  const section = result.data
  if (section.staging_table !== undefined) checkIdentifier(section.staging_table, 'load_board.staging_table')
  if (section.target_table !== undefined) checkIdentifier(section.target_table, 'load_board.target_table')
  const targets = new Map<string, string>()
  section.columns?.forEach((c, i) => checkColumnName(c.target, `load_board.columns[${i}].target`, targets))
  const environments = (doc.environments ?? {}) as Record<
    string,
    { database_url?: unknown; database_password?: unknown; api_version?: unknown; plan?: unknown } | undefined
  >
  let databaseUrl: string | undefined
  let databasePassword: string | undefined
  let apiVersion: string | undefined
  let plan: Plan | undefined
  if (environment) {
    const env = environments[environment]
    if (!env) throw new ConfigError(`${path}: no [environments.${environment}] section`, `environments.${environment}`)
    if (env.database_url !== undefined && typeof env.database_url !== 'string') {
      throw new ConfigError(
        `${path}: environments.${environment}.database_url must be a string`,
        `environments.${environment}.database_url`
      )
    }
    databaseUrl = env.database_url
    if (env.database_password !== undefined && typeof env.database_password !== 'string') {
      throw new ConfigError(
        `${path}: environments.${environment}.database_password must be a string (usually "\${DB_PASSWORD}")`,
        `environments.${environment}.database_password`
      )
    }
    databasePassword = env.database_password
    if (env.api_version !== undefined && (typeof env.api_version !== 'string' || env.api_version === '')) {
      throw new ConfigError(
        `${path}: environments.${environment}.api_version must be a version string such as "2026-10"`,
        `environments.${environment}.api_version`
      )
    }
    apiVersion = env.api_version
    if (env.plan !== undefined && !(PLANS as readonly unknown[]).includes(env.plan)) {
      throw new ConfigError(
        `${path}: environments.${environment}.plan must be one of ${PLANS.join(', ')}`,
        `environments.${environment}.plan`
      )
    }
    plan = env.plan as Plan | undefined
  }
  return {
    databaseUrl,
    databasePassword,
    apiVersion,
    plan,
    stagingTable: section.staging_table,
    targetTable: section.target_table,
    includeSubitems: section.include_subitems,
    pageSize: section.page_size,
    batchSize: section.batch_size,
    concurrency: section.concurrency,
    columns: section.columns?.map(c => ({ columnId: c.column_id, name: c.target, type: c.type })),
    boards: parseBoardRegistry(doc.boards, path, {
      environment: environment ?? (typeof doc.default_environment === 'string' ? doc.default_environment : undefined),
      env
    })
  }
}
