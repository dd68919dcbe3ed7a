import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { loadSyncConfig, parseSyncConfig } from '../../src/config/index.js'
import { isConfigError } from '../../src/errors.js'

const EXAMPLE = 'configs/pipelines/sync_order_list.toml'
const example = readFileSync(EXAMPLE, 'utf8')
const env = { MONDAY_BOARD_ID: '1800000001', DB_PASSWORD: 'pa55-SECRET' }

/** The error of parsing `text`, which must be a ConfigError. */
function errorOf(
  text: string,
  options: Parameters<typeof parseSyncConfig>[2] = { env }
): { message: string; setting?: string } {
  try {
    parseSyncConfig(text, 'sync.toml', options)
  } catch (e) {
    expect(isConfigError(e)).toBe(true)
    return e as { message: string; setting?: string }
  }
  throw new Error('expected a ConfigError')
}

describe('sync configuration', () => {
  it('reads the example file the users keep, with ${ENV} references resolved', () => {
    const config = loadSyncConfig(EXAMPLE, { env })
    expect(config.environment).toBe('development')
    expect(config.boardId).toBe('1800000001')
    expect(config.databaseUrl).toBe('sqlite:./monday-sync.db')
    expect(config.orders).toEqual({
      table: 'ORDER_LIST',
      key: 'ORDER_ID',
      stateColumn: 'SYNC_STATE',
      itemIdColumn: 'MONDAY_ITEM_ID',
      errorColumn: 'SYNC_ERROR'
    })
    expect(config.lines.parentKey).toBe('ORDER_ID')
    expect(config.states).toEqual({
      pending: ['NEW', 'PENDING'],
      inProgress: 'SYNCING',
      synced: 'SYNCED',
      failed: 'FAILED',
      removed: 'DELETED',
      archived: 'ARCHIVED'
    })
    expect(config.deletedItems).toBe('recreate')
    expect(config.items.group).toBe('SEASON')
    expect(config.items.columns).toContainEqual({
      columnId: 'category',
      source: 'CATEGORY',
      type: 'dropdown',
      createLabelsIfMissing: true
    })
    expect(config.subitems.syncKeyColumn).toBe('sync_key')
    expect(config.batch).toEqual({
      itemMode: 'asyncBatch',
      minBatchSize: 5,
      maxBatchSize: 50,
      concurrency: 8,
      checkpointEveryBatches: 20,
      pageSize: 500
    })
    const production = loadSyncConfig(EXAMPLE, { env, environment: 'production' })
    expect(production.databaseUrl).toContain('pa55-SECRET')
    expect(production.plan).toBe('enterprise')
  })

  it('chooses the environment from MONDAY_SYNC_ENV when no flag is given', () => {
    expect(parseSyncConfig(example, 'f', { env: { ...env, MONDAY_SYNC_ENV: 'production' } }).environment).toBe(
      'production'
    )
    const e = errorOf(example, { env, environment: 'staging' })
    expect(e.message).toMatch(/no \[environments\.staging\] section \(have: development, production\)/)
  })

  it('names the variable an environment value references when it is not set', () => {
    const e = errorOf(example, { env: { MONDAY_BOARD_ID: '1' }, environment: 'production' })
    expect(e.setting).toBe('environments.production.database_url')
    expect(e.message).toMatch(/DB_PASSWORD is not set/)
    expect(errorOf(example, { env: { MONDAY_BOARD_ID: 'abc' } }).message).toMatch(
      /board_id: "abc" is not a monday board id/
    )
  })

  it.each([
    ['a missing key', example.replace('key = "ORDER_ID"\n', ''), 'source.orders.key', /is required/],
    ['an unknown key', example.replace('[batch]', '[batch]\nbatch_sise = 3'), 'batch', /unknown key\(s\) batch_sise/],
    [
      'a bad item mode',
      example.replace('item_mode = "asyncBatch"', 'item_mode = "turbo"'),
      'batch.item_mode',
      /single/
    ],
    ['a bad column type', example.replace('type = "long_text"', 'type = "rich"'), 'mapping.columns[6].type', /text/],
    [
      'min above max',
      example.replace('batch_size_min = 5', 'batch_size_min = 80'),
      'batch.batch_size_min',
      /must not exceed/
    ],
    [
      'too large a batch',
      example.replace('batch_size_max = 50', 'batch_size_max = 500'),
      'batch.batch_size_max',
      /100/
    ],
    [
      'an injected table',
      example.replace('table = "ORDER_LIST"', 'table = "ORDER_LIST; DROP TABLE x"'),
      'source.orders.table',
      /not a valid SQL identifier/
    ],
    [
      'an injected column',
      example.replace('source = "CUSTOMER"', 'source = "CUSTOMER--"'),
      'mapping.columns[0].source',
      /not a valid SQL identifier/
    ],
    [
      'a column mapped twice',
      example.replace('column_id = "notes"', 'column_id = "customer"'),
      'mapping.columns[6].column_id',
      /mapped twice/
    ],
    [
      'a bad monday column id',
      example.replace('column_id = "qty"', 'column_id = "q ty"'),
      'mapping.subitems.columns[2].column_id',
      /not a monday column id/
    ]
  ])('names the key and the fix for %s', (_, text, setting, message) => {
    const e = errorOf(text)
    expect(e.setting).toBe(setting)
    expect(e.message).toMatch(message)
    expect(e.message).toContain(setting)
  })

  it('states: removed is optional, archived defaults to ARCHIVED, and no value means two states', () => {
    const states = (block: string): string =>
      example.replace(/\[source\.states\][\s\S]*?\n\n/, `[source.states]\n${block}\n\n`)
    expect(parseSyncConfig(states('failed = "FAILED"'), 'f', { env }).states).toEqual({
      pending: ['NEW', 'PENDING'],
      inProgress: 'SYNCING',
      synced: 'SYNCED',
      failed: 'FAILED',
      archived: 'ARCHIVED'
    })
    expect(errorOf(states('removed = "FAILED"'))).toMatchObject({
      message:
        'sync.toml: source.states.removed: "FAILED" is also source.states.failed; each state needs its own value',
      setting: 'source.states.removed'
    })
    expect(errorOf(states('removed = "GONE"\narchived = "SYNCED"'))).toMatchObject({
      setting: 'source.states.archived'
    })
    expect(errorOf(example.replace('deleted_items = "recreate"', 'deleted_items = "ignore"'))).toMatchObject({
      setting: 'mapping.deleted_items'
    })
  })

  it('reports a TOML syntax error and an unreadable file with the file name', () => {
    expect(errorOf('[batch\nx=1').message).toMatch(/sync\.toml: not valid TOML/)
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    expect(() => loadSyncConfig(join(dir, 'missing.toml'))).toThrow(/--config: cannot read/)
    writeFileSync(join(dir, 'min.toml'), minimal)
    const config = loadSyncConfig(join(dir, 'min.toml'), { env: {} })
    expect(config.batch.itemMode).toBe('asyncBatch')
    expect(config.states.inProgress).toBe('SYNCING')
    expect(config.environment).toBe('only')
    expect(config.boardId).toBe('42')
  })
})

const minimal = `
[environments.only]
board_id = 42
[source.orders]
table = "o"
key = "id"
state_column = "s"
item_id_column = "m"
error_column = "e"
[source.lines]
table = "l"
key = "id"
parent_key = "o_id"
state_column = "s"
item_id_column = "m"
error_column = "e"
[mapping]
item_name = "name"
sync_key_column = "sync_key"
[mapping.subitems]
item_name = "name"
sync_key_column = "sync_key"
`
