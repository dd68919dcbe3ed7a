import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type BoardInfo, type MondayEmulator, startMondayEmulator } from '../../emulator/monday/index.js'
import type { SqlValue } from '../../src/adapters/sql/database.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { parseCli } from '../../src/cli/args.js'
import { loadBoardCommand } from '../../src/cli/commands/load-board.js'
import type { CliIo } from '../../src/cli/io.js'
import { seededRandom } from '../../src/engine/clock.js'
import type { PipelineReport } from '../../src/engine/run-types.js'
import { LOAD_BOARD_COLUMNS, loadBoardToml } from './emulator-board.js'
import { runLoadBoardJob } from '../../src/jobs/load-board.js'
import { chooseRunDir } from '../../src/jobs/load-board-settings.js'
import type { BoardVerification } from '../../src/pipelines/load-board/verify.js'
import { tsxCommand } from '../helpers/tsx.js'

const TOKEN = 'tok-SECRET-123'

// loads over HTTP on a shared 2-core machine: generous time, no assertion on elapsed time

/** `count` request numbers in [lo, hi] from a seed (mulberry32), spread over the range. */
function killPoints(seed: number, count: number, lo: number, hi: number): number[] {
  const next = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => lo + Math.floor(((i + next()) / count) * (hi - lo + 1)))
}

function captureIo(env: Record<string, string>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { env, out, err, stdout: t => void out.push(t), stderr: t => void err.push(t) }
}

type TargetRow = {
  item_id: number
  group_id: string | null
  group_title: string | null
  name: string
  state: string | null
  created_at: string | null
  updated_at: string | null
  parent_item_id: number | null
  column_values: string
  [typed: string]: SqlValue
}

async function readRows(file: string, table: string): Promise<TargetRow[]> {
  const db = SqliteDatabase.open(file)
  try {
    return await db.query<TargetRow>(`SELECT * FROM ${table} ORDER BY item_id`)
  } finally {
    await db.close()
  }
}

