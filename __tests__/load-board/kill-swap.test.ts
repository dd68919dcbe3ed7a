import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type BoardInfo, type MondayEmulator, startMondayEmulator } from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
import type { SqlRow } from '../../src/adapters/sql/database.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { type ChildResult, startCli } from '../reliability/child.js'

const TOKEN = 'tok-KILL-SWAP-91c2'

/**
 * Loaded into the CLI child with `--import`: the statement that starts with PAUSE_SQL_PREFIX writes
 * PAUSE_MARKER and then blocks the process, inside the swap's open transaction, until the test
 * SIGKILLs it. No hook in the product: node:sqlite's own `prepare` is wrapped.
 */
const PAUSE_MODULE = `
import { DatabaseSync } from 'node:sqlite'
import { writeFileSync } from 'node:fs'
const prefix = process.env.PAUSE_SQL_PREFIX
const prepare = DatabaseSync.prototype.prepare
DatabaseSync.prototype.prepare = function (sql, ...rest) {
  if (prefix && sql.startsWith(prefix)) {
    writeFileSync(process.env.PAUSE_MARKER, sql)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000)
  }
  return prepare.call(this, sql, ...rest)
}
`

async function read(file: string, sql: string): Promise<SqlRow[]> {
  const db = SqliteDatabase.open(file)
  try {
    return await db.query(sql)
  } finally {
    await db.close()
  }
}

async function until(check: () => boolean, child: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let exited = false
  void child.then(() => (exited = true))
  for (let waited = 0; waited < timeoutMs && !exited; waited += 20) {
    if (check()) return true
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  return check()
}

describe('load-board killed inside the swap transaction', () => {
  let emulator: MondayEmulator
  let board: BoardInfo
  beforeAll(async () => {
    emulator = await startMondayEmulator({ plan: 'pro', token: TOKEN, latency: { baseMs: 1 }, seed: 21 })
    board = emulator.admin.createBoard({
      name: 'Swap me',
      columns: [
        { title: 'Amount', type: 'numbers' },
        { title: 'Status', type: 'status' }
      ],
      subitemColumns: [{ title: 'Qty', type: 'numbers' }],
      items: 300,
      subitemsPerItem: 1
    })
  })
  afterAll(() => emulator.close())

  it('leaves the last load (rows and schema) as it was, and the re-run swaps the new load in once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-kill-swap-'))
    const file = join(dir, 'db.sqlite')
    const pause = join(dir, 'pause.mjs')
    writeFileSync(pause, PAUSE_MODULE)
    const marker = join(dir, 'paused')
    const table = `monday_board_${board.id}`
    const config = join(dir, 'monday-sync.toml')
    writeFileSync(config, '[load_board]\ninclude_subitems = true\n')
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: emulator.url, DATABASE_URL: `sqlite:${file}` }
    const argv = ['load-board', '--board', board.id, '--config', config, '--run-dir', join(dir, 'run')]
    const clean = await startCli([...argv.slice(0, -1), join(dir, 'run-first')], env).done
    expect(clean).toMatchObject({ code: 0 })
    const before = await read(file, `SELECT * FROM ${table} ORDER BY item_id`)
    const beforeSubitems = await read(file, `SELECT * FROM ${table}_subitems ORDER BY item_id`)
    const dictionary = await read(file, 'SELECT * FROM monday_sync_columns ORDER BY table_name, column_name')
    expect(before).toHaveLength(300)

    // monday changes: a new column (the swap adds it to the table) and five more items
    const client = createMondayClient({ url: emulator.url, token: TOKEN })
    await client.request(
      `mutation { create_column(board_id: ${board.id}, title: "Region", column_type: text) { id } }`,
      {},
      { kind: 'mutation', items: 1 }
    )
    for (let i = 1; i <= 5; i += 1) {
      await client.request(
        `mutation { create_item(board_id: ${board.id}, item_name: "late ${i}") { id } }`,
        {},
        { kind: 'mutation', items: 1 }
      )
    }

    // the second load stops inside its swap transaction (after DELETE and ALTER, at the INSERT) and is killed
    const child = startCli(argv, {
      ...env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(pause).href}`.trim(),
      PAUSE_SQL_PREFIX: `INSERT INTO "${table}" (`,
      PAUSE_MARKER: marker
    })
    const paused = await until(() => existsSync(marker), child.done, 300_000)
    child.kill()
    const killed: ChildResult = await child.done
    expect(paused).toBe(true)
    expect(killed.signal).toBe('SIGKILL')

    // readers see the last load: same rows, same columns (no "region" yet), same dictionary
    expect(await read(file, `SELECT * FROM ${table} ORDER BY item_id`)).toEqual(before)
    expect(await read(file, `SELECT * FROM ${table}_subitems ORDER BY item_id`)).toEqual(beforeSubitems)
    expect(await read(file, 'SELECT * FROM monday_sync_columns ORDER BY table_name, column_name')).toEqual(dictionary)

    // the re-run resumes the killed load (its staging is complete) and swaps it in
    const rerun = await startCli(argv, env).done
    expect(rerun).toMatchObject({ code: 0 })
    expect(rerun.stdout).toMatch(/Resuming from checkpoint/)
    expect(rerun.stdout).toMatch(new RegExp(`${board.id}\\s+305\\s+305\\s+305\\s+300\\s+0\\s+0\\s+yes\\s+yes`))
    expect(rerun.stdout).toMatch(new RegExp(`columns added: ${table}\\.region`))
    const after = await read(file, `SELECT item_id, name, region FROM ${table} ORDER BY item_id`)
    const items = emulator.admin.items(board.id)
    expect(after.map(r => [String(r.item_id), r.name])).toEqual(items.map(i => [i.id, i.name]))
    expect(await read(file, `SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS d FROM ${table}_subitems`)).toEqual([
      { n: 300, d: 300 }
    ])
  })
})
