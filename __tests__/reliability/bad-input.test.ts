import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { INPUTS, parseInputs } from '../../src/action/inputs.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { parseCli } from '../../src/cli/args.js'
import { loadBoardCommand } from '../../src/cli/commands/load-board.js'
import type { CliIo } from '../../src/cli/io.js'
import { ConfigError } from '../../src/errors.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { startCli } from './child.js'
import { countItems, digestDatabase } from './db-digest.js'
import { count } from './tally.js'

const TOKEN = 'tok-BADINPUT-7f3a'
const PASSWORD = 'pw-BADINPUT-c0ffee'

interface Io extends CliIo {
  text(): string
}

function io(env: Record<string, string>): Io {
  let text = ''
  return { env, stdout: t => void (text += t), stderr: t => void (text += t), text: () => text }
}

/** The ConfigError a call throws (or fails the test). */
async function configError(run: () => unknown): Promise<ConfigError> {
  try {
    await run()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error('expected a ConfigError, but the call succeeded')
}

describe('load-board: bad configuration, flags and environment', () => {
  const board = FakeBoard.make('42', 240)
  let server: Awaited<ReturnType<typeof startFakeMonday>>
  let dir: string
  let dbFile: string
  let before: string
  const requestsBefore = (): number => board.fetched.length

  beforeAll(async () => {
    server = await startFakeMonday([board])
    dir = mkdtempSync(join(tmpdir(), 'rel-bad-'))
    dbFile = join(dir, 'db.sqlite')
    // a database that already holds a loaded board: a bad run must leave it as it is
    const ok = io({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: server.url, DATABASE_URL: `sqlite:${dbFile}` })
    expect(await loadBoardCommand(parseCli(['load-board', '--board', '42', '--run-dir', join(dir, 'ok')]), ok)).toBe(0)
    expect(await countItems(dbFile, 'monday_board_42')).toEqual({ n: 240, distinct: 240 })
    before = await digestDatabase(dbFile)
  })
  afterAll(() => server.close())

  const toml: [string, string, string | RegExp][] = [
    ['malformed TOML', '[load_board\nbatch_size = 1\n', 'FILE'],
    ['a duplicate key', '[load_board]\nbatch_size = 1\nbatch_size = 2\n', 'FILE'],
    ['an unknown key', '[load_board]\nbatch_sise = 10\n', 'load_board'],
    ['a string for a number', '[load_board]\nbatch_size = "10"\n', 'load_board.batch_size'],
    ['a batch size of 0', '[load_board]\nbatch_size = 0\n', 'load_board.batch_size'],
    ['a batch size over 100', '[load_board]\nbatch_size = 101\n', 'load_board.batch_size'],
    ['a page size over 500', '[load_board]\npage_size = 501\n', 'load_board.page_size'],
    ['a fractional concurrency', '[load_board]\nconcurrency = 1.5\n', 'load_board.concurrency'],
    ['a string for a boolean', '[load_board]\ninclude_subitems = "yes"\n', 'load_board.include_subitems'],
    ['a section that is not a table', 'load_board = 5\n', 'load_board'],
    ['columns that are not a list', '[load_board]\ncolumns = "numbers"\n', 'load_board.columns'],
    [
      'an unknown column type',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = "amount"\ntype = "varchar"\n',
      'load_board.columns.0.type'
    ],
    [
      'a column without a target',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntype = "real"\n',
      'load_board.columns.0.target'
    ],
    [
      'an empty column id',
      '[[load_board.columns]]\ncolumn_id = ""\ntarget = "amount"\ntype = "real"\n',
      'load_board.columns.0.column_id'
    ],
    [
      'an unknown key in a column',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = "amount"\ntype = "real"\ndefault = 1\n',
      'load_board.columns.0'
    ],
    [
      'a target that is already a built-in column',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = "item_id"\ntype = "real"\n',
      'load_board.columns[0].target'
    ],
    [
      'two columns with one target',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = "amount"\ntype = "real"\n' +
        '[[load_board.columns]]\ncolumn_id = "status"\ntarget = "AMOUNT"\ntype = "text"\n',
      'load_board.columns[1].target'
    ],
    [
      'an injected staging table',
      '[load_board]\nstaging_table = "x; DROP TABLE monday_items"\n',
      'load_board.staging_table'
    ],
    [
      'an injected target table',
      "[load_board]\ntarget_table = 'monday_items\"; DROP TABLE monday_items; --'\n",
      'load_board.target_table'
    ],
    ['a three-part table name', '[load_board]\ntarget_table = "a.b.c"\n', 'load_board.target_table'],
    ['an empty staging table name', '[load_board]\nstaging_table = ""\n', 'load_board.staging_table'],
    [
      'an injected column target',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = "amount] ; DELETE FROM monday_items; --"\ntype = "real"\n',
      'load_board.columns[0].target'
    ],
    [
      'a quoted column target',
      '[[load_board.columns]]\ncolumn_id = "numbers"\ntarget = \'a" TEXT); DROP TABLE monday_items; --\'\ntype = "real"\n',
      'load_board.columns[0].target'
    ],
    [
      'a schema-qualified column target',
      '[[load_board.columns]]\ncolumn_id = "x"\ntarget = "s.amount"\ntype = "real"\n',
      'load_board.columns[0].target'
    ],
    ['a missing environment', '[environments.prod]\ndatabase_url = "sqlite:x.db"\n', 'environments.test'],
    ['a database URL that is a number', '[environments.test]\ndatabase_url = 5\n', 'environments.test.database_url']
  ]

  it.each(toml)('%s gives an error naming the setting and writes nothing', async (_, text, setting) => {
    const config = join(mkdtempSync(join(dir, 'cfg-')), 'monday-sync.toml')
    writeFileSync(config, text)
    const runDir = join(dir, `run-${Math.random().toString(36).slice(2)}`)
    const argv = ['load-board', '--board', '42', '--config', config, '--run-dir', runDir]
    if (text.includes('environments')) argv.push('--environment', 'test')
    const fetched = requestsBefore()
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: server.url, DATABASE_URL: `sqlite:${dbFile}` }
    const error = await configError(() => loadBoardCommand(parseCli(argv), io(env)))
    const expected = setting === 'FILE' ? config : setting
    expect(error.setting).toBe(expected)
    expect(error.message).toContain(expected)
    // a TOML error shows the line at fault
    if (setting === 'FILE') expect(error.message).toMatch(/\n\s*\d+:.*\n\s*\^/)
    expect(error.message).not.toContain(TOKEN)
    expect(board.fetched.length).toBe(fetched)
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false)
    expect(await digestDatabase(dbFile)).toBe(before)
    count('badInputs')
  })

  const flags: [string, string[], Record<string, string>, string][] = [
    ['--batch-size 0', ['--batch-size', '0'], {}, '--batch-size'],
    ['--batch-size -3', ['--batch-size', '-3'], {}, 'arguments'],
    ['--batch-size 1.5', ['--batch-size', '1.5'], {}, '--batch-size'],
    ['--batch-size abc', ['--batch-size', 'abc'], {}, '--batch-size'],
    ['--concurrency ""', ['--concurrency', ''], {}, '--concurrency'],
    ['--concurrency 1e3', ['--concurrency', '1e3'], {}, '--concurrency'],
    ['an unknown flag', ['--bogus'], {}, 'arguments'],
    ['a board id with letters', ['--board', 'x1'], {}, '--board'],
    ['a board id with SQL', ['--board', '1; DROP TABLE monday_items'], {}, '--board'],
    ['an empty board id', ['--board', ''], {}, '--board'],
    ['a missing token', [], { MONDAY_API_TOKEN: '' }, 'MONDAY_API_TOKEN'],
    ['an empty sqlite path', [], { DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    ['a database scheme we do not speak', [], { DATABASE_URL: `postgres://app:${PASSWORD}@db/x` }, 'DATABASE_URL'],
    [
      'a missing configuration file',
      ['--config', '/nonexistent/monday-sync.toml'],
      {},
      '/nonexistent/monday-sync.toml'
    ],
    ['a missing checkpoint', ['--resume-from', '/nonexistent/checkpoint.json'], {}, '--resume-from']
  ]

  it.each(flags)('%s gives an error naming the flag and writes nothing', async (_, extra, envOverride, setting) => {
    const runDir = join(dir, `run-${Math.random().toString(36).slice(2)}`)
    const env = {
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: server.url,
      DATABASE_URL: `sqlite:${dbFile}`,
      ...envOverride
    }
    const fetched = requestsBefore()
    const error = await configError(() =>
      loadBoardCommand(parseCli(['load-board', '--board', '42', '--run-dir', runDir, ...extra]), io(env))
    )
    expect(error.setting).toBe(setting)
    if (setting !== 'arguments') expect(error.message).toContain(setting)
    expect(error.message).not.toContain(TOKEN)
    expect(error.message).not.toContain(PASSWORD)
    expect(board.fetched.length).toBe(fetched)
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false)
    expect(await digestDatabase(dbFile)).toBe(before)
    count('badInputs')
  })

  it.each([
    ['not JSON', '{"pipeline": "load-board", '],
    ['a sync checkpoint', JSON.stringify({ pipeline: 'sync', sequence: 1, at: 'x', final: false, state: {} })],
    [
      'a state of the wrong shape',
      JSON.stringify({ pipeline: 'load-board', sequence: 1, at: 'x', final: false, state: { boards: 7 } })
    ],
    [
      'a board id that is not a number',
      JSON.stringify({
        pipeline: 'load-board',
        sequence: 1,
        at: 'x',
        final: false,
        state: { boards: [{ boardId: '42; --' }] }
      })
    ]
  ])('a checkpoint that is %s is refused naming --resume-from', async (_, text) => {
    const file = join(mkdtempSync(join(dir, 'ckpt-')), 'checkpoint.json')
    writeFileSync(file, text)
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: server.url, DATABASE_URL: `sqlite:${dbFile}` }
    const argv = ['load-board', '--board', '42', '--run-dir', join(dir, 'run-ckpt'), '--resume-from', file]
    const fetched = requestsBefore()
    const error = await configError(() => loadBoardCommand(parseCli(argv), io(env)))
    expect(error.setting).toBe('--resume-from')
    expect(error.message).toContain('--resume-from')
    expect(board.fetched.length).toBe(fetched)
    expect(await digestDatabase(dbFile)).toBe(before)
    count('badInputs')
  })

  it('a target table of the wrong shape fails naming the table, and its rows stay as they were', async () => {
    const file = join(mkdtempSync(join(dir, 'shape-')), 'db.sqlite')
    const db = SqliteDatabase.open(file)
    await db.execute('CREATE TABLE orders_mirror (item_id INTEGER, note TEXT)')
    await db.execute("INSERT INTO orders_mirror VALUES (1, 'keep me')")
    await db.close()
    const config = join(dir, 'shape.toml')
    writeFileSync(config, '[load_board]\ntarget_table = "orders_mirror"\n')
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: server.url, DATABASE_URL: `sqlite:${file}` }
    const argv = ['load-board', '--board', '42', '--config', config, '--run-dir', join(dir, 'run-shape')]
    let message = ''
    try {
      await loadBoardCommand(parseCli(argv), io(env))
    } catch (e) {
      message = e instanceof Error ? e.message : String(e)
    }
    const check = SqliteDatabase.open(file)
    const rows = await check.query('SELECT item_id, note FROM orders_mirror')
    await check.close()
    expect(rows).toEqual([{ item_id: 1, note: 'keep me' }])
    // the user must learn which table is at fault, not only a column name
    expect(message).toMatch(/orders_mirror/)
    count('badInputs')
  })
})

