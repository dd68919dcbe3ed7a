import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type MondayEmulator, startMondayEmulator } from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
import type { Database, SqlRow } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { reportTable } from '../../src/cli/commands/load-board.js'
import type { PipelineReport } from '../../src/engine/run-types.js'
import { runLoadBoardJob } from '../../src/jobs/load-board.js'
import { defaultTarget } from '../../src/pipelines/load-board/board-target.js'
import type { MondayRequest } from '../../src/pipelines/load-board/reader.js'
import type { BoardVerification } from '../../src/pipelines/load-board/verify.js'
import { type BoardChange, driftedRequest } from '../helpers/drifted-board.js'

/**
 * load-board's typed tables on SQL Server, end to end: the emulator's boards through the real
 * pipeline into the database of MSSQL_URL (the GitHub workflow's SQL Server job), the same DDL
 * the SQLite tests of __tests__/load-board/typed-tables.test.ts check: odd titles (unicode,
 * spaces, reserved words, duplicates, a title over SQL Server's 128-character limit), drift
 * (added, removed, retyped columns) with ALTER TABLE inside the swap transaction.
 */
const url = process.env.MSSQL_URL
if (!url) process.stdout.write('SQL Server contract tests skipped: MSSQL_URL is not set\n')
const describeMssql = url ? describe : describe.skip

const TOKEN = 'tok-MSSQL-TYPED-51c2'
const suffix = randomBytes(3).toString('hex')
const boardsOf = (report: PipelineReport): BoardVerification[] => report.details.boards as BoardVerification[]

