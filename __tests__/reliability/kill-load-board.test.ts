import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existingColumns } from '../../src/adapters/sql/staging-schema.js'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { type MondayEmulator, startMondayEmulator } from '../../emulator/monday/index.js'
import { type ChildResult, KillSwitch, startCli } from './child.js'
import { startProxy } from './proxy.js'
import { SCALE, count, seeded } from './tally.js'

const TOKEN = 'tok-KILL-LB-5e1d'
const ITEMS = 600
const SEED = Number(process.env.KILL_SEED ?? 7_2026)
/** Single kill points (each: kill, then re-run to completion) and kills in one chained run folder. */
const SINGLE = 24 * SCALE
const CHAIN = 10 * SCALE

const random = seeded(SEED)
const singles = Array.from({ length: SINGLE }, (_, i) => ({
  index: i + 1,
  fraction: Math.round(((i + random()) / SINGLE) * 1000) / 1000,
  delayMs: Math.floor(random() * 25)
}))
const chain = Array.from({ length: CHAIN }, () => ({ afterRequests: 3 + Math.floor(random() * 22), delayMs: 0 }))

/** Every item of the board is in the target table exactly once, with its own name; staging agrees. */
async function expectLoadedOnce(file: string, emulator: MondayEmulator, boardId: string): Promise<void> {
  const items = emulator.admin
    .items(boardId)
    .map(i => ({ id: i.id, name: i.name }))
    .sort((a, b) => Number(a.id) - Number(b.id))
  expect(items).toHaveLength(ITEMS)
  const db = SqliteDatabase.open(file)
  try {
    const rows = await db.query<{ item_id: number; name: string }>(
      `SELECT item_id, name FROM monday_board_${boardId} ORDER BY item_id`
    )
    expect(rows.map(r => ({ id: String(r.item_id), name: r.name }))).toEqual(items)
    // a table's first load on SQLite renames staging into the target; a staging table left (copied) agrees
    const staging = `monday_board_${boardId}_staging`
    if ((await existingColumns(db, staging)) !== null) {
      const [staged] = await db.query<{ n: number; distinct: number }>(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS "distinct" FROM ${staging}`
      )
      expect(staged).toEqual({ n: ITEMS, distinct: ITEMS })
    }
    count('rows', rows.length)
  } finally {
    await db.close()
  }
}

describe(`load-board against the emulator survives SIGKILL (seed ${SEED}, ${SINGLE} + ${CHAIN} kill points)`, () => {
  const killSwitch = new KillSwitch()
  let served = 0
  let span = 0
  let landed = 0
  let boardId = ''
  let emulator: MondayEmulator
  let proxy: Awaited<ReturnType<typeof startProxy>>

  beforeAll(async () => {
    // every run shares the account's budget: limits high enough that no run waits a minute
    // (and below 2^31: monday reports the budget as a GraphQL Int)
    emulator = await startMondayEmulator({
      seed: SEED,
      latency: { baseMs: 2 },
      limits: {
        complexityPerMinute: 1_000_000_000,
        requestsPerMinute: 1_000_000,
        dailyCalls: 1_000_000_000,
        ipRequestsPer10s: 1_000_000
      }
    })
    const board = emulator.admin.createBoard({
      name: 'Orders "mirror" ✓',
      items: ITEMS,
      columns: [
        { title: 'Amount', type: 'numbers' },
        { title: 'Status', type: 'status', labels: ['Open', 'Done'] },
        { title: 'Due', type: 'date' }
      ]
    })
    boardId = board.id
    proxy = await startProxy(emulator.url, () => {
      served += 1
      killSwitch.onRequest()
    })
  })
  afterAll(async () => {
    await proxy.close()
    await emulator.close()
  })

  function setup(name: string): { env: Record<string, string>; argv: string[]; dbFile: string; runDir: string } {
    const dir = mkdtempSync(join(tmpdir(), `rel-kill-${name}-`))
    const dbFile = join(dir, 'db.sqlite')
    return {
      dbFile,
      runDir: join(dir, 'run'),
      env: { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: proxy.url, DATABASE_URL: `sqlite:${dbFile}` },
      argv: [
        'load-board',
        '--board',
        boardId,
        '--run-dir',
        join(dir, 'run'),
        '--concurrency',
        '2',
        '--batch-size',
        '20'
      ]
    }
  }

  /** Runs the CLI; with a kill point, SIGKILLs it there. Returns how it ended. */
  async function run(
    env: Record<string, string>,
    argv: string[],
    kill?: { afterRequests: number; delayMs: number }
  ): Promise<ChildResult> {
    const child = startCli(argv, env)
    if (kill) killSwitch.arm(kill.afterRequests, kill.delayMs, child.kill)
    const result = await child.done
    killSwitch.disarm()
    return result
  }

  async function finish(env: Record<string, string>, argv: string[], dbFile: string): Promise<ChildResult> {
    const result = await run(env, argv)
    expect(result.stderr).not.toContain(TOKEN)
    expect(result.stdout).not.toContain(TOKEN)
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
    expect(result.stdout).toMatch(
      new RegExp(`${boardId}\\s+${ITEMS}\\s+${ITEMS}\\s+${ITEMS}\\s+0\\s+0\\s+\\d+\\s+yes\\s+yes`)
    )
    await expectLoadedOnce(dbFile, emulator, boardId)
    return result
  }

  it('a clean run loads every item once (and sets the span of the kill points)', async () => {
    const { env, argv, dbFile } = setup('clean')
    const before = served
    await finish(env, argv, dbFile)
    span = served - before
    expect(span).toBeGreaterThan(ITEMS / 20)
  })

  it.each(singles)(
    'kill point $index (at $fraction of the run, +$delayMs ms): re-run finishes with every item exactly once',
    async ({ fraction, delayMs }) => {
      expect(span).toBeGreaterThan(0)
      const { env, argv, dbFile, runDir } = setup('one')
      const killed = await run(env, argv, { afterRequests: 1 + Math.floor(fraction * span), delayMs })
      // a kill that lands after the process has exited is not a kill point survived
      expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true)
      const checkpoint = join(runDir, 'checkpoint.json')
      const unfinished =
        existsSync(checkpoint) && !(JSON.parse(readFileSync(checkpoint, 'utf8')) as { final: boolean }).final
      const rerun = await finish(env, argv, dbFile)
      // a checkpoint left by the killed run is resumed, not thrown away
      if (unfinished) expect(rerun.stdout).toMatch(/Resuming from checkpoint/)
      if (killed.signal === 'SIGKILL') landed += 1
      // the tally counts kill points tried: whether a late one lands varies with timing
      count('killPoints')
    }
  )

  it('nearly every single kill point landed while the process was running', () => {
    expect(landed).toBeGreaterThanOrEqual(Math.floor(SINGLE * 0.8))
  })

  it('a chain of kills on one run folder, each resumed run killed again, ends with every item exactly once', async () => {
    const { env, argv, dbFile } = setup('chain')
    let kills = 0
    for (const point of chain) {
      const result = await run(env, argv, point)
      if (result.signal === 'SIGKILL') kills += 1
      else expect(result.code).toBe(0)
    }
    expect(kills).toBeGreaterThan(0)
    await finish(env, argv, dbFile)
    landed += kills
    count('killPoints', chain.length)
  }, 600_000)

  it('30 or more kill points (per RELIABILITY_SCALE) were survived in all', () => {
    expect(landed).toBeGreaterThanOrEqual(30 * SCALE)
  })
})