async function countRows(file: string, table: string): Promise<{ n: number; distinct: number }> {
  const db = SqliteDatabase.open(file)
  try {
    const [row] = await db.query<{ n: number; distinct: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS "distinct" FROM ${table}`
    )
    return row!
  } finally {
    await db.close()
  }
}

const boardsOf = (report: PipelineReport): BoardVerification[] => report.details.boards as BoardVerification[]

describe('monday-sync load-board against the monday emulator', () => {
  let emulator: MondayEmulator
  let board: BoardInfo
  beforeAll(async () => {
    emulator = await startMondayEmulator({ plan: 'pro', token: TOKEN, latency: { baseMs: 2 }, seed: 6 })
    board = emulator.admin.createBoard({
      name: 'Load me',
      columns: LOAD_BOARD_COLUMNS,
      subitemColumns: [{ title: 'Qty', type: 'numbers' }],
      groups: ['Open', 'Closed', 'Archived'],
      items: 1000,
      subitemsPerItem: 1
    })
  })
  afterAll(() => emulator.close())

  it('loads a 1,000-item board with subitems completely and correctly: every field of every row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-1k-'))
    const amount = board.columns.find(c => c.title === 'Amount')!.id
    const due = board.columns.find(c => c.title === 'Due')!.id
    const config = join(dir, 'monday-sync.toml')
    writeFileSync(
      config,
      loadBoardToml(
        [`database_url = "sqlite:${dir}/db.sqlite"`, 'api_version = "2026-10"', 'plan = "pro"'],
        ['include_subitems = true', 'batch_size = 50'],
        [
          { columnId: amount, target: 'amount', type: 'real' },
          { columnId: due, target: 'due', type: 'datetime' }
        ]
      )
    )
    const io = captureIo({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: emulator.url })
    const argv = ['load-board', '--board', board.id, '--config', config, '--environment', 'test']
    argv.push('--run-dir', join(dir, 'run'))
    expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)

    const expected = emulator.admin.items(board.id)
    expect(expected).toHaveLength(1000)
    const rows = await readRows(join(dir, 'db.sqlite'), `monday_board_${board.id}`)
    const subRows = await readRows(join(dir, 'db.sqlite'), `monday_board_${board.id}_subitems`)
    const byId = new Map([...rows, ...subRows].map(r => [String(r.item_id), r]))
    expect(rows).toHaveLength(1000)
    expect(subRows).toHaveLength(1000)
    expect(byId.size).toBe(2000)
    const check = (item: (typeof expected)[number], parent: string | null): void => {
      const row = byId.get(item.id)
      expect(row).toBeDefined()
      expect(row).toMatchObject({
        group_id: item.groupId,
        group_title: item.groupTitle,
        name: item.name,
        state: 'active',
        created_at: new Date(item.createdAt).toISOString(),
        updated_at: new Date(item.updatedAt).toISOString(),
        ...(parent === null ? {} : { parent_item_id: Number(parent) })
      })
      const values = JSON.parse(row!.column_values) as Record<string, unknown>
      const wanted = Object.fromEntries(
        Object.entries(item.columnValues).map(([id, c]) => [
          id,
          { type: c.type, text: c.text, value: c.value === null ? null : (JSON.parse(c.value) as unknown) }
        ])
      )
      expect(values).toEqual(wanted)
    }
    for (const item of expected) {
      check(item, null)
      expect(item.subitems).toHaveLength(1)
      for (const sub of item.subitems) check(sub, item.id)
      const row = byId.get(item.id)!
      const amountText = item.columnValues[amount]?.text ?? ''
      expect(row.amount).toBe(amountText === '' ? null : Number(amountText))
      const dueValue = item.columnValues[due]?.value
      const dueDate = dueValue ? (JSON.parse(dueValue) as { date: string; time?: string | null }) : null
      expect(row.due).toBe(dueDate ? new Date(`${dueDate.date}T${dueDate.time ?? '00:00:00'}Z`).toISOString() : null)
    }
    expect(new Set(expected.map(i => i.groupTitle)).size).toBe(3)

    const output = io.out.join('') + io.err.join('')
    expect(output).toMatch(new RegExp(`${board.id}\\s+1000\\s+1000\\s+1000\\s+1000\\s+0\\s+0\\s+yes\\s+yes`))
    expect(output).toMatch(/complexity points/)
    expect(output).not.toContain(TOKEN)
    for (const file of ['task-graph.json', 'checkpoint.json', 'report.json']) {
      expect(readFileSync(join(dir, 'run', file), 'utf8')).not.toContain(TOKEN)
    }
    const graph = JSON.parse(readFileSync(join(dir, 'run', 'task-graph.json'), 'utf8')) as {
      nodes: { id: string; items: number }[]
    }
    expect(graph.nodes).toContainEqual(expect.objectContaining({ id: `fetch:${board.id}`, items: 1000 }))
    // the engine's figures, not the pipeline's guesses
    const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8')) as PipelineReport
    expect(report.itemsDone).toBe(1000)
    expect(report.metrics.complexityUsed).toBeGreaterThan(0)
    expect(report.metrics.budgetPerMinute).toBe(emulator.limits.complexityPerMinute)
    expect(report.metrics.byKind.items?.items).toBe(1000)
    expect(report.metrics.byKind.items?.points).toBeGreaterThan(0)
  })

  it('loads several boards in one run through one engine: one budget, one probe, every point counted', async () => {
    const a = emulator.admin.createBoard({ name: 'A', columns: LOAD_BOARD_COLUMNS, items: 700 })
    const b = emulator.admin.createBoard({ name: 'B', columns: LOAD_BOARD_COLUMNS, items: 450 })
    const before = emulator.admin.stats()
    const dir = mkdtempSync(join(tmpdir(), 'lb-two-'))
    const report = await runLoadBoardJob(
      {
        boardIds: [a.id, b.id],
        databaseUrl: `sqlite:${dir}/db.sqlite`,
        token: TOKEN,
        apiUrl: emulator.url,
        runDir: join(dir, 'run'),
        plan: 'pro'
      },
      { output: captureIo({}) }
    )
    const after = emulator.admin.stats()
    expect(boardsOf(report).map(d => [d.boardId, d.loaded, d.verified])).toEqual([
      [a.id, 700, true],
      [b.id, 450, true]
    ])
    // every request of both boards went through the same client: its budget saw all of them
    // (an attempt lost on a reused connection counts on our side only)
    const attempts = report.metrics.requests
    expect(attempts).toBeGreaterThanOrEqual(after.requests - before.requests)
    expect(attempts).toBeLessThanOrEqual(after.requests - before.requests + 2)
    // the engine counts what monday reported per query (`complexity.query`); the emulator may
    // charge less after execution (its actual-cost correction), never more
    expect(after.pointsSpent - before.pointsSpent).toBeGreaterThan(0)
    expect(report.metrics.complexityUsed).toBeGreaterThanOrEqual(after.pointsSpent - before.pointsSpent)
    const byKind = Object.values(report.metrics.byKind).reduce((n, k) => n + k.points, 0)
    expect(report.metrics.complexityUsed).toBe(byKind)
    expect(report.metrics.byKind.probe?.requests).toBe(1)
    expect(report.metrics.byKind.items?.items).toBe(1150)
    expect(report.metrics.budgetPerMinute).toBe(emulator.limits.complexityPerMinute)
    expect(await readRows(join(dir, 'db.sqlite'), `monday_board_${a.id}`)).toHaveLength(700)
    expect(await readRows(join(dir, 'db.sqlite'), `monday_board_${b.id}`)).toHaveLength(450)
  })

  it('recovers from a cursor that expires mid-walk (emulated clock) without loss or double fetches', async () => {
    let skewMs = 0
    const clocked = await startMondayEmulator({ token: TOKEN, clock: { now: () => Date.now() + skewMs }, seed: 9 })
    try {
      const big = clocked.admin.createBoard({ name: 'Expiring', columns: LOAD_BOARD_COLUMNS, items: 3000 })
      const dir = mkdtempSync(join(tmpdir(), 'lb-exp-'))
      let aged = false
      const io = captureIo({})
      const report = await runLoadBoardJob(
        {
          boardIds: [big.id],
          databaseUrl: `sqlite:${dir}/db.sqlite`,
          token: TOKEN,
          apiUrl: clocked.url,
          runDir: join(dir, 'run'),
          concurrency: 1,
          batchSize: 100
        },
        {
          output: io,
          hooks: {
            // after the first batch the walk is still under way (it stays 2,000 ids ahead):
            // 61 emulated minutes pass, and the cursor it holds has expired
            onProgress: () => {
              if (aged) return
              aged = true
              skewMs += 61 * 60_000
            }
          }
        }
      )
      expect(aged).toBe(true)
      expect(io.err.join('')).toMatch(/cursor expired .*walking again/)
      const [detail] = boardsOf(report)
      expect(detail).toMatchObject({ walked: 3000, loaded: 3000, missing: 0, rewalks: 1, verified: true })
      // no id was asked for twice
      expect(report.metrics.byKind.items?.items).toBe(3000)
      expect(report.metrics.byKind.next_items_page?.errors).toBeGreaterThanOrEqual(1)
      expect(await countRows(join(dir, 'db.sqlite'), `monday_board_${big.id}`)).toEqual({ n: 3000, distinct: 3000 })
    } finally {
      await clocked.close()
    }
  })

  it("keeps its concurrency within monday's limit (from its headers or its refusals), and still loads everything", async () => {
    const strict = await startMondayEmulator({
      token: TOKEN,
      limits: { concurrency: 2 },
      // perOperationMs is spent inside the request's concurrency slot (baseMs after it)
      latency: { baseMs: 15, perOperationMs: 15 },
      seed: 3
    })
    try {
      const wide = strict.admin.createBoard({ name: 'Narrow', columns: LOAD_BOARD_COLUMNS, items: 2000 })
      const dir = mkdtempSync(join(tmpdir(), 'lb-conc-'))
      const io = captureIo({
        MONDAY_API_TOKEN: TOKEN,
        MONDAY_API_URL: strict.url,
        DATABASE_URL: `sqlite:${dir}/db.sqlite`,
        MONDAY_SYNC_TIME_SCALE: '60'
      })
      const argv = ['load-board', '--board', wide.id, '--run-dir', join(dir, 'run'), '--concurrency', '8']
      argv.push('--batch-size', '25')
      expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
      expect(io.out.join('')).toMatch(new RegExp(`${wide.id}\\s+2000\\s+2000\\s+2000`))
      // monday's limit of 2 is learnt from its headers (RateLimit-Policy q=2, RateLimit r = free slots)
      // or from MAX_CONCURRENCY_EXCEEDED: the engine may never be refused, and every refusal is retried
      const refused = Object.values(strict.admin.stats().throttled).reduce((n, v) => n + v, 0)
      const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8')) as PipelineReport
      expect(report.metrics.retries.concurrency ?? 0).toBeGreaterThanOrEqual(refused)
      // MONDAY_SYNC_TIME_SCALE reached the engine: monday's minute lasts one real second
      expect(report.metrics.minuteMs).toBe(1000)
      const sizes = report.metrics.batchSizes.filter(s => s.kind === 'concurrency').map(s => s.size)
      expect(Math.min(...sizes)).toBeLessThanOrEqual(2)
      expect(await countRows(join(dir, 'db.sqlite'), `monday_board_${wide.id}`)).toEqual({ n: 2000, distinct: 2000 })
    } finally {
      await strict.close()
    }
  })

  it('takes tables and typed columns from [load_board], and names the setting at fault', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-cfg-'))
    const config = join(dir, 'monday-sync.toml')
    const amount = board.columns.find(c => c.title === 'Amount')!.id
    writeFileSync(
      config,
      loadBoardToml(
        [`database_url = "sqlite:${dir}/cfg.sqlite"`],
        ['staging_table = "lb_stage"', 'target_table = "lb_items"'],
        [{ columnId: amount, target: 'amount', type: 'real' }]
      )
    )
    const io = captureIo({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: emulator.url })
    const argv = ['load-board', '--board', board.id, '--config', config, '--environment', 'test']
    argv.push('--run-dir', join(dir, 'run'))
    expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
    const rows = await readRows(join(dir, 'cfg.sqlite'), 'lb_items')
    expect(rows).toHaveLength(1000)
    expect(rows.filter(r => r.amount !== null).length).toBeGreaterThan(0)

    writeFileSync(config, '[load_board]\nbatch_size = 500\n')
    await expect(loadBoardCommand(parseCli(argv), io)).rejects.toThrow(/load_board\.batch_size/)
    writeFileSync(config, '[load_board]\ntarget_table = "x; DROP TABLE y"\n')
    await expect(loadBoardCommand(parseCli(argv.slice(0, 5)), io)).rejects.toThrow(/load_board\.target_table/)
    writeFileSync(config, '[environments.test]\nplan = "platinum"\n')
    await expect(loadBoardCommand(parseCli(argv), io)).rejects.toThrow(/environments\.test\.plan/)
    const scaled = captureIo({ MONDAY_API_TOKEN: TOKEN, MONDAY_SYNC_TIME_SCALE: 'fast' })
    await expect(loadBoardCommand(parseCli(argv.slice(0, 3)), scaled)).rejects.toThrow(/MONDAY_SYNC_TIME_SCALE/)
  })

  it('names the missing setting', async () => {
    const io = captureIo({})
    await expect(loadBoardCommand(parseCli(['load-board', '--board', '42']), io)).rejects.toThrow(/MONDAY_API_TOKEN/)
    const withToken = captureIo({ MONDAY_API_TOKEN: TOKEN })
    await expect(
      loadBoardCommand(
        parseCli(['load-board', '--board', 'x1', '--run-dir', mkdtempSync(join(tmpdir(), 'lb-'))]),
        withToken
      )
    ).rejects.toThrow(/--board: "x1"/)
  })

  it('resumes an unfinished run folder by default', () => {
    const root = mkdtempSync(join(tmpdir(), 'lb-runs-'))
    const fresh = chooseRunDir({ boards: ['1'] }, root, new Date('2026-01-01T00:00:00Z'))
    expect(fresh).toBe(join(root, '2026-01-01T00-00-00-000Z'))
    expect(existsSync(fresh)).toBe(false)
  })

  // Seeded kill points: the CLI child is killed once the emulator has received the nth request of
  // the run (a load of this board makes about 65: probe, count, 3 walk pages, 60 batches).
  // KILL_POINTS=30 KILL_SEED=n widens the sweep.
  it.each(killPoints(Number(process.env.KILL_SEED ?? 20261123), Number(process.env.KILL_POINTS ?? 3), 3, 55))(
    'survives SIGKILL after request %i and finishes with every item exactly once',
    async killAfter => {
      const killBoard = emulator.admin.createBoard({
        name: `Kill ${killAfter}`,
        columns: LOAD_BOARD_COLUMNS,
        items: 1500
      })
      const dir = mkdtempSync(join(tmpdir(), 'lb-kill-'))
      const env = {
        ...process.env,
        MONDAY_API_TOKEN: TOKEN,
        MONDAY_API_URL: emulator.url,
        DATABASE_URL: `sqlite:${dir}/db.sqlite`
      }
      const argv = ['src/cli.ts', 'load-board', '--board', killBoard.id, '--run-dir', join(dir, 'run')]
      argv.push('--concurrency', '2', '--batch-size', '25')
      let stdout = ''
      const run = (kill: number | null): Promise<number | string | null> =>
        new Promise(resolve => {
          stdout = ''
          // its own process group, so the kill reaches anything the CLI started
          const child = spawn(...tsxCommand(argv[0]!, argv.slice(1)), {
            env,
            stdio: ['ignore', 'pipe', 'ignore'],
            detached: true
          })
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
          const base = emulator.admin.stats().requests
          const watch =
            kill === null
              ? null
              : setInterval(() => {
                  if (emulator.admin.stats().requests - base < kill) return
                  clearInterval(watch!)
                  try {
                    process.kill(-child.pid!, 'SIGKILL')
                  } catch {
                    // already gone
                  }
                }, 1)
          child.on('exit', (code, signal) => {
            if (watch) clearInterval(watch)
            resolve(signal ?? code)
          })
        })
      expect(await run(killAfter)).toBe('SIGKILL')
      expect(await run(null)).toBe(0)
      expect(stdout).not.toContain(TOKEN)
      expect(stdout).toMatch(new RegExp(`${killBoard.id}\\s+1500\\s+1500\\s+1500`))
      const rows = await readRows(join(dir, 'db.sqlite'), `monday_board_${killBoard.id}`)
      expect(rows).toHaveLength(1500)
      const names = new Map(emulator.admin.items(killBoard.id).map(i => [i.id, i.name]))
      expect(new Set(rows.map(r => String(r.item_id)))).toEqual(new Set(names.keys()))
      for (const row of rows) expect(row.name).toBe(names.get(String(row.item_id)))
    }
  )
})
