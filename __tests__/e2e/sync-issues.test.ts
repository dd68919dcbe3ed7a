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

const MONDAY_TOKEN = 'tok-SYNC-ISSUES-606'
const GITHUB_TOKEN = 'ghs_syncIssues'
const ORDERS = 12

/**
 * A failure issue of sync stays open while the rows it lists are FAILED (a later run never selects
 * them again, so it "succeeds"), and closes once they are SYNCED.
 */
describe('sync failure issues follow the rows they list', () => {
  let monday: MondayEmulator
  let github: GitHubEmulator
  let boardId: string
  let badKey = ''
  const dir = mkdtempSync(join(tmpdir(), 'e2e-sync-issues-'))
  const database = join(dir, 'orders.sqlite')
  const config = join(dir, 'sync.toml')

  beforeAll(async () => {
    monday = await startMondayEmulator({ plan: 'pro' })
    boardId = monday.admin.createBoard(DEMO_BOARD).id
    github = await startGitHubEmulator()
    github.state.grant(GITHUB_TOKEN, ['issues:write', 'actions:read'])
    copyFileSync('configs/pipelines/sync_order_list.toml', config)
    const db = SqliteDatabase.open(database)
    await createDemoSchema(db)
    await seedDemoOrders(db, { orders: ORDERS, linesPerOrder: 1 })
    const [row] = await db.query<{ id: number }>('SELECT MIN(ORDER_ID) AS id FROM ORDER_LIST')
    badKey = String(row!.id)
    // monday refuses item names over 255 characters: the row is marked FAILED before any request
    await db.execute('UPDATE ORDER_LIST SET ORDER_NUMBER = @name WHERE ORDER_ID = @id', {
      name: 'x'.repeat(300),
      id: row!.id
    })
    await db.close()
  })
  afterAll(async () => {
    await Promise.all([monday.close(), github.close()])
  })

  const night = (runId: number): Promise<ActionRun> => {
    const { runtimeToken } = github.state.startAttempt({ runId, attempt: 1, event: 'schedule' })
    github.state.advance(24 * 3600_000)
    return runAction({
      inputs: {
        [INPUTS.command]: 'sync',
        [INPUTS.config]: config,
        [INPUTS.environment]: 'development',
        [INPUTS.itemMode]: 'batch',
        [INPUTS.boardId]: boardId,
        [INPUTS.mondayToken]: MONDAY_TOKEN,
        [INPUTS.mondayApiUrl]: monday.url,
        [INPUTS.databaseUrl]: `sqlite:${database}`,
        [INPUTS.githubToken]: GITHUB_TOKEN
      },
      env: {
        MONDAY_BOARD_ID: boardId,
        GITHUB_REPOSITORY: `${github.state.owner}/${github.state.repo}`,
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'sync',
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_REF_NAME: 'main',
        GITHUB_API_URL: github.apiUrl,
        ACTIONS_RESULTS_URL: `${github.resultsUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
        MONDAY_SYNC_PROGRESS_SECONDS: '0'
      }
    })
  }

  it('opens an issue for the FAILED row, keeps it open while the row stays FAILED, closes it once SYNCED', async () => {
    const first = await night(1601)
    github.state.finishAttempt(1601, 'failure')
    expect(first.code).toBe(1)
    expect(github.state.issues).toHaveLength(1)
    expect(github.state.issues[0]!.body).toContain(badKey)

    const second = await night(1602)
    github.state.finishAttempt(1602, 'success')
    expect(second.code).toBe(0)
    expect(github.state.issues[0]!.state).toBe('open')

    const db = SqliteDatabase.open(database)
    await db.execute("UPDATE ORDER_LIST SET ORDER_NUMBER = 'fixed', SYNC_STATE = 'PENDING' WHERE ORDER_ID = @id", {
      id: Number(badKey)
    })
    await db.close()
    const third = await night(1603)
    github.state.finishAttempt(1603, 'success')
    expect(third.code).toBe(0)
    expect(github.state.issues[0]!.state).toBe('closed')
    expect(github.state.issues[0]!.comments.at(-1)!.body).toMatch(/synced by \[run 1603/)
    expect(monday.admin.items(boardId)).toHaveLength(ORDERS)
  }, 600_000)
})
