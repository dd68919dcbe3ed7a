import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { loadSyncConfig } from '../../src/config/load.js'
import { parseCli } from '../../src/cli/args.js'
import { syncCommand } from '../../src/cli/commands/sync.js'
import { ConfigError, DatabaseError } from '../../src/errors.js'
import { type SyncHarness, startHarness } from '../sync/harness.js'
import { digestDatabase } from './db-digest.js'
import { syncEnv, writeSyncConfig } from './sync-setup.js'
import { count } from './tally.js'

const TOKEN = 'tok-BADSYNC-6e0f'
const PASSWORD = 'pw-BADSYNC-19ab'

/** An edit of the example configuration: a literal replacement, or text appended. */
type Edit = [from: string | RegExp, to: string] | ['append', string]

describe('sync: bad configuration names the setting; nothing reaches monday or the database', () => {
  let h: SyncHarness
  let base = ''
  let dbFile = ''
  let before = ''

  /**
   * The runs use the example's production environment, whose database URL takes its password from
   * DB_PASSWORD: so the password reaches the configuration the code loads (DATABASE_URL still
   * points the run at the test's SQLite database), and a message that leaked it would fail.
   */
  const env = (): Record<string, string> => ({
    ...syncEnv(TOKEN, h.emu.url, h.dbUrl),
    DB_PASSWORD: PASSWORD,
    MONDAY_SYNC_ENV: 'production'
  })

  beforeAll(async () => {
    h = await startHarness({ orders: 20, linesPerOrder: 2 })
    const file = writeSyncConfig(h.dir, h.boardId)
    base = readFileSync(file, 'utf8')
    dbFile = h.dbUrl.slice('sqlite:'.length)
    before = await digestDatabase(dbFile)
    expect(loadSyncConfig(file, { env: env() })).toMatchObject({
      environment: 'production',
      databaseUrl: expect.stringContaining(`:${PASSWORD}@`)
    })
  })
  afterAll(() => h.close())

  const cases: [string, Edit[], string | RegExp][] = [
    ['malformed TOML', [['[source.orders]', '[source.orders']], /sync\.toml/],
    ['an unknown key', [['key = "ORDER_ID"', 'key = "ORDER_ID"\nkey_column = "X"']], 'source.orders'],
    ['an unknown section', [['append', '\n[mappings]\nitem_name = "X"\n']], /mappings/],
    ['a number where a name goes', [['item_name = "ORDER_NUMBER"', 'item_name = 7']], 'mapping.item_name'],
    ['an unknown item mode', [['item_mode = "asyncBatch"', 'item_mode = "turbo"']], 'batch.item_mode'],
    ['a batch size over 100', [['batch_size_max = 50', 'batch_size_max = 500']], 'batch.batch_size_max'],
    ['min above max', [['batch_size_min = 5', 'batch_size_min = 60']], 'batch.batch_size_min'],
    ['a string for a number', [['concurrency = 8', 'concurrency = "8"']], 'batch.concurrency'],
    ['an unknown column type', [['type = "long_text"', 'type = "rich_text"']], /mapping\.columns/],
    [
      'a boolean as text',
      [['create_labels_if_missing = true', 'create_labels_if_missing = "yes"']],
      /mapping\.columns/
    ],
    [
      'an injected table',
      [['table = "ORDER_LIST"', 'table = "ORDER_LIST; DROP TABLE ORDER_LIST_LINES"']],
      'source.orders.table'
    ],
    [
      'an injected column',
      [['source = "CUSTOMER"', 'source = "CUSTOMER\\" FROM ORDER_LIST; DELETE FROM ORDER_LIST; --"']],
      /mapping\.columns/
    ],
    ['an injected state column', [['state_column = "SYNC_STATE"', 'state_column = "SYNC_STATE]; --"']], /state_column/],
    ['a board id that is not a number', [[/board_id = "\d+"/g, 'board_id = "12; DROP"']], /board_id/],
    ['an unset variable', [[/board_id = "\d+"/g, 'board_id = "${NO_SUCH_VARIABLE}"']], /NO_SUCH_VARIABLE/],
    ['a missing table', [['table = "ORDER_LIST"', 'table = "ORDER_LIST_OLD"']], /ORDER_LIST_OLD/],
    ['a missing key column', [['key = "ORDER_ID"', 'key = "ORDER_NO"']], /ORDER_NO/],
    ['a missing source column', [['source = "CUSTOMER"', 'source = "CLIENT"']], /CLIENT/],
    ['a missing lines table', [['table = "ORDER_LIST_LINES"', 'table = "LINES"']], /\bLINES\b/],
    ['a monday column the board lacks', [['column_id = "customer"', 'column_id = "client"']], /client/],
    [
      'a sync-key column the board lacks',
      [['sync_key_column = "sync_key"  # a text', 'sync_key_column = "key2"  # a text']],
      /key2/
    ]
  ]

  it.each(cases)('%s', async (_, edits, setting) => {
    let text = base
    for (const [from, to] of edits) text = from === 'append' ? text + to : text.replace(from, to)
    expect(text).not.toBe(base)
    const file = join(h.dir, 'sync.toml')
    writeFileSync(file, text)
    let output = ''
    const io = {
      env: env(),
      stdout: (t: string) => void (output += t),
      stderr: (t: string) => void (output += t)
    }
    const requests = h.emu.admin.stats().requests
    let error: unknown
    try {
      await syncCommand(parseCli(['sync', '--config', file, '--run-dir', join(h.dir, 'run-bad')]), io)
    } catch (e) {
      error = e
    }
    // a setting is a ConfigError; a table or column the database lacks may be reported by the
    // database itself, as long as the message names it
    expect(error instanceof ConfigError || error instanceof DatabaseError).toBe(true)
    const message = (error as Error).message
    const named = `${message} [setting ${error instanceof ConfigError ? error.setting : '-'}]`
    if (typeof setting === 'string') expect(named).toContain(setting)
    else expect(named).toMatch(setting)
    if (process.env.RELIABILITY_DEBUG) process.stderr.write(`${named}\n`)
    expect(message + output).not.toContain(TOKEN)
    expect(message + output).not.toContain(PASSWORD)
    // nothing was created on monday and no row changed
    const mutations = Object.entries(h.emu.admin.stats().byKind).filter(([kind]) => kind.startsWith('create_'))
    expect(mutations).toEqual([])
    expect(h.emu.admin.items(h.boardId)).toEqual([])
    expect(await digestDatabase(dbFile)).toBe(before)
    expect(h.emu.admin.stats().requests - requests).toBeLessThanOrEqual(3)
    count('badInputs')
  })
})

describe('sync: a column the source table lacks', () => {
  it('is reported with the setting that names it (mapping.columns[0].source), before anything is sent', async () => {
    const h = await startHarness({ orders: 5, linesPerOrder: 1 })
    try {
      const file = writeSyncConfig(h.dir, h.boardId)
      writeFileSync(file, readFileSync(file, 'utf8').replace('source = "CUSTOMER"', 'source = "CLIENT"'))
      const io = { env: syncEnv(TOKEN, h.emu.url, h.dbUrl), stdout: () => undefined, stderr: () => undefined }
      const run = syncCommand(parseCli(['sync', '--config', file, '--run-dir', join(h.dir, 'run')]), io)
      await expect(run).rejects.toThrow(/mapping\.columns\[0\]\.source.*CLIENT|CLIENT.*mapping\.columns\[0\]\.source/)
      expect(h.emu.admin.items(h.boardId)).toEqual([])
      count('badInputs')
    } finally {
      await h.close()
    }
  })
})
