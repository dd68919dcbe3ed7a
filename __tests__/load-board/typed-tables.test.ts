import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  type BoardInfo,
  type ColumnSpec,
  type EmulatedItem,
  type MondayEmulator,
  startMondayEmulator
} from '../../emulator/monday/index.js'
import { createMondayClient } from '../../src/adapters/monday/client.js'
import type { SqlRow } from '../../src/adapters/sql/database.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { parseCli } from '../../src/cli/args.js'
import { loadBoardCommand, reportTable } from '../../src/cli/commands/load-board.js'
import type { CliIo } from '../../src/cli/io.js'
import type { PipelineReport } from '../../src/engine/run-types.js'
import { type LoadBoardJobSettings, runLoadBoardJob } from '../../src/jobs/load-board.js'
import { defaultTarget } from '../../src/pipelines/load-board/board-target.js'
import type { MondayRequest } from '../../src/pipelines/load-board/reader.js'
import type { BoardVerification } from '../../src/pipelines/load-board/verify.js'
import { type BoardChange, driftedRequest } from '../helpers/drifted-board.js'

const TOKEN = 'tok-TYPED-7f3a'

function captureIo(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { env, out, err, stdout: t => void out.push(t), stderr: t => void err.push(t) }
}

async function query(file: string, sql: string): Promise<SqlRow[]> {
  const db = SqliteDatabase.open(file)
  try {
    return await db.query(sql)
  } finally {
    await db.close()
  }
}

const boardsOf = (report: PipelineReport): BoardVerification[] => report.details.boards as BoardVerification[]
const parsed = (raw: string | null | undefined): Record<string, unknown> | null =>
  raw ? (JSON.parse(raw) as Record<string, unknown>) : null

/** What the typed column of each monday type must hold, from the emulator's own text and value. */
const EXPECTED: Record<string, (text: string | null, value: string | null) => Record<string, unknown>> = {
  text: text => ({ '': text || null }),
  long_text: text => ({ '': text || null }),
  numbers: text => ({ '': text ? Number(text) : null }),
  status: text => ({ '': text || null }),
  dropdown: text => ({ '': text || null }),
  date: (_, value) => {
    const v = parsed(value) as { date?: string; time?: string | null } | null
    return { '': v?.date ? new Date(`${v.date}T${v.time ?? '00:00:00'}Z`).toISOString() : null }
  },
  people: (text, value) => {
    const entries = (parsed(value)?.personsAndTeams ?? []) as { id: number }[]
    return { '': text || null, ids: entries.length ? entries.map(e => e.id).join(',') : null }
  },
  checkbox: (_, value) => ({ '': parsed(value)?.checked === 'true' ? 1 : 0 }),
  email: (_, value) => ({ '': parsed(value)?.email ?? null }),
  phone: (_, value) => ({ '': parsed(value)?.phone ?? null }),
  link: (_, value) => ({ '': parsed(value)?.url ?? null }),
  timeline: (_, value) => {
    const v = parsed(value) as { from?: string; to?: string } | null
    const day = (d: string | undefined): string | null => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null)
    return { from: day(v?.from), to: day(v?.to) }
  },
  tags: text => ({ '': text || null }),
  board_relation: (_, value) => {
    const linked = (parsed(value)?.linkedPulseIds ?? []) as { linkedPulseId: number }[]
    return { '': linked.length ? linked.map(l => l.linkedPulseId).join(',') : null }
  }
}

/** A column of each type with a value of its own (besides name and subtasks, which have their own place). */
const ALL_TYPES: ColumnSpec[] = Object.keys(EXPECTED)
  .filter(type => type !== 'board_relation')
  .map(type => ({ id: `c_${type}`, title: `A ${type}`, type }))