describeMssql('load-board typed tables on SQL Server', () => {
  let emulator: MondayEmulator
  let client: ReturnType<typeof createMondayClient>
  let db: Database
  const tables: string[] = []
  /** A table name of this run (dropped at the end, with its staging tables and dictionary rows). */
  const tableName = (base: string): string => {
    const name = `lbt_${base}_${suffix}`
    tables.push(name, `${name}_staging`)
    return name
  }

  beforeAll(async () => {
    emulator = await startMondayEmulator({ plan: 'pro', token: TOKEN, latency: { baseMs: 1 }, seed: 19 })
    client = createMondayClient({ url: emulator.url, token: TOKEN })
    db = await openDatabase(url ?? '')
  })
  afterAll(async () => {
    for (const t of tables) await db.execute(`DROP TABLE IF EXISTS ${db.quote(t)}`).catch(() => 0)
    for (const t of tables) {
      await db.execute('DELETE FROM monday_sync_columns WHERE table_name = @t', { t }).catch(() => 0)
    }
    await db.close()
    await emulator.close()
  })

  /** One load of `boardId` into `table`, in-process through the engine client (or `request`). */
  async function load(boardId: string, table: string, request?: MondayRequest): Promise<PipelineReport> {
    const dir = mkdtempSync(join(tmpdir(), 'lbt-mssql-'))
    return await runLoadBoardJob(
      {
        boardIds: [boardId],
        databaseUrl: url ?? '',
        token: TOKEN,
        apiUrl: emulator.url,
        runDir: join(dir, 'run'),
        targets: [{ ...defaultTarget(boardId), table, subitemsTable: `${table}_subitems` }]
      },
      request ? { request } : {}
    )
  }

  const columnsOf = async (table: string): Promise<Map<string, string>> => {
    const rows = await db.query<{ name: string; type: string }>(
      'SELECT c.name AS name, t.name AS type FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id ' +
        'WHERE c.object_id = OBJECT_ID(@table)',
      { table }
    )
    return new Map(rows.map(r => [r.name, r.type]))
  }
  const dictionaryOf = async (table: string): Promise<SqlRow[]> =>
    await db.query(
      'SELECT column_name, monday_column_id, title, sql_type, active FROM monday_sync_columns WHERE table_name = @table',
      { table }
    )

  /** A request that shows monday's board as changed: columns hidden or retyped, in columns and values alike. */
  const changed = (change: BoardChange): MondayRequest => driftedRequest(client.request.bind(client), change)

  it('odd titles become safe, unique, quoted columns: unicode, spaces, reserved words, duplicates, 200 characters', async () => {
    const long = `Very long title ${'x'.repeat(190)}`
    const titles = [
      'Größe (cm)',
      '日付',
      'select',
      'Order',
      'Amount',
      'amount',
      'Item ID',
      'State',
      '  spaces  here ',
      long
    ]
    const board = emulator.admin.createBoard({
      name: 'Odd titles',
      columns: titles.map((title, i) => ({ id: `c${i}`, title, type: i % 2 ? 'numbers' : 'text' })),
      items: 40
    })
    const table = tableName('odd')
    const report = await load(board.id, table)
    expect(boardsOf(report)[0]).toMatchObject({ loaded: 40, verified: true, swapped: true })

    const dictionary = await dictionaryOf(table)
    const names = Object.fromEntries(dictionary.map(d => [String(d.monday_column_id), String(d.column_name)]))
    expect(names).toEqual({
      c0: 'grosse_cm',
      c1: 'c1',
      c2: 'select',
      c3: 'order',
      c4: 'amount',
      c5: 'amount_2',
      c6: 'item_id_2',
      c7: 'state_2',
      c8: 'spaces_here',
      c9: `very_long_title_${'x'.repeat(96)}`
    })
    // NVARCHAR keeps the titles as monday has them, the 206-character one whole
    const titleOf = (id: string): unknown => dictionary.find(d => d.monday_column_id === id)?.title
    expect([titleOf('c0'), titleOf('c1'), titleOf('c9')]).toEqual(['Größe (cm)', '日付', long])

    const columns = await columnsOf(table)
    for (const name of Object.values(names)) {
      expect(name.length).toBeLessThanOrEqual(128)
      expect(columns.has(name)).toBe(true)
    }
    expect(columns.get('amount_2')).toBe('decimal')
    expect(columns.get('amount')).toBe('nvarchar')
    expect(columns.get('select')).toBe('nvarchar')
    expect(columns.get('created_at')).toBe('datetime2')

    // every value in its own column, as the emulator shows it
    const rows = await db.query(`SELECT * FROM ${db.quote(table)}`)
    expect(rows).toHaveLength(40)
    const items = new Map(emulator.admin.items(board.id).map(i => [i.id, i]))
    for (const row of rows) {
      const item = items.get(String(row.item_id))!
      for (const [id, name] of Object.entries(names)) {
        const text = item.columnValues[id]!.text
        const numeric = Number(id.slice(1)) % 2 === 1
        const value = row[name]
        if (text === '') expect(value).toBeNull()
        else if (numeric) expect(Number(value)).toBeCloseTo(Number(text), 6)
        else expect(value).toBe(text)
      }
    }
    // an analyst's query with the reserved words bracketed works as is
    const [top] = await db.query(`SELECT TOP 1 [select], [order], item_id_2 FROM ${db.quote(table)}`)
    expect(Object.keys(top!)).toEqual(['select', 'order', 'item_id_2'])
  })

  it('drift: an added column is added inside the swap, a removed one kept with NULLs, a retyped one fails the board', async () => {
    const board = emulator.admin.createBoard({
      name: 'Drifting',
      columns: [
        { id: 'amount', title: 'Amount', type: 'numbers' },
        { id: 'notes', title: 'Notes', type: 'text' },
        { id: 'later', title: 'Added later', type: 'status' },
        { id: 'due', title: 'Due', type: 'date' }
      ],
      items: 120
    })
    const table = tableName('drift')
    const first = await load(board.id, table, changed({ hide: ['later'] }))
    expect(boardsOf(first)[0]).toMatchObject({ loaded: 120, verified: true, columnsAdded: [] })
    expect((await columnsOf(table)).has('added_later')).toBe(false)
    expect((await columnsOf(table)).get('due')).toBe('datetime2')

    // the column appeared on monday, and "Notes" was deleted
    const second = await load(board.id, table, changed({ hide: ['notes'] }))
    const [detail] = boardsOf(second)
    expect(detail).toMatchObject({ loaded: 120, verified: true, columnsAdded: [`${table}.added_later`] })
    expect(detail!.columnsRemoved).toEqual([`${table}.notes ("Notes", notes, text)`])
    expect(reportTable(second)).toMatch(/column removed on monday, kept with NULLs from now on: .*notes/)
    const columns = await columnsOf(table)
    expect(columns.get('added_later')).toBe('nvarchar')
    expect(columns.get('notes')).toBe('nvarchar')
    const items = new Map(emulator.admin.items(board.id).map(i => [Number(i.id), i]))
    const rows = await db.query(`SELECT item_id, notes, added_later FROM ${db.quote(table)}`)
    expect(rows).toHaveLength(120)
    for (const row of rows) {
      expect(row.notes).toBeNull()
      expect(row.added_later).toBe(items.get(Number(row.item_id))!.columnValues.later!.text || null)
    }
    const active = (await dictionaryOf(table)).map(d => [String(d.column_name), Boolean(d.active)]).sort()
    expect(active).toEqual([
      ['added_later', true],
      ['amount', true],
      ['due', true],
      ['notes', false]
    ])

    // "Due" became a text column on monday: the board fails naming it and both types; the table stays
    const before = await db.query(`SELECT * FROM ${db.quote(table)} ORDER BY item_id`)
    const retyped = await load(board.id, table, changed({ hide: ['notes'], retype: { due: 'text' } }))
    expect(boardsOf(retyped)[0]).toMatchObject({ swapped: false, verified: false })
    expect(retyped.failures[0]).toMatchObject({ operation: 'schema', errorClass: 'validation' })
    expect(retyped.failures[0]!.message).toMatch(/column "Due" \(due\) changed type on monday from date to text/)
    expect(await db.query(`SELECT * FROM ${db.quote(table)} ORDER BY item_id`)).toEqual(before)
    expect((await columnsOf(table)).get('due')).toBe('datetime2')
  })
})
