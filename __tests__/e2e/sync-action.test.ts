import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { INPUTS } from '../../src/action/inputs.js'
import { createDemoSchema, DEMO_BOARD, seedDemoOrders } from '../../src/pipelines/sync/demo-data.js'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import { startMondayEmulator } from '../../emulator/monday/index.js'
import type { MondayEmulator } from '../../emulator/monday/types.js'
import { type ActionRun, runAction } from './action-runner.js'
import { startFaultProxy } from './fault-proxy.js'

const MONDAY_TOKEN = 'tok-SYNC-E2E-777'
const GITHUB_TOKEN = 'ghs_syncE2E'
const RUN_ID = 9100
const ORDERS = 40

describe('the action end to end (sync, emulated GitHub and monday)', () => {
  let monday: MondayEmulator
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>
  let github: GitHubEmulator
  let boardId: string
  const dir = mkdtempSync(join(tmpdir(), 'e2e-sync-'))
  const database = join(dir, 'orders.sqlite')
  const config = join(dir, 'sync.toml')

  beforeAll(async () => {
    monday = await startMondayEmulator({ plan: 'pro' })
    boardId = monday.admin.createBoard(DEMO_BOARD).id
    proxy = await startFaultProxy(monday.url)
    github = await startGitHubEmulator()
    github.state.grant(GITHUB_TOKEN, ['issues:write', 'actions:read'])
    copyFileSync('configs/pipelines/sync_order_list.toml', config)
    const db = SqliteDatabase.open(database)
    await createDemoSchema(db)
    await seedDemoOrders(db, { orders: ORDERS, linesPerOrder: 2 })
    await db.close()
  })
  afterAll(async () => {
    await Promise.all([monday.close(), proxy.close(), github.close()])
  })

  const attempt = (n: number): Promise<ActionRun> => {
    const { runtimeToken } = github.state.startAttempt({ runId: RUN_ID, attempt: n })
    return runAction({
      inputs: {
        [INPUTS.command]: 'sync',
        [INPUTS.config]: config,
        [INPUTS.environment]: 'development',
        [INPUTS.itemMode]: 'batch',
        [INPUTS.boardId]: boardId,
        [INPUTS.mondayToken]: MONDAY_TOKEN,
        [INPUTS.mondayApiUrl]: proxy.url,
        [INPUTS.databaseUrl]: `sqlite:${database}`,
        [INPUTS.githubToken]: GITHUB_TOKEN,
        [INPUTS.batchSize]: '5',
        [INPUTS.checkpointEvery]: '2'
      },
      env: {
        MONDAY_BOARD_ID: boardId,
        GITHUB_REPOSITORY: `${github.state.owner}/${github.state.repo}`,
        GITHUB_RUN_ID: String(RUN_ID),
        GITHUB_RUN_ATTEMPT: String(n),
        GITHUB_API_URL: github.apiUrl,
        ACTIONS_RESULTS_URL: `${github.resultsUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
        MONDAY_SYNC_PROGRESS_SECONDS: '0'
      }
    })
  }

  it('attempt 1 stops part-way, attempt 2 finishes: every order exactly once on the board', async () => {
    proxy.failFrom(12, 401, { errors: [{ message: 'Not Authenticated', extensions: { code: 'USER_UNAUTHORIZED' } }] })
    const first = await attempt(1)
    github.state.finishAttempt(RUN_ID, 'failure')
    expect(first.code).toBe(1)
    const names = github.state.runArtifacts(RUN_ID).map(a => a.name)
    expect(names).toEqual(
      expect.arrayContaining([`monday-sync-sync-${boardId}-task-graph-a1`, `monday-sync-sync-${boardId}-replay-a1`])
    )
    expect(monday.admin.items(boardId).length).toBeLessThan(ORDERS)
    // the failed attempt opened one issue, which the next attempt's success must close
    expect(github.state.issues.map(i => i.state)).toEqual(['open'])

    proxy.heal()
    const second = await attempt(2)
    expect({ code: second.code, log: second.code === 0 ? '' : second.stdout.slice(-3000) }).toEqual({
      code: 0,
      log: ''
    })
    const items = monday.admin.items(boardId)
    const keys = items.map(i => JSON.stringify(i.columnValues.sync_key))
    expect(items).toHaveLength(ORDERS)
    expect(new Set(keys).size).toBe(ORDERS)
    expect(second.summary).toMatch(/## monday-sync sync: attempt 2/)
    expect(Number(second.outputs['items-failed'])).toBe(0)
    expect(second.outputs['items-updated']).toBe('0')
    expect(second.summary).toMatch(/Items \(orders\)<\/th><td>\d+ created/)
    expect(github.state.issues.map(i => i.state)).toEqual(['closed'])
    const log = (first.stdout + second.stdout).split('\n').filter(l => !l.startsWith('::add-mask::'))
    expect(log.join('\n')).not.toContain(MONDAY_TOKEN)
  })
})
