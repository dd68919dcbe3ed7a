import { afterEach, describe, expect, it } from '@jest/globals'
import type { Database } from '../../src/adapters/sql/database.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { SqlStagingStore } from '../../src/adapters/sql/staging-store.js'
import type { Checkpoint } from '../../src/engine/run-types.js'
import { defaultTarget } from '../../src/pipelines/load-board/board-target.js'
import { runLoadBoard } from '../../src/pipelines/load-board/index.js'
import type { BoardVerification } from '../../src/pipelines/load-board/verify.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { FakeBoard } from './fake-board.js'

/** Routes each board's calls to its fake (several boards share one reader, as in a run). */
function readerOf(...boards: FakeBoard[]): FakeBoard {
  const byId = new Map(boards.map(b => [b.boardId, b]))
  const first = boards[0]!
  return Object.assign(Object.create(first) as FakeBoard, {
    walkPage: (boardId: string, cursor: string | null, limit: number) =>
      byId.get(boardId)!.walkPage(boardId, cursor, limit),
    boardColumns: (boardId: string) => byId.get(boardId)!.boardColumns(),
    fetchItems: (ids: readonly string[], o: { subitems: boolean }) => {
      const owner = boards.find(b => b.items.some(i => i.id === ids[0]))!
      return owner.fetchItems(ids, o)
    }
  })
}

const dbs: Database[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close()
})
function openDb(): Database {
  const db = SqliteDatabase.open(':memory:')
  dbs.push(db)
  return db
}

const detailsOf = (report: { details: Record<string, unknown> }): BoardVerification[] =>
  report.details.boards as BoardVerification[]

