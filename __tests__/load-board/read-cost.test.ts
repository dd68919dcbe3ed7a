import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type MondayEmulator, startMondayEmulator } from '../../emulator/monday/index.js'
import { runLoadBoardJob } from '../../src/jobs/load-board.js'
import { LOAD_BOARD_COLUMNS } from './emulator-board.js'

const TOKEN = 'tok-READ-COST'

describe('load-board reads on a wide board', () => {
  let emulator: MondayEmulator
  beforeAll(async () => {
    emulator = await startMondayEmulator({ plan: 'pro', token: TOKEN, latency: { baseMs: 1 }, seed: 5 })
  })
  afterAll(() => emulator.close())

  // monday charges a read what it estimates from the variables up front and corrects it to the
  // actual cost once the results are known [CPLX]. Unnamed column values are estimated at a default
  // 10 an item: on a board of 28 columns the later correction charged about as much again, which
  // the engine's budget accounting could only read as another job spending from the account.
  it('names the board columns, so the up-front charge of its reads is what they cost', async () => {
    const columns = [1, 2, 3, 4].flatMap(n => LOAD_BOARD_COLUMNS.map(c => ({ ...c, title: `${c.title} ${n}` })))
    const board = emulator.admin.createBoard({ name: 'Wide', columns, items: 250 })
    const dir = mkdtempSync(join(tmpdir(), 'lb-cost-'))
    const before = emulator.admin.stats().byKind.items?.points ?? 0
    const report = await runLoadBoardJob({
      boardIds: [board.id],
      databaseUrl: `sqlite:${dir}/db.sqlite`,
      token: TOKEN,
      apiUrl: emulator.url,
      runDir: join(dir, 'run')
    })
    expect(report.failures).toEqual([])
    const actual = (emulator.admin.stats().byKind.items?.points ?? 0) - before
    const charged = report.metrics.byKind.items?.points ?? 0
    expect(actual).toBeGreaterThan(0)
    // charged in full up front, and not much more: the engine paces the budget by what it was charged
    expect(charged).toBeGreaterThanOrEqual(actual)
    expect(charged).toBeLessThanOrEqual(actual * 1.05)
  })
})
