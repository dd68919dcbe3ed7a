import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { INPUTS } from '../../src/action/inputs.js'
import { type GitHubEmulator, readZip, startGitHubEmulator } from '../../emulator/github/index.js'
import { ARTIFACTS_PER_JOB } from '../../emulator/github/state.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { type ActionRun, runAction } from './action-runner.js'
import { startFaultProxy } from './fault-proxy.js'

const MONDAY_TOKEN = 'tok-WORKFLOWS-31337'
const GITHUB_TOKEN = 'ghs_workflowsE2E'
const DAY_MS = 24 * 3600_000

/**
 * The action in the workflows people write: nightly schedules, "Re-run all jobs", matrices,
 * cancels, long runs, expired artifacts. Each run is one step of one job, as the runner starts it.
 */
describe('the action in real workflows (load-board, emulated GitHub and monday)', () => {
  const boards = ['21', '22', '23', '31', '32', '33', '41', '51', '71'].map(id =>
    FakeBoard.make(id, id === '41' || id === '51' ? 600 : id.startsWith('3') ? 60 : 100)
  )
  const board = (id: string): FakeBoard => boards.find(b => b.boardId === id)!
  let monday: Awaited<ReturnType<typeof startFakeMonday>>
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>
  let github: GitHubEmulator
  const dir = mkdtempSync(join(tmpdir(), 'e2e-workflows-'))

  beforeAll(async () => {
    monday = await startFakeMonday(boards, { delayMs: 1 })
    proxy = await startFaultProxy(monday.url)
    github = await startGitHubEmulator()
    github.state.grant(GITHUB_TOKEN, ['issues:write', 'actions:read'])
  })
  afterAll(async () => {
    await Promise.all([monday.close(), proxy.close(), github.close()])
  })

  interface Step {
    runId: number
    attempt?: number
    boards: string
    database: string
    event?: string
    branch?: string
    job?: string
    leg?: string
    inputs?: Record<string, string>
    cancel?: { when: RegExp }
  }

  const step = (s: Step): Promise<ActionRun> => {
    const attempt = s.attempt ?? 1
    const { runtimeToken } = github.state.startAttempt({
      runId: s.runId,
      attempt,
      workflowId: 500,
      event: s.event ?? 'schedule',
      branch: s.branch ?? 'main',
      job: s.leg
    })
    return runAction({
      inputs: {
        [INPUTS.command]: 'load-board',
        [INPUTS.boardId]: s.boards,
        [INPUTS.mondayToken]: MONDAY_TOKEN,
        [INPUTS.mondayApiUrl]: proxy.url,
        [INPUTS.databaseUrl]: `sqlite:${join(dir, s.database)}`,
        [INPUTS.githubToken]: GITHUB_TOKEN,
        [INPUTS.batchSize]: '25',
        [INPUTS.concurrency]: '1',
        [INPUTS.checkpointEvery]: '1',
        ...s.inputs
      },
      env: {
        GITHUB_REPOSITORY: `${github.state.owner}/${github.state.repo}`,
        GITHUB_RUN_ID: String(s.runId),
        GITHUB_RUN_ATTEMPT: String(attempt),
        GITHUB_JOB: s.job ?? 'load',
        GITHUB_EVENT_NAME: s.event ?? 'schedule',
        GITHUB_REF_NAME: s.branch ?? 'main',
        GITHUB_API_URL: github.apiUrl,
        ACTIONS_RESULTS_URL: `${github.resultsUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
        MONDAY_SYNC_PROGRESS_SECONDS: '0'
      },
      cancel: s.cancel
    })
  }

  async function names(database: string, boardId: string): Promise<{ rows: number; fresh: number }> {
    const db = SqliteDatabase.open(join(dir, database))
    try {
      // one typed table per board (load-board's default `monday_board_<id>`)
      const [row] = await db.query<{ rows: number; fresh: number }>(
        "SELECT COUNT(*) AS rows, SUM(CASE WHEN name LIKE 'v2 %' THEN 1 ELSE 0 END) AS fresh " +
          `FROM monday_board_${boardId}`
      )
      return { rows: Number(row?.rows ?? 0), fresh: Number(row?.fresh ?? 0) }
    } finally {
      await db.close()
    }
  }

  /** Renames every item of a board on monday, so a reload shows whether it really reloaded. */
  const renameAll = (id: string): void => {
    for (const item of board(id).items) item.name = `v2 ${item.name}`
  }

  const log = (run: ActionRun): string => run.stdout + run.stderr
  const artifactNames = (runId: number): string[] => github.state.runArtifacts(runId).map(a => a.name)

  it('a nightly schedule after a failed night reloads every board instead of keeping last night’s rows', async () => {
    proxy.failFetch(8, 'night one fails on its last batch')
    const night1 = await step({ runId: 1001, boards: '21 22', database: 'nightly.sqlite' })
    github.state.finishAttempt(1001, 'failure')
    expect(night1.code).toBe(1)
    github.state.advance(DAY_MS)
    renameAll('21')
    renameAll('22')
    const night2 = await step({ runId: 1002, boards: '21 22', database: 'nightly.sqlite' })
    github.state.finishAttempt(1002, 'success')
    expect({ code: night2.code, log: night2.code === 0 ? '' : log(night2).slice(-2000) }).toEqual({ code: 0, log: '' })
    expect(await names('nightly.sqlite', '21')).toEqual({ rows: 100, fresh: 100 })
    expect(await names('nightly.sqlite', '22')).toEqual({ rows: 100, fresh: 100 })
    expect(log(night2)).toMatch(/No resume: .*run 1001.*older than/)
  }, 600_000)

  it('"Re-run all jobs" of a successful run loads the board again', async () => {
    const first = await step({ runId: 1101, boards: '23', database: 'rerun.sqlite', event: 'workflow_dispatch' })
    github.state.finishAttempt(1101, 'success')
    expect(first.code).toBe(0)
    renameAll('23')
    const again = await step({
      runId: 1101,
      attempt: 2,
      boards: '23',
      database: 'rerun.sqlite',
      event: 'workflow_dispatch'
    })
    expect(again.code).toBe(0)
    expect(await names('rerun.sqlite', '23')).toEqual({ rows: 100, fresh: 100 })
    expect(log(again)).toMatch(/No resume: .*finished/)
  }, 600_000)

  it('a 3-leg matrix: no artifact name collides and the re-run leg resumes its own checkpoint', async () => {
    const legs: ActionRun[] = []
    for (const id of ['31', '32', '33']) {
      if (id === '32') proxy.failFetch(2, 'leg 32 fails')
      legs.push(await step({ runId: 1201, boards: id, database: `matrix-${id}.sqlite`, leg: `leg${id}` }))
    }
    github.state.finishAttempt(1201, 'failure')
    expect(legs.map(l => l.code)).toEqual([0, 1, 0])
    for (const l of legs) expect(log(l)).not.toMatch(/was not uploaded/)
    const reports = artifactNames(1201).filter(n => n.includes('-report-'))
    expect(reports).toHaveLength(3)
    for (const id of ['31', '32', '33']) expect(reports.some(n => n.includes(id))).toBe(true)

    const rerun = await step({ runId: 1201, attempt: 2, boards: '32', database: 'matrix-32.sqlite', leg: 'leg32' })
    expect(rerun.code).toBe(0)
    expect(log(rerun)).toMatch(/Resuming from checkpoint \d+ of run 1201 attempt 1 \([^)]*32[^)]*checkpoint/)
    expect(await names('matrix-32.sqlite', '32')).toEqual({ rows: 60, fresh: 0 })
  }, 600_000)

  it('a SIGINT mid-run uploads a final checkpoint and a stopped summary; the re-run finishes from it', async () => {
    // a slower monday for this board, so the signal lands while the run is still working
    const slow = await startFakeMonday([board('41')], { delayMs: 25 })
    const fetchedBefore = board('41').fetched.length
    const stopped = await step({
      runId: 1301,
      boards: '41',
      database: 'cancel.sqlite',
      inputs: { [INPUTS.batchSize]: '10', [INPUTS.checkpointEvery]: '3', [INPUTS.mondayApiUrl]: slow.url },
      cancel: { when: /\b[1-4]\d\d\/600 items/ }
    })
    github.state.finishAttempt(1301, 'cancelled')
    // it exited on its own (code 1), not by the runner's kill, whether SIGTERM came or not
    expect(stopped.signalled).toBeDefined()
    expect(stopped.code).toBe(1)
    expect(stopped.summary).toMatch(/attempt 1 stopped/)
    expect(stopped.summary).toMatch(/SIGINT/)
    const checkpoints = artifactNames(1301).filter(n => n.includes('-checkpoint-'))
    expect(checkpoints.length).toBeGreaterThan(0)
    const last = JSON.parse(github.artifactFiles(1301, checkpoints.at(-1)!).get('checkpoint.json')!.toString()) as {
      final: boolean
      state: { boards: { itemsStaged: number }[] }
    }
    expect(last.final).toBe(true)
    // the last checkpoint lags the progress line by up to checkpoint-every batches
    expect(last.state.boards[0]!.itemsStaged).toBeGreaterThan(0)

    const fetchedAtStop = new Set(board('41').fetched.slice(fetchedBefore).flat())
    const batchesAtStop = board('41').fetched.length
    const rerun = await step({
      runId: 1301,
      attempt: 2,
      boards: '41',
      database: 'cancel.sqlite',
      inputs: { [INPUTS.batchSize]: '10', [INPUTS.mondayApiUrl]: slow.url }
    })
    await slow.close()
    expect(rerun.code).toBe(0)
    expect(log(rerun)).toMatch(/Resuming from checkpoint \d+ of run 1301 attempt 1/)
    expect(await names('cancel.sqlite', '41')).toEqual({ rows: 600, fresh: 0 })
    const refetched = board('41')
      .fetched.slice(batchesAtStop)
      .flat()
      .filter(id => fetchedAtStop.has(id))
    expect(refetched.length).toBeLessThan(fetchedAtStop.size)
  }, 600_000)

  it('600 checkpoints’ worth of work stays inside 500 artifacts per job and keeps the report and the replay', async () => {
    proxy.failFetch(595, 'one batch near the end of the long run fails')
    const long = await step({
      runId: 1401,
      boards: '51',
      database: 'long.sqlite',
      inputs: { [INPUTS.batchSize]: '1', [INPUTS.concurrency]: '4', [INPUTS.checkpointEvery]: '1' }
    })
    expect(long.code).toBe(1)
    expect(log(long)).not.toMatch(/was not uploaded/)
    // the runner would drop a summary above 1 MiB whole
    expect(long.summary).toContain('### Failures')
    const all = github.state.artifacts.filter(a => a.runId === 1401)
    expect(all.length).toBeLessThanOrEqual(ARTIFACTS_PER_JOB)
    const listed = artifactNames(1401)
    expect(listed.filter(n => n.includes('-checkpoint-')).length).toBeLessThanOrEqual(5)
    expect(listed.some(n => n.includes('-report-a1'))).toBe(true)
    expect(listed.some(n => n.includes('-replay-a1'))).toBe(true)
    const replay = listed.find(n => n.includes('-replay-a1'))!
    const files = readZip(github.state.runArtifacts(1401).find(a => a.name === replay)!.blob!)
    expect(JSON.parse(files.get('replay.json')!.toString())).toMatchObject({ checkpoint: { final: true } })
  }, 600_000)

  it('an expired checkpoint is skipped and said so; the re-run starts fresh instead of failing the lookup', async () => {
    proxy.failFetch(2, 'the first attempt fails early')
    const first = await step({ runId: 1701, boards: '71', database: 'expired.sqlite' })
    github.state.finishAttempt(1701, 'failure')
    expect(first.code).toBe(1)
    const expired = github.state.runArtifacts(1701).filter(a => a.name.includes('-checkpoint-'))
    expect(expired.length).toBeGreaterThan(0)
    github.state.expire(a => a.runId === 1701 && a.name.includes('-checkpoint-'))
    const requestsBefore = github.state.requests.length
    const second = await step({ runId: 1701, attempt: 2, boards: '71', database: 'expired.sqlite' })
    expect(second.code).toBe(0)
    expect(log(second)).toMatch(new RegExp(`skipped expired artifact ${expired.at(-1)!.name}`))
    const zips = github.state.requests.slice(requestsBefore).filter(r => /\/artifacts\/\d+\/zip/.test(r))
    expect(zips).toEqual([])
    expect(await names('expired.sqlite', '71')).toEqual({ rows: 100, fresh: 0 })
  }, 600_000)
})
