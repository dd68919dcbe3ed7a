import { readFileSync } from 'node:fs'
import { parse } from 'smol-toml'
import type { z } from 'zod'
import { checkIdentifier } from '../adapters/sql/identifiers.js'
import { ConfigError, messageOf } from '../errors.js'
import { resolveDatabaseUrl } from './database.js'
import { resolveRefs } from './refs.js'
import { fileSchema, type SyncFile } from './schema.js'
import type { ColumnMapping, SyncConfig } from './types.js'

/** Where the environment name comes from when `--environment` is not given. */
export const ENVIRONMENT_VARIABLE = 'MONDAY_SYNC_ENV'

/** Reads and validates a sync configuration file for one environment. */
export function loadSyncConfig(
  path: string,
  options: { environment?: string; env?: Record<string, string | undefined> } = {}
): SyncConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new ConfigError(`--config: cannot read ${path}: ${messageOf(e)}`, '--config', { cause: e })
  }
  return parseSyncConfig(text, path, options)
}

/** Validates the text of a configuration file; `file` names it in messages. */
export function parseSyncConfig(
  text: string,
  file: string,
  options: { environment?: string; env?: Record<string, string | undefined> } = {}
): SyncConfig {
  let doc: unknown
  try {
    doc = parse(text)
  } catch (e) {
    throw new ConfigError(`${file}: not valid TOML: ${messageOf(e)}`, file, { cause: e })
  }
  const result = fileSchema.safeParse(doc)
  if (!result.success) throw configIssue(file, result.error.issues[0])
  const data = result.data
  checkIdentifiers(data)
  checkColumns(data)
  checkStates(file, data.source.states)
  const env = options.env ?? process.env
  const environment = chooseEnvironment(data, file, options.environment ?? env[ENVIRONMENT_VARIABLE])
  const section = data.environments[environment]!
  const at = `environments.${environment}`
  const boardId = resolveRefs(section.board_id, `${at}.board_id`, env)
  if (!/^\d+$/.test(boardId)) {
    throw new ConfigError(
      `${file}: ${at}.board_id: "${boardId}" is not a monday board id (digits only)`,
      `${at}.board_id`
    )
  }
  const { orders, lines, states } = data.source
  return {
    file,
    environment,
    boardId,
    databaseUrl: section.database_url && resolveDatabaseUrl(section.database_url, `${at}.database_url`, env),
    databasePassword:
      section.database_password && resolveRefs(section.database_password, `${at}.database_password`, env),
    apiVersion: section.api_version && resolveRefs(section.api_version, `${at}.api_version`, env),
    plan: section.plan,
    orders: table(orders),
    lines: { ...table(lines), parentKey: lines.parent_key },
    states: {
      pending: states.pending,
      inProgress: states.in_progress,
      synced: states.synced,
      failed: states.failed,
      ...(states.removed ? { removed: states.removed } : {}),
      archived: states.archived
    },
    deletedItems: data.mapping.deleted_items,
    items: {
      itemName: data.mapping.item_name,
      group: data.mapping.group,
      syncKeyColumn: data.mapping.sync_key_column,
      columns: data.mapping.columns.map(column)
    },
    subitems: {
      itemName: data.mapping.subitems.item_name,
      syncKeyColumn: data.mapping.subitems.sync_key_column,
      columns: data.mapping.subitems.columns.map(column)
    },
    batch: {
      itemMode: data.batch.item_mode,
      minBatchSize: data.batch.batch_size_min,
      maxBatchSize: data.batch.batch_size_max,
      concurrency: data.batch.concurrency,
      checkpointEveryBatches: data.batch.checkpoint_interval,
      pageSize: data.batch.page_size
    }
  }
}

type Table = SyncFile['source']['orders']
const table = (t: Table): SyncConfig['orders'] => ({
  table: t.table,
  key: t.key,
  stateColumn: t.state_column,
  itemIdColumn: t.item_id_column,
  errorColumn: t.error_column
})
const column = (c: SyncFile['mapping']['columns'][number]): ColumnMapping => ({
  columnId: c.column_id,
  source: c.source,
  type: c.type,
  createLabelsIfMissing: c.create_labels_if_missing
})