describe('action inputs: bad values', () => {
  const get =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? ''
  const cases: [string, string][] = [
    [INPUTS.command, 'push'],
    [INPUTS.command, 'sync; rm -rf /'],
    [INPUTS.command, 'SYNC'],
    [INPUTS.itemMode, 'fast'],
    [INPUTS.itemMode, 'Batch'],
    [INPUTS.boardId, 'abc'],
    [INPUTS.boardId, '123;456'],
    [INPUTS.boardId, '12 34x'],
    [INPUTS.boardId, '-5'],
    [INPUTS.batchSize, '0'],
    [INPUTS.batchSize, '-1'],
    [INPUTS.batchSize, '1e3'],
    [INPUTS.batchSize, '2.5'],
    [INPUTS.batchSize, 'ten'],
    [INPUTS.concurrency, '0'],
    [INPUTS.concurrency, ' 8'],
    [INPUTS.checkpointEvery, '0x10'],
    [INPUTS.checkpointEvery, '-0'],
    [INPUTS.dryRun, 'yes'],
    [INPUTS.dryRun, '1'],
    [INPUTS.resumeFrom, 'latest'],
    [INPUTS.resumeFrom, '../../etc/passwd'],
    [INPUTS.resumeFrom, '12a'],
    [INPUTS.mondayToken, '']
  ]
  it.each(cases)('input %s = %j is refused, naming the input', (name, value) => {
    const values = { [INPUTS.mondayToken]: TOKEN, [INPUTS.databaseUrl]: `mssql://sa:${PASSWORD}@db/x`, [name]: value }
    let error: unknown
    try {
      parseInputs(get(values))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).setting).toBe(name)
    expect((error as ConfigError).message).toContain(`"${name}"`)
    expect((error as ConfigError).message).not.toContain(TOKEN)
    expect((error as ConfigError).message).not.toContain(PASSWORD)
    count('badInputs')
  })
})

describe('the CLI process on bad input', () => {
  it('exits 1 with one line naming the flag, and the database untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rel-bad-cli-'))
    const dbFile = join(dir, 'db.sqlite')
    const child = startCli(['load-board', '--board', '42', '--batch-size', '0', '--run-dir', join(dir, 'run')], {
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: 'http://127.0.0.1:9/v2',
      DATABASE_URL: `sqlite:${dbFile}`
    })
    const result = await child.done
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('monday-sync: --batch-size must be a whole number of at least 1; got "0"\n')
    expect(existsSync(dbFile)).toBe(false)
    count('badInputs')
  })

  it('--version prints the version, not the usage', () => {
    expect(parseCli(['--version']).command).toBe('version')
  })
})