describe('load-board typed tables against the monday emulator and SQLite', () => {
  let emulator: MondayEmulator
  let client: ReturnType<typeof createMondayClient>

  beforeAll(async () => {
    emulator = await startMondayEmulator({ plan: 'pro', token: TOKEN, latency: { baseMs: 1 }, seed: 14 })
    client = createMondayClient({ url: emulator.url, token: TOKEN })
  })
  afterAll(() => emulator.close())

  /** Runs one load in-process through the engine client; `request` may rewrite monday's answers. */
  async function load(
    dir: string,
    boardIds: string[],
    extra: Partial<LoadBoardJobSettings> & { request?: MondayRequest } = {}
  ): Promise<{ report: PipelineReport; io: ReturnType<typeof captureIo> }> {
    const io = captureIo()
    const { request, ...settings } = extra
    const report = await runLoadBoardJob(
      {
        boardIds,
        databaseUrl: `sqlite:${dir}/db.sqlite`,
        token: TOKEN,
        apiUrl: emulator.url,
        runDir: join(dir, `run-${Math.random().toString(36).slice(2)}`),
        ...settings
      },
      { output: io, ...(request ? { request } : {}) }
    )
    return { report, io }
  }

  it('gives every column type the emulator knows its SQL column and type, items and subitems alike', async () => {
    const linked = emulator.admin.createBoard({
      name: 'Linked',
      columns: [{ id: 'label', title: 'Label', type: 'text' }],
      items: 30
    })
    const board = emulator.admin.createBoard({
      name: 'Every type',
      columns: [
        ...ALL_TYPES,
        { id: 'c_board_relation', title: 'A board_relation', type: 'board_relation', boardIds: [linked.id] },
        {
          id: 'c_mirror',
          title: 'A mirror',
          type: 'mirror',
          mirror: { relationColumnId: 'c_board_relation', columnId: 'label' }
        },
        { id: 'c_formula', title: 'A formula', type: 'formula', formula: '{c_numbers} * 2' }
      ],
      subitemColumns: ALL_TYPES,
      groups: ['One', 'Two'],
      items: 300,
      subitemsPerItem: 1
    })
    // connect boards values are only written by clients: link a third of the items
    const targets = emulator.admin.items(linked.id)
    for (const [n, item] of emulator.admin.items(board.id).entries()) {
      if (n % 3 !== 0) continue
      const ids = [targets[n % 30]!.id, ...(n % 2 ? [targets[(n + 7) % 30]!.id] : [])]
      await client.request(
        'mutation ($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }',
        { b: board.id, i: item.id, v: JSON.stringify({ c_board_relation: { item_ids: ids.map(Number) } }) },
        { kind: 'mutation', items: 1 }
      )
    }
    const dir = mkdtempSync(join(tmpdir(), 'lb-types-'))
    const { report } = await load(dir, [board.id], { includeSubitems: true })
    expect(boardsOf(report)[0]).toMatchObject({ loaded: 300, subitems: 300, verified: true })
    const file = join(dir, 'db.sqlite')
    const table = `monday_board_${board.id}`
    const dictionary = await query(file, 'SELECT * FROM monday_sync_columns ORDER BY table_name, column_name')
    expect(dictionary.filter(d => d.table_name === table).map(d => [d.column_name, d.monday_type, d.sql_type])).toEqual(
      [
        ['a_board_relation', 'board_relation', 'text'],
        ['a_checkbox', 'checkbox', 'boolean'],
        ['a_date', 'date', 'datetime'],
        ['a_dropdown', 'dropdown', 'text'],
        ['a_email', 'email', 'text'],
        ['a_formula', 'formula', 'text'],
        ['a_link', 'link', 'text'],
        ['a_long_text', 'long_text', 'text'],
        ['a_mirror', 'mirror', 'text'],
        ['a_numbers', 'numbers', 'decimal'],
        ['a_people', 'people', 'text'],
        ['a_people_ids', 'people', 'text'],
        ['a_phone', 'phone', 'text'],
        ['a_status', 'status', 'shorttext'],
        ['a_tags', 'tags', 'text'],
        ['a_text', 'text', 'text'],
        ['a_timeline_from', 'timeline', 'datetime'],
        ['a_timeline_to', 'timeline', 'datetime']
      ]
    )
    const check = (rows: SqlRow[], items: EmulatedItem[], columns: BoardInfo['columns']): void => {
      const byId = new Map(rows.map(r => [String(r.item_id), r]))
      expect(byId.size).toBe(items.length)
      let filled = 0
      for (const item of items) {
        const row = byId.get(item.id)!
        for (const column of columns.filter(c => c.type in EXPECTED)) {
          const value = item.columnValues[column.id]!
          const base = column.title.toLowerCase().replace(' ', '_')
          for (const [part, expected] of Object.entries(EXPECTED[column.type]!(value.text, value.value))) {
            expect([column.type, part, row[part ? `${base}_${part}` : base]]).toEqual([column.type, part, expected])
            if (expected !== null) filled += 1
          }
        }
        // the raw JSON keeps every value, for whatever the typed columns do not show
        const raw = JSON.parse(row.column_values as string) as Record<string, { text: string | null }>
        for (const [id, value] of Object.entries(item.columnValues)) expect(raw[id]?.text).toBe(value.text)
      }
      expect(filled).toBeGreaterThan(items.length * 5)
    }
    const items = emulator.admin.items(board.id)
    const rows = await query(file, `SELECT * FROM ${table}`)
    check(rows, items, board.columns)
    // mirror and formula: what monday shows (display_value), the linked items' labels and the computed value
    const labels = new Map(targets.map(t => [t.id, t.columnValues.label!.text]))
    const shown = await displayValues(items.map(i => i.id))
    let related = 0
    for (const row of rows) {
      const ids = row.a_board_relation === null ? [] : String(row.a_board_relation).split(',')
      related += ids.length > 0 ? 1 : 0
      const mirrored = ids
        .map(id => labels.get(id))
        .filter(Boolean)
        .join(', ')
      expect([row.item_id, row.a_mirror]).toEqual([row.item_id, mirrored || null])
      const formula = shown.get(String(row.item_id))
      expect([row.item_id, row.a_formula]).toEqual([row.item_id, formula || null])
    }
    expect(related).toBe(100)
    expect(rows.filter(r => r.a_formula !== null).length).toBeGreaterThan(200)
    const subitems = await query(file, `SELECT * FROM ${table}_subitems`)
    check(
      subitems,
      items.flatMap(i => i.subitems),
      board.subitemColumns
    )
    const parents = new Map(items.flatMap(i => i.subitems.map(s => [s.id, Number(i.id)])))
    for (const row of subitems) expect(row.parent_item_id).toBe(parents.get(String(row.item_id)))
  })

  it('makes safe, unique SQL names of odd titles: unicode, spaces, reserved words, duplicates, 200 characters', async () => {
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
    const dir = mkdtempSync(join(tmpdir(), 'lb-odd-'))
    const { report } = await load(dir, [board.id])
    expect(boardsOf(report)[0]).toMatchObject({ loaded: 40, verified: true })
    const file = join(dir, 'db.sqlite')
    const dictionary = await query(
      file,
      `SELECT column_name, monday_column_id, title FROM monday_sync_columns WHERE table_name = 'monday_board_${board.id}'`
    )
    const names = Object.fromEntries(dictionary.map(d => [d.monday_column_id, d.column_name]))
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
    for (const name of Object.values(names)) expect(String(name).length).toBeLessThanOrEqual(128)
    expect(dictionary.find(d => d.monday_column_id === 'c9')?.title).toBe(long)
    // every value landed in its own column: compare each with the emulator's text
    const rows = await query(file, `SELECT * FROM monday_board_${board.id}`)
    const items = new Map(emulator.admin.items(board.id).map(i => [i.id, i]))
    for (const row of rows) {
      const item = items.get(String(row.item_id))!
      expect(row.item_id).toBe(Number(item.id))
      expect(row.state).toBe('active')
      for (const [id, name] of Object.entries(names)) {
        const text = item.columnValues[id]!.text
        const numeric = Number(id.slice(1)) % 2 === 1
        expect(row[String(name)]).toEqual(text === '' ? null : numeric ? Number(text) : text)
      }
    }
    // an analyst's query with the quoted reserved words works as is
    const [top] = await query(file, `SELECT "select", "order", item_id_2 FROM monday_board_${board.id} LIMIT 1`)
    expect(Object.keys(top!)).toEqual(['select', 'order', 'item_id_2'])
  })

  /** The formula column's display_value of each item, as monday's API shows it. */
  async function displayValues(ids: string[]): Promise<Map<string, string>> {
    const shown = new Map<string, string>()
    for (let i = 0; i < ids.length; i += 100) {
      const data = await client.request<{ items: { id: string; column_values: { display_value?: string }[] }[] }>(
        'query ($ids: [ID!]) { items(ids: $ids, limit: 100) { id column_values(ids: ["c_formula"]) { ... on FormulaValue { display_value } } } }',
        { ids: ids.slice(i, i + 100) },
        { kind: 'items', items: 100 }
      )
      for (const item of data.items) shown.set(item.id, item.column_values[0]?.display_value ?? '')
    }
    return shown
  }

  /** A request that shows monday's board as changed: columns hidden or retyped, in columns and values alike. */
  const changed = (change: BoardChange): MondayRequest => driftedRequest(client.request.bind(client), change)

  it('follows schema drift: an added column is added, a removed one kept with NULLs and reported', async () => {
    const board = emulator.admin.createBoard({
      name: 'Drifting',
      columns: [
        { id: 'amount', title: 'Amount', type: 'numbers' },
        { id: 'notes', title: 'Notes', type: 'text' },
        { id: 'later', title: 'Added later', type: 'status' }
      ],
      items: 120
    })
    const dir = mkdtempSync(join(tmpdir(), 'lb-drift-'))
    const file = join(dir, 'db.sqlite')
    const table = `monday_board_${board.id}`
    // first load: monday does not have "Added later" yet
    const first = await load(dir, [board.id], { request: changed({ hide: ['later'] }) })
    expect(boardsOf(first.report)[0]).toMatchObject({ loaded: 120, verified: true, columnsAdded: [] })
    expect(Object.keys((await query(file, `SELECT * FROM ${table} LIMIT 1`))[0]!)).not.toContain('added_later')
    // second load: the column appeared, and "Notes" was deleted on monday
    const second = await load(dir, [board.id], { request: changed({ hide: ['notes'] }) })
    const [detail] = boardsOf(second.report)
    expect(detail).toMatchObject({ loaded: 120, verified: true, columnsAdded: [`${table}.added_later`] })
    expect(detail!.columnsRemoved).toEqual([`${table}.notes ("Notes", notes, text)`])
    expect(reportTable(second.report)).toMatch(/column removed on monday, kept with NULLs from now on: .*notes/)
    const rows = await query(file, `SELECT item_id, amount, notes, added_later FROM ${table}`)
    const items = new Map(emulator.admin.items(board.id).map(i => [Number(i.id), i]))
    for (const row of rows) {
      expect(row.notes).toBeNull()
      expect(row.added_later).toBe(items.get(Number(row.item_id))!.columnValues.later!.text || null)
    }
    const dictionary = await query(
      file,
      `SELECT column_name, active FROM monday_sync_columns WHERE table_name = '${table}'`
    )
    expect(dictionary.map(d => [d.column_name, d.active]).sort()).toEqual([
      ['added_later', 1],
      ['amount', 1],
      ['notes', 0]
    ])
    // the column comes back on monday: it fills its old SQL column again
    const third = await load(dir, [board.id])
    expect(boardsOf(third.report)[0]).toMatchObject({ columnsAdded: [], columnsRemoved: [], verified: true })
    const notes = await query(file, `SELECT COUNT(notes) AS n FROM ${table}`)
    expect(Number(notes[0]!.n)).toBeGreaterThan(100)
  })

  it('fails a board whose column changed type, naming the column and both types, while the other board loads', async () => {
    const a = emulator.admin.createBoard({
      name: 'Retyped',
      columns: [{ id: 'due', title: 'Due', type: 'date' }],
      items: 60
    })
    const b = emulator.admin.createBoard({ name: 'Steady', columns: [{ title: 'Code', type: 'text' }], items: 70 })
    const dir = mkdtempSync(join(tmpdir(), 'lb-retype-'))
    const file = join(dir, 'db.sqlite')
    await load(dir, [a.id, b.id])
    const before = await query(file, `SELECT * FROM monday_board_${a.id} ORDER BY item_id`)
    const { report, io } = await load(dir, [a.id, b.id], { request: changed({ retype: { due: 'text' } }) })
    const [failed, loaded] = boardsOf(report)
    expect(failed).toMatchObject({ boardId: a.id, swapped: false, verified: false })
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ boardId: a.id, operation: 'schema', errorClass: 'validation' })
    expect(report.failures[0]!.message).toMatch(/column "Due" \(due\) changed type on monday from date to text/)
    expect(io.err.join('')).toMatch(/changed type on monday from date to text/)
    expect(loaded).toMatchObject({ boardId: b.id, loaded: 70, verified: true })
    // the failed board's table is as the last good load left it
    expect(await query(file, `SELECT * FROM monday_board_${a.id} ORDER BY item_id`)).toEqual(before)
  })

  it('leaves the generic monday_items table of earlier versions as it was, says so, and never loads into it', async () => {
    const board = emulator.admin.createBoard({ name: 'Legacy', columns: [{ title: 'Code', type: 'text' }], items: 40 })
    const dir = mkdtempSync(join(tmpdir(), 'lb-legacy-'))
    const file = join(dir, 'db.sqlite')
    const db = SqliteDatabase.open(file)
    // the generic table as load-board wrote it before typed tables: every board's rows in one table
    await db.execute(
      'CREATE TABLE monday_items (source_board_id INTEGER NOT NULL, item_id INTEGER NOT NULL, board_id INTEGER NOT NULL, ' +
        'group_id TEXT, group_title TEXT, name TEXT, state TEXT, created_at TEXT, updated_at TEXT, ' +
        'parent_item_id INTEGER, column_values TEXT, PRIMARY KEY (source_board_id, item_id))'
    )
    for (const [source, item] of [
      [board.id, '1'],
      [board.id, '2'],
      ['999', '3']
    ])
      await db.execute(
        `INSERT INTO monday_items (source_board_id, item_id, board_id, name, column_values) VALUES (${source}, ${item}, ${source}, 'old', '{}')`
      )
    await db.close()
    const before = await query(file, 'SELECT * FROM monday_items ORDER BY item_id')

    const { report, io } = await load(dir, [board.id])
    expect(boardsOf(report)[0]).toMatchObject({
      loaded: 40,
      verified: true,
      table: `monday_board_${board.id}`,
      legacy: { table: 'monday_items', rows: 2 }
    })
    expect(io.err.join('')).toMatch(/monday_items \(the generic table of earlier versions\) still holds 2 of its rows/)
    expect(reportTable(report)).toMatch(/monday_items .* still holds 2 rows of this board, no longer updated/)
    expect(await query(file, 'SELECT * FROM monday_items ORDER BY item_id')).toEqual(before)

    // pointed at the generic table (an old single-board configuration), the run stops and the rows stay
    await expect(
      load(dir, [board.id], {
        targets: [{ ...defaultTarget(board.id), table: 'monday_items', subitemsTable: 'monday_items_subitems' }]
      })
    ).rejects.toThrow(
      /table "monday_items" is the generic table of an earlier load-board .* its rows were left as they were/
    )
    expect(await query(file, 'SELECT * FROM monday_items ORDER BY item_id')).toEqual(before)

    // the view docs/load-board.md suggests, under the old name, over the typed table: no notice
    const renamed = SqliteDatabase.open(file)
    await renamed.execute('ALTER TABLE monday_items RENAME TO monday_items_old')
    await renamed.execute(
      `CREATE VIEW monday_items AS SELECT ${board.id} AS source_board_id, item_id, ${board.id} AS board_id, ` +
        `name, NULL AS parent_item_id, column_values FROM monday_board_${board.id}`
    )
    await renamed.close()
    const viewed = await load(dir, [board.id])
    expect(boardsOf(viewed.report)[0]).toMatchObject({ loaded: 40, verified: true })
    expect(boardsOf(viewed.report)[0]!.legacy).toBeUndefined()
    expect(viewed.io.err.join('')).not.toMatch(/generic table/)
  })

  it('loads two boards from one registry in one run, each into its tables with its mapping', async () => {
    const orders = emulator.admin.createBoard({
      name: 'Orders',
      columns: [
        { id: 'total', title: 'Total (€)', type: 'numbers' },
        { id: 'state', title: 'Status', type: 'status' }
      ],
      subitemColumns: [{ id: 'qty', title: 'Qty', type: 'numbers' }],
      items: 150,
      subitemsPerItem: 2
    })
    const people = emulator.admin.createBoard({
      name: 'Contacts',
      columns: [{ id: 'owner', title: 'Owner', type: 'people' }],
      items: 90
    })
    const dir = mkdtempSync(join(tmpdir(), 'lb-registry-'))
    const config = join(dir, 'monday-sync.toml')
    writeFileSync(
      config,
      [
        '[environments.production]',
        `database_url = "sqlite:${dir}/db.sqlite"`,
        '[load_board]',
        'batch_size = 40',
        '[[boards]]',
        `board_id = ${orders.id}`,
        'name = "Orders"',
        'description = "Customer orders, one item per order"',
        'table = "orders"',
        'subitems_table = "order_lines"',
        '[[boards.columns]]',
        'column_id = "total"',
        'name = "total_eur"',
        '[[boards.subitem_columns]]',
        'column_id = "qty"',
        'name = "quantity"',
        'type = "integer"',
        '[[boards]]',
        'board_id = "${CONTACTS_BOARD}"',
        'name = "Contacts"',
        'table = "contacts"',
        'environments = ["production"]',
        '[[boards]]',
        'board_id = 1',
        'name = "Staging only"',
        'table = "never"',
        'environments = ["staging"]'
      ].join('\n')
    )
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: emulator.url, CONTACTS_BOARD: people.id }
    const io = captureIo(env)
    const argv = ['load-board', '--config', config, '--environment', 'production', '--run-dir', join(dir, 'run')]
    expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
    const out = io.out.join('')
    expect(out).toMatch(new RegExp(`${orders.id}\\s+150\\s+150\\s+150\\s+300\\s+0\\s+0\\s+yes\\s+yes`))
    expect(out).toMatch(new RegExp(`${people.id}\\s+90\\s+90\\s+90\\s+0\\s+0\\s+0\\s+yes\\s+yes`))
    expect(out).toMatch(/Orders: table orders, subitems order_lines/)
    const file = join(dir, 'db.sqlite')
    const orderRows = await query(file, 'SELECT item_id, total_eur, status FROM orders')
    expect(orderRows).toHaveLength(150)
    const lines = await query(file, 'SELECT parent_item_id, quantity FROM order_lines')
    expect(lines).toHaveLength(300)
    const items = emulator.admin.items(orders.id)
    const qty = new Map(items.flatMap(i => i.subitems.map(s => [Number(i.id), s.columnValues.qty!.text])))
    for (const line of lines) {
      const text = qty.get(Number(line.parent_item_id))
      expect(text).toBeDefined()
      expect(line.quantity === null || Number.isInteger(line.quantity)).toBe(true)
    }
    expect(await query(file, 'SELECT COUNT(*) AS n, COUNT(owner_ids) AS ids FROM contacts')).toEqual([
      { n: 90, ids: expect.any(Number) }
    ])
    const tables = await query(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'never'")
    expect(tables).toEqual([])
    // one board of the registry by its id
    const one = captureIo(env)
    const only = [...argv.slice(0, -2), '--board', people.id, '--run-dir', join(dir, 'run-one')]
    expect(await loadBoardCommand(parseCli(only), one)).toBe(0)
    expect(one.out.join('')).toMatch(/Contacts: table contacts/)
    expect(one.out.join('')).not.toMatch(/orders/)
    // a board that is not registered is refused, naming the registry
    await expect(
      loadBoardCommand(parseCli([...argv.slice(0, -2), '--board', '999', '--run-dir', join(dir, 'r')]), one)
    ).rejects.toThrow(/--board: board 999 is not in the registry/)
  })
})