/** A zod issue as a ConfigError naming the key and the fix (the sync's and the board registry's). */
export function configIssue(file: string, issue: z.core.$ZodIssue | undefined): ConfigError {
  const key = (issue?.path ?? []).map(p => (typeof p === 'number' ? `[${p}]` : String(p))).join('.')
  const shown = key.replace(/\.\[/g, '[') || '(top level)'
  let fix = issue?.message ?? 'invalid'
  if (issue?.code === 'invalid_type' && /received undefined/.test(issue.message)) fix = 'is required; add it'
  else if (issue?.code === 'unrecognized_keys') fix = `unknown key(s) ${issue.keys.join(', ')}; remove or correct them`
  else if (issue?.code === 'invalid_value') fix = `${issue.message}`
  return new ConfigError(`${file}: ${shown}: ${fix}`, shown)
}

function checkIdentifiers(data: SyncFile): void {
  const { orders, lines } = data.source
  for (const [prefix, t] of [
    ['source.orders', orders],
    ['source.lines', lines]
  ] as const) {
    for (const [k, v] of Object.entries(t)) checkIdentifier(v, `${prefix}.${k}`)
  }
  checkIdentifier(data.mapping.item_name, 'mapping.item_name')
  if (data.mapping.group) checkIdentifier(data.mapping.group, 'mapping.group')
  checkIdentifier(data.mapping.subitems.item_name, 'mapping.subitems.item_name')
  data.mapping.columns.forEach((c, i) => checkIdentifier(c.source, `mapping.columns[${i}].source`))
  data.mapping.subitems.columns.forEach((c, i) => checkIdentifier(c.source, `mapping.subitems.columns[${i}].source`))
}

/** monday column ids: lower-case letters, digits and _; no column mapped twice or onto the sync key. */
function checkColumns(data: SyncFile): void {
  const boards = [
    ['mapping', data.mapping],
    ['mapping.subitems', data.mapping.subitems]
  ] as const
  for (const [prefix, m] of boards) {
    const seen = new Set<string>([m.sync_key_column])
    checkColumnId(m.sync_key_column, `${prefix}.sync_key_column`)
    m.columns.forEach((c, i) => {
      const key = `${prefix}.columns[${i}].column_id`
      checkColumnId(c.column_id, key)
      if (seen.has(c.column_id)) {
        throw new ConfigError(`${key}: column "${c.column_id}" is mapped twice (or is the sync key column)`, key)
      }
      seen.add(c.column_id)
    })
  }
}

/** Each state means one thing: a value used for two of them would make rows ambiguous. */
function checkStates(file: string, states: SyncFile['source']['states']): void {
  const seen = new Map<string, string>()
  const named: [string, string | undefined][] = [
    ...states.pending.map((p, i): [string, string] => [`pending[${i}]`, p]),
    ['in_progress', states.in_progress],
    ['synced', states.synced],
    ['failed', states.failed],
    ['removed', states.removed],
    ...(states.removed ? [['archived', states.archived] as [string, string]] : [])
  ]
  for (const [key, value] of named) {
    if (value === undefined) continue
    const other = seen.get(value)
    if (other) {
      throw new ConfigError(
        `${file}: source.states.${key}: "${value}" is also source.states.${other}; each state needs its own value`,
        `source.states.${key}`
      )
    }
    seen.set(value, key)
  }
}

export function checkColumnId(id: string, key: string): void {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(id)) {
    throw new ConfigError(`${key}: "${id}" is not a monday column id (letters, digits and _)`, key)
  }
}

function chooseEnvironment(data: SyncFile, file: string, wanted: string | undefined): string {
  const names = Object.keys(data.environments)
  const name = wanted || data.default_environment || (names.length === 1 ? names[0] : 'development')
  if (!name || !data.environments[name]) {
    throw new ConfigError(
      `${file}: no [environments.${name ?? ''}] section (have: ${names.join(', ') || 'none'}); ` +
        `pick one with --environment or ${ENVIRONMENT_VARIABLE}`,
      `environments.${name ?? ''}`
    )
  }
  return name
}