describe('runLoadBoard', () => {
  it('loads every item once with its fields, typed columns and subitems, and verifies the count', async () => {
    const board = FakeBoard.make('7', 1234, 10)
    const db = openDb()
    const report = await runLoadBoard(
      { reader: board, db, clock: new FakeClock(1_000) },
      {
        boardIds: ['7'],
        pageSize: 100,
        batchSize: 50,
        concurrency: 4,
        targets: [
          {
            ...defaultTarget('7', true),
            columns: [
              { columnId: 'numbers', name: 'amount', type: 'real' },
              { columnId: 'date4', name: 'due' }
            ]
          }
        ]
      }
    )
    expect(report.itemsDone).toBe(1234)
    expect(report.failures).toEqual([])
    expect(detailsOf(report)[0]).toMatchObject({
      walked: 1234,
      loaded: 1234,
      subitems: 124,
      swapped: true,
      verified: true
    })
    const rows = await db.query('SELECT * FROM monday_board_7 ORDER BY item_id')
    expect(rows).toHaveLength(1234)
    const ids = rows.map(r => String(r.item_id))
    expect(new Set(ids).size).toBe(ids.length)
    const item = rows.find(r => String(r.item_id) === board.items[3]!.id)!
    expect(item).toMatchObject({
      group_id: 'topics',
      group_title: 'Topics',
      name: 'Item 4 "quoted" ✓',
      state: 'active',
      amount: 4.5,
      status: 'Done',
      due: '2026-06-15T00:00:00.000Z',
      created_at: board.items[3]!.created_at
    })
    expect(JSON.parse(item.column_values as string)).toMatchObject({ status: { text: 'Done', value: { index: 1 } } })
    // every field of every item, against the board's own data
    const byId = new Map(rows.map(r => [String(r.item_id), r]))
    for (const source of board.items) {
      const row = byId.get(source.id)!
      expect([row.name, row.group_id, row.group_title, row.state]).toEqual([
        source.name,
        source.group!.id,
        source.group!.title,
        source.state
      ])
      expect([row.created_at, row.updated_at]).toEqual([source.created_at, source.updated_at])
      const values = JSON.parse(row.column_values as string) as Record<string, { text: string; value: unknown }>
      for (const column of source.column_values!) {
        expect(values[column.id]).toEqual({ type: column.type, text: column.text, value: JSON.parse(column.value!) })
      }
      expect(row.amount).toBe(Number(source.column_values![0]!.text))
    }
    const subs = await db.query('SELECT * FROM monday_board_7_subitems ORDER BY item_id')
    expect(subs).toHaveLength(124)
    expect(subs[0]).toMatchObject({ name: 'Sub of 1', parent_item_id: Number(board.items[0]!.id) })
  })

  it('fetches batches while the walk is still running, never more than 100 ids per batch', async () => {
    const board = FakeBoard.make('8', 3000)
    await runLoadBoard({ reader: board, db: openDb() }, { boardIds: ['8'], pageSize: 500, concurrency: 3 })
    const firstFetch = board.calls.indexOf('fetch')
    expect(firstFetch).toBeGreaterThan(-1)
    expect(board.calls.lastIndexOf('walk:next')).toBeGreaterThan(firstFetch)
    expect(Math.max(...board.fetched.map(b => b.length))).toBeLessThanOrEqual(100)
    expect(board.fetched.flat().sort()).toEqual(board.items.map(i => i.id).sort())
  })

  it('starts no read while twice the staging writers of fetched batches wait for a slow database', async () => {
    const board = FakeBoard.make('28', 2000)
    const store = new SqlStagingStore(openDb())
    let unwritten = 0
    let most = 0
    let mostAtStart = 0
    const reader = Object.assign(Object.create(board) as FakeBoard, {
      fetchItems: async (ids: readonly string[], o: { subitems: boolean }) => {
        mostAtStart = Math.max(mostAtStart, unwritten)
        const items = await board.fetchItems(ids, o)
        most = Math.max(most, ++unwritten)
        return items
      }
    })
    const slow = Object.assign(Object.create(store) as SqlStagingStore, {
      stageBatch: async (...args: Parameters<SqlStagingStore['stageBatch']>) => {
        for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve))
        const written = await store.stageBatch(...args)
        unwritten -= 1
        return written
      }
    })
    const report = await runLoadBoard(
      { reader, store: slow },
      { boardIds: ['28'], batchSize: 50, concurrency: 12, stageWriters: 2 }
    )
    expect(detailsOf(report)[0]).toMatchObject({ loaded: 2000, verified: true })
    expect(most).toBeGreaterThan(4)
    expect(mostAtStart).toBeLessThan(4)
  })

  it('reports a mismatch with items_count instead of hiding it', async () => {
    const board = FakeBoard.make('9', 300)
    board.itemsCount = 301
    board.deleted.add(board.items[5]!.id)
    const report = await runLoadBoard({ reader: board, db: openDb() }, { boardIds: ['9'] })
    const [detail] = detailsOf(report)
    expect(detail).toMatchObject({ walked: 300, loaded: 299, missing: 1, verified: false, swapped: true })
    expect(detail!.mismatches.join(' ')).toMatch(/items_count is 301/)
    expect(report.details.verified).toBe(false)
  })

  it('re-walks after an expired cursor without fetching any item twice', async () => {
    const board = FakeBoard.make('10', 2000)
    board.failWalkAt = { call: 3, error: Object.assign(new Error('cursor expired'), { errorClass: 'cursor_expired' }) }
    const logs: string[] = []
    const report = await runLoadBoard(
      { reader: board, db: openDb(), hooks: { onLog: (_l, m) => logs.push(m) } },
      { boardIds: ['10'], pageSize: 250, batchSize: 100 }
    )
    expect(detailsOf(report)[0]).toMatchObject({ loaded: 2000, rewalks: 1, verified: true })
    const fetched = board.fetched.flat()
    expect(fetched).toHaveLength(2000)
    expect(new Set(fetched).size).toBe(2000)
    expect(logs.join('\n')).toMatch(/walking again/)
  })

  it('walks a large board by group, several cursors at once, and fetches every item once', async () => {
    const board = FakeBoard.make('12', 3000)
    board.namesGroups = true
    const report = await runLoadBoard({ reader: board, db: openDb() }, { boardIds: ['12'], pageSize: 250 })
    expect(detailsOf(report)[0]).toMatchObject({ loaded: 3000, verified: true })
    // the board's first page names the two groups; each is then walked from its own first page
    expect(board.calls.filter(c => c === 'walk:first')).toHaveLength(1)
    expect(board.calls.filter(c => c === 'walk:group')).toHaveLength(2)
    expect(board.calls).not.toContain('walk:next')
    expect(board.mostWalksInFlight).toBe(2)
    const fetched = board.fetched.flat()
    expect(fetched).toHaveLength(3000)
    expect(new Set(fetched).size).toBe(3000)
  })

  it('walks one cursor when the groups are small (a page each would cost more requests than it saves)', async () => {
    const board = FakeBoard.make('13', 400)
    board.namesGroups = true
    const report = await runLoadBoard({ reader: board, db: openDb() }, { boardIds: ['13'], pageSize: 250 })
    expect(detailsOf(report)[0]).toMatchObject({ loaded: 400, verified: true })
    expect(board.calls.filter(c => c.startsWith('walk:'))).toEqual(['walk:first', 'walk:next'])
  })

  it('walks a group again after its cursor expired, without losing or fetching any item twice', async () => {
    const board = FakeBoard.make('14', 3000)
    board.namesGroups = true
    // walk calls: the board's first page, both groups' first pages, then a group's next page expires
    board.failWalkAt = { call: 4, error: Object.assign(new Error('cursor expired'), { errorClass: 'cursor_expired' }) }
    const report = await runLoadBoard({ reader: board, db: openDb() }, { boardIds: ['14'], pageSize: 250 })
    expect(detailsOf(report)[0]).toMatchObject({ loaded: 3000, rewalks: 1, verified: true })
    expect(board.calls.filter(c => c === 'walk:group')).toHaveLength(3)
    const fetched = board.fetched.flat()
    expect(fetched).toHaveLength(3000)
    expect(new Set(fetched).size).toBe(3000)
  })

  it("resumes a walk by group from each group's saved cursor and loads every item exactly once", async () => {
    const board = FakeBoard.make('15', 8000)
    board.namesGroups = true
    board.failFetchFor = board.items[300]!.id
    const db = openDb()
    const checkpoints: Checkpoint[] = []
    const first = await runLoadBoard(
      { reader: board, db, hooks: { onCheckpoint: async c => void checkpoints.push(c) } },
      { boardIds: ['15'], pageSize: 250, batchSize: 50, concurrency: 2, checkpointEveryBatches: 3 }
    )
    expect(first.failures).toHaveLength(1)
    const saved = (checkpoints.at(-1)!.state as { boards: { groups?: { cursor: string | null }[] }[] }).boards[0]!
    expect(saved.groups?.map(g => g.cursor)).toEqual([expect.stringMatching(/^g:/), expect.stringMatching(/^g:/)])

    board.failFetchFor = null
    board.fetched.length = 0
    board.calls.length = 0
    const second = await runLoadBoard(
      { reader: board, db },
      { boardIds: ['15'], resume: checkpoints.at(-1), pageSize: 250 }
    )
    expect(second.failures).toEqual([])
    expect(second.itemsSkipped + second.itemsDone).toBe(8000)
    // the walk went on from the saved cursors: no group and no board walk started again
    expect(board.calls.filter(c => c === 'walk:first' || c === 'walk:group')).toEqual([])
    expect(new Set(board.fetched.flat()).size).toBe(board.fetched.flat().length)
    const rows = await db.query<{ item_id: number }>('SELECT item_id FROM monday_board_15')
    expect(new Set(rows.map(r => r.item_id)).size).toBe(8000)
  })

  it('does not swap a board with a failed batch, and a resumed run completes it exactly once', async () => {
    const board = FakeBoard.make('11', 1500)
    const db = openDb()
    // an earlier load of this board is in the target: it must stay until a complete load replaces it
    const earlier = await runLoadBoard({ reader: FakeBoard.make('11', 10), db }, { boardIds: ['11'] })
    expect(earlier.itemsDone).toBe(10)
    board.failFetchFor = board.items[700]!.id
    const checkpoints: Checkpoint[] = []
    const first = await runLoadBoard(
      { reader: board, db, hooks: { onCheckpoint: async c => void checkpoints.push(c) } },
      { boardIds: ['11'], pageSize: 200, batchSize: 50, concurrency: 2, checkpointEveryBatches: 3 }
    )
    expect(first.failures).toHaveLength(1)
    expect(first.failures[0]).toMatchObject({ boardId: '11', operation: 'fetch_items', errorClass: 'unknown' })
    expect(first.failures[0]!.rowKeys).toContain(board.items[700]!.id)
    expect(detailsOf(first)[0]).toMatchObject({ swapped: false, verified: false })
    const target = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM monday_board_11')
    expect(target[0]!.n).toBe(10)
    const last = checkpoints.at(-1)!
    expect(last.final).toBe(true)
    expect(checkpoints.map(c => c.sequence)).toEqual(checkpoints.map((_, i) => i + 1))

    board.failFetchFor = null
    board.fetched.length = 0
    const second = await runLoadBoard({ reader: board, db }, { boardIds: ['11'], resume: last, pageSize: 200 })
    expect(second.failures).toEqual([])
    expect(second.itemsSkipped + second.itemsDone).toBe(1500)
    expect(second.itemsSkipped).toBe(first.itemsDone)
    expect(new Set(board.fetched.flat()).size).toBe(board.fetched.flat().length)
    expect(board.fetched.flat().length).toBe(1500 - first.itemsDone)
    const rows = await db.query<{ item_id: number }>('SELECT item_id FROM monday_board_11')
    expect(rows).toHaveLength(1500)
    expect(new Set(rows.map(r => r.item_id)).size).toBe(1500)
  })

  it('resumed after a first-load swap committed and before its checkpoint said so, keeps the load in the target', async () => {
    // on SQLite a first load's swap renames the staging tables into the targets: staging is gone
    const board = FakeBoard.make('12', 700, 10)
    const db = openDb()
    const checkpoints: Checkpoint[] = []
    const first = await runLoadBoard(
      { reader: board, db, hooks: { onCheckpoint: async c => void checkpoints.push(c) } },
      { boardIds: ['12'], pageSize: 200, batchSize: 50, targets: [defaultTarget('12', true)] }
    )
    expect(detailsOf(first)[0]).toMatchObject({ loaded: 700, subitems: 70, swapped: true, verified: true })
    // the checkpoint written after the fetches, before the swap: what a run killed just after the commit left
    const beforeSwap = checkpoints.filter(c => {
      const state = (c.state as { boards: { walkDone: boolean; swapped: boolean }[] }).boards[0]!
      return state.walkDone && !state.swapped
    })
    board.fetched.length = 0
    const resumed = await runLoadBoard(
      { reader: board, db },
      { boardIds: ['12'], resume: beforeSwap.at(-1), targets: [defaultTarget('12', true)] }
    )
    expect(board.fetched).toEqual([])
    expect(detailsOf(resumed)[0]).toMatchObject({ loaded: 700, subitems: 70, swapped: true, verified: true })
    const count = async (table: string): Promise<unknown> => (await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]
    expect(await count('monday_board_12')).toEqual({ n: 700 })
    expect(await count('monday_board_12_subitems')).toEqual({ n: 70 })
  })

  it('loads several boards in one run and keeps each board to its own rows', async () => {
    const a = FakeBoard.make('21', 120)
    const b = FakeBoard.make('22', 80)
    const db = openDb()
    const report = await runLoadBoard({ reader: readerOf(a, b), db }, { boardIds: ['21', '22', '21'] })
    expect(detailsOf(report).map(d => [d.boardId, d.loaded])).toEqual([
      ['21', 120],
      ['22', 80]
    ])
    const count = async (table: string): Promise<unknown> =>
      (await db.query(`SELECT COUNT(*) AS n, MIN(item_id) AS lo FROM ${table}`))[0]
    expect(await count('monday_board_21')).toEqual({ n: 120, lo: 2_100_001 })
    expect(await count('monday_board_22')).toEqual({ n: 80, lo: 2_200_001 })
  })

  it('rejects a checkpoint of another shape with a clear error', async () => {
    await expect(
      runLoadBoard(
        { reader: FakeBoard.make('1', 1), db: openDb() },
        { boardIds: ['1'], resume: { pipeline: 'sync', state: {} } }
      )
    ).rejects.toThrow(/not a load-board checkpoint/)
  })
})
