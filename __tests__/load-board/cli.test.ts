import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseCli } from '../../src/cli/args.js'
import { loadBoardCommand } from '../../src/cli/commands/load-board.js'
import type { CliIo } from '../../src/cli/io.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { chooseRunDir } from '../../src/pipelines/load-board/settings.js'
import { FakeBoard } from './fake-board.js'
import { startFakeMonday } from './fake-monday-server.js'

const TOKEN = 'tok-SECRET-123'

/** `count` request numbers in [2, 63] from a seed (mulberry32), spread over the run. */
function killPoints(seed: number, count: number): number[] {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Array.from({ length: count }, (_, i) => 2 + Math.floor(((i + next()) / count) * 61))
}

function captureIo(env: Record<string, string>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { env, out, err, stdout: t => void out.push(t), stderr: t => void err.push(t) }
}

async function countRows(file: string): Promise<{ n: number; distinct: number }> {
  const db = SqliteDatabase.open(file)
  try {
    const [row] = await db.query<{ n: number; distinct: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS "distinct" FROM monday_items'
    )
    return row!
  } finally {
    await db.close()
  }
}

describe('monday-sync load-board (CLI)', () => {
  const board = FakeBoard.make('42', 1500)
  let server: Awaited<ReturnType<typeof startFakeMonday>>
  let killAt: { remaining: number; kill: () => void } | null = null
  beforeAll(async () => {
    server = await startFakeMonday([board], {
      delayMs: 2,
      onRequest: () => {
        if (killAt && --killAt.remaining <= 0) killAt.kill()
      }
    })
  })
  afterAll(() => server.close())

  it('loads a board, writes the run artifacts and never prints the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-cli-'))
    const io = captureIo({
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: server.url,
      DATABASE_URL: `sqlite:${dir}/db.sqlite`
    })
    const args = parseCli(['load-board', '--board', '42', '--run-dir', join(dir, 'run'), '--batch-size', '100'])
    expect(await loadBoardCommand(args, io)).toBe(0)
    expect(await countRows(join(dir, 'db.sqlite'))).toEqual({ n: 1500, distinct: 1500 })
    const output = io.out.join('') + io.err.join('')
    expect(output).toMatch(/42\s+1500\s+1500\s+1500/)
    expect(output).not.toContain(TOKEN)
    expect(server.tokens.has(TOKEN)).toBe(true)
    for (const file of ['task-graph.json', 'checkpoint.json', 'report.json']) {
      const text = readFileSync(join(dir, 'run', file), 'utf8')
      expect(text).not.toContain(TOKEN)
    }
    const graph = JSON.parse(readFileSync(join(dir, 'run', 'task-graph.json'), 'utf8')) as {
      nodes: { id: string; items: number }[]
    }
    expect(graph.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'fetch:42', items: 1500 })]))
    const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8')) as { itemsDone: number }
    expect(report.itemsDone).toBe(1500)
  })

  it('takes tables, subitems and typed columns from [load_board] and the database from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-cfg-'))
    const config = join(dir, 'monday-sync.toml')
    writeFileSync(
      config,
      [
        '[environments.test]',
        `database_url = "sqlite:${dir}/cfg.sqlite"`,
        '[load_board]',
        'staging_table = "lb_stage"',
        'target_table = "lb_items"',
        'batch_size = 40',
        '[[load_board.columns]]',
        'column_id = "numbers"',
        'target = "amount"',
        'type = "real"'
      ].join('\n')
    )
    const io = captureIo({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: server.url })
    const argv = [
      'load-board',
      '--board',
      '42',
      '--config',
      config,
      '--environment',
      'test',
      '--run-dir',
      join(dir, 'run')
    ]
    expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
    const db = SqliteDatabase.open(join(dir, 'cfg.sqlite'))
    const rows = await db.query('SELECT amount FROM lb_items WHERE item_id = @id', { id: Number(board.items[2]!.id) })
    await db.close()
    expect(rows).toEqual([{ amount: 3 }])

    writeFileSync(config, '[load_board]\nbatch_size = 500\n')
    await expect(loadBoardCommand(parseCli(argv), io)).rejects.toThrow(/load_board\.batch_size/)
    writeFileSync(config, '[load_board]\ntarget_table = "x; DROP TABLE y"\n')
    await expect(loadBoardCommand(parseCli(argv.slice(0, 5)), io)).rejects.toThrow(/load_board\.target_table/)
  })

  it('recovers from a cursor that expires mid-walk over HTTP without loss or double fetches', async () => {
    const big = FakeBoard.make('43', 2600)
    const expiring = await startFakeMonday([big], { expireCursorAtRequest: 4 })
    try {
      const dir = mkdtempSync(join(tmpdir(), 'lb-exp-'))
      const io = captureIo({
        MONDAY_API_TOKEN: TOKEN,
        MONDAY_API_URL: expiring.url,
        DATABASE_URL: `sqlite:${dir}/db.sqlite`
      })
      const argv = ['load-board', '--board', '43', '--run-dir', join(dir, 'run'), '--concurrency', '1']
      expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
      expect(io.err.join('')).toMatch(/cursor expired .*walking again/)
      expect(io.out.join('')).toMatch(/43\s+2600\s+2600\s+2600\s+0\s+0\s+1\s+yes\s+yes/)
      const fetched = big.fetched.flat()
      expect(fetched).toHaveLength(2600)
      expect(new Set(fetched).size).toBe(2600)
      const db = SqliteDatabase.open(join(dir, 'db.sqlite'))
      const [row] = await db.query('SELECT COUNT(DISTINCT item_id) AS n FROM monday_items')
      await db.close()
      expect(row).toEqual({ n: 2600 })
    } finally {
      await expiring.close()
    }
  })

  it('backs off its concurrency when monday refuses concurrent requests, and still loads everything', async () => {
    const strict = await startFakeMonday([FakeBoard.make('44', 3000)], { maxInFlight: 2, delayMs: 3 })
    try {
      const dir = mkdtempSync(join(tmpdir(), 'lb-conc-'))
      const io = captureIo({
        MONDAY_API_TOKEN: TOKEN,
        MONDAY_API_URL: strict.url,
        DATABASE_URL: `sqlite:${dir}/db.sqlite`
      })
      const argv = ['load-board', '--board', '44', '--run-dir', join(dir, 'run'), '--concurrency', '8']
      expect(await loadBoardCommand(parseCli(argv), io)).toBe(0)
      expect(io.out.join('')).toMatch(/44\s+3000\s+3000\s+3000/)
      expect(strict.rejected()).toBeGreaterThan(0)
      const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8')) as {
        metrics: { batchSizes: { kind: string; size: number }[] }
      }
      const sizes = report.metrics.batchSizes.filter(b => b.kind === 'concurrency').map(b => b.size)
      expect(Math.min(...sizes)).toBeLessThan(8)
    } finally {
      await strict.close()
    }
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

  // Seeded kill points: the child is killed after the nth request reaches monday (a load of this
  // board makes 64 requests). KILL_POINTS=30 KILL_SEED=n widens the sweep.
  it.each(killPoints(Number(process.env.KILL_SEED ?? 20261123), Number(process.env.KILL_POINTS ?? 3)))(
    'survives SIGKILL after request %i and finishes with every item exactly once',
    async killAfter => {
      const dir = mkdtempSync(join(tmpdir(), 'lb-kill-'))
      const env = {
        ...process.env,
        MONDAY_API_TOKEN: TOKEN,
        MONDAY_API_URL: server.url,
        DATABASE_URL: `sqlite:${dir}/db.sqlite`
      }
      const argv = ['src/cli.ts', 'load-board', '--board', '42', '--run-dir', join(dir, 'run')]
      argv.push('--concurrency', '2', '--batch-size', '25')
      let stdout = ''
      const run = (kill: number | null): Promise<number | string | null> =>
        new Promise(resolve => {
          stdout = ''
          // its own process group: tsx runs the CLI in a child process, and the kill must reach it
          const child = spawn('node_modules/.bin/tsx', argv, {
            env,
            stdio: ['ignore', 'pipe', 'ignore'],
            detached: true
          })
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
          killAt =
            kill === null
              ? null
              : {
                  remaining: kill,
                  kill: () => {
                    try {
                      process.kill(-child.pid!, 'SIGKILL')
                    } catch {
                      // already gone
                    }
                  }
                }
          child.on('exit', (code, signal) => resolve(signal ?? code))
        })
      expect(await run(killAfter)).toBe('SIGKILL')
      killAt = null
      expect(await run(null)).toBe(0)
      // past the first checkpoint (20 batches) the re-run resumes instead of starting over
      if (killAfter > 30) expect(stdout).toMatch(/Resuming from checkpoint/)
      expect(stdout).not.toContain(TOKEN)
      expect(stdout).toMatch(/42\s+1500\s+1500\s+1500/)
      expect(await countRows(join(dir, 'db.sqlite'))).toEqual({ n: 1500, distinct: 1500 })
    },
    20_000
  )
})
