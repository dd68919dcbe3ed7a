import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { INPUTS } from '../../src/action/inputs.js'
import { type GitHubEmulator, readZip, startGitHubEmulator } from '../../emulator/github/index.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { type ActionRun, runAction } from './action-runner.js'
import { startFaultProxy } from './fault-proxy.js'

const MONDAY_TOKEN = 'tok-E2E-SECRET-4242'
const GITHUB_TOKEN = 'ghs_e2eFullToken'
const READ_ONLY_TOKEN = 'ghs_e2eActionsOnly'
const RUN_ID = 9001
/** Message of the injected monday failure: markup that must arrive escaped. */
const HOSTILE = 'Column value <script>alert(1)</script> | not valid'

async function rows(file: string): Promise<{ n: number; distinct: number }> {
  const db = SqliteDatabase.open(file)
  try {
    const [row] = await db.query<{ n: number; distinct: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS "distinct" FROM monday_board_42'
    )
    return row!
  } finally {
    await db.close()
  }
}

/** stdout without the runner's own mask commands (they carry the secrets by design). */
const logOf = (run: ActionRun): string =>
  (run.stdout + run.stderr)
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')

describe('the action end to end (load-board, emulated GitHub and monday)', () => {
  const board = FakeBoard.make('42', 600)
  let monday: Awaited<ReturnType<typeof startFakeMonday>>
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>
  let github: GitHubEmulator
  const dir = mkdtempSync(join(tmpdir(), 'e2e-action-'))
  const database = join(dir, 'db.sqlite')

  beforeAll(async () => {
    monday = await startFakeMonday([board], { delayMs: 1 })
    proxy = await startFaultProxy(monday.url)
    github = await startGitHubEmulator()
    github.state.grant(GITHUB_TOKEN, ['issues:write', 'actions:read'])
    github.state.grant(READ_ONLY_TOKEN, ['actions:read'])
  })
  afterAll(async () => {
    await Promise.all([monday.close(), proxy.close(), github.close()])
  })

  const attempt = (n: number, token = GITHUB_TOKEN): Promise<ActionRun> => {
    const { runtimeToken } = github.state.startAttempt({ runId: RUN_ID, attempt: n })
    return runAction({
      inputs: {
        [INPUTS.command]: 'load-board',
        [INPUTS.boardId]: '42',
        [INPUTS.mondayToken]: MONDAY_TOKEN,
        [INPUTS.mondayApiUrl]: proxy.url,
        [INPUTS.databaseUrl]: `sqlite:${database}`,
        [INPUTS.githubToken]: token,
        [INPUTS.batchSize]: '25',
        [INPUTS.concurrency]: '1',
        [INPUTS.checkpointEvery]: '4',
        [INPUTS.resumeFrom]: 'auto'
      },
      env: {
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

  let first: ActionRun
  let second: ActionRun

  it('attempt 1 fails part-way: outputs, artifacts, an issue, an annotation and an escaped summary', async () => {
    proxy.failFetch(10, HOSTILE)
    first = await attempt(1)
    github.state.finishAttempt(RUN_ID, 'failure')
    expect(first.code).toBe(1)
    expect(first.stdout).toContain(`::add-mask::${MONDAY_TOKEN}`)
    expect(first.stdout).toMatch(
      /::error title=monday-sync%3A fetch_items failed on board 42 \(validation\)::25 row\(s\)/
    )
    expect(first.stdout).toMatch(/::group::Running load-board/)
    expect(Number(first.outputs['items-failed'])).toBe(25)
    expect(Number(first.outputs['items-created'])).toBeLessThan(600)
    expect(first.outputs['report-path']).toMatch(/report\.json$/)

    const names = github.state.runArtifacts(RUN_ID).map(a => a.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'monday-sync-load-board-42-task-graph-a1',
        'monday-sync-load-board-42-checkpoint-a1-1',
        'monday-sync-load-board-42-report-a1',
        'monday-sync-load-board-42-replay-a1'
      ])
    )
    const replay = JSON.parse(
      github.artifactFiles(RUN_ID, 'monday-sync-load-board-42-replay-a1').get('replay.json')!.toString()
    ) as {
      failures: { rowKeys: string[] }[]
      checkpoint: { final: boolean }
    }
    expect(replay.failures[0]!.rowKeys).toHaveLength(25)
    expect(replay.checkpoint.final).toBe(true)

    expect(github.state.issues).toHaveLength(1)
    const issue = github.state.issues[0]!
    expect(issue.state).toBe('open')
    expect(issue.body).toMatch(
      /<!-- monday-sync-failure:[0-9a-f]{16} board=42 operation=fetch_items class=validation pipeline=load-board -->/
    )
    expect(issue.body).toContain('monday-sync-load-board-42-replay-a1')
    expect(issue.body).toContain(replay.failures[0]!.rowKeys[0])

    expect(first.summary).toMatch(/<th align="left">Success rate<\/th>/)
    expect(first.summary).toContain('```mermaid')
    expect(first.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &#124; not valid')
    expect(first.summary).not.toContain('<script>')
    expect(first.summary).toContain(`https://github.com/acme/data/issues/${issue.number}`)
  })

  it('attempt 2 resumes from attempt 1’s checkpoint, loads every item once and closes the issue', async () => {
    const fetchedBefore = new Set(board.fetched.flat())
    const batchesBefore = board.fetched.length
    second = await attempt(2)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(
      /Resuming from checkpoint \d+ of run 9001 attempt 1 \(monday-sync-load-board-42-checkpoint-a1-\d+\)/
    )
    expect(await rows(database)).toEqual({ n: 600, distinct: 600 })
    const refetched = board.fetched
      .slice(batchesBefore)
      .flat()
      .filter(id => fetchedBefore.has(id))
    // only the batch that failed is asked for again
    expect(refetched.length).toBeLessThanOrEqual(25)
    expect(Number(second.outputs['items-failed'])).toBe(0)
    expect(github.state.runArtifacts(RUN_ID).map(a => a.name)).toEqual(
      expect.arrayContaining(['monday-sync-load-board-42-task-graph-a2', 'monday-sync-load-board-42-report-a2'])
    )
    const issue = github.state.issues[0]!
    expect(issue.state).toBe('closed')
    expect(issue.comments.at(-1)!.body).toMatch(/loaded without this failure by \[run 9001, attempt 2\]/)
    expect(second.summary).toMatch(/Resumed from checkpoint/)
  })

  it('a token without issues: write gives a warning, not a failure', async () => {
    const third = await attempt(3, READ_ONLY_TOKEN)
    expect(third.code).toBe(0)
    expect(third.stdout).toMatch(/::warning::Failure issues were not updated: the token cannot write issues/)
    expect(third.summary).toContain('[!WARNING]')
  })

  it('never writes a secret to the log, the summary, an artifact or an issue', () => {
    const everything = [
      logOf(first),
      logOf(second),
      first.summary,
      second.summary,
      ...github.state.artifacts.flatMap(a => (a.blob ? [...readZip(a.blob).values()].map(b => b.toString()) : [])),
      ...github.state.issues.flatMap(i => [i.title, i.body, ...i.comments.map(c => c.body)])
    ].join('\n')
    expect(everything.length).toBeGreaterThan(1000)
    expect(everything).not.toContain(MONDAY_TOKEN)
    expect(everything).not.toContain(GITHUB_TOKEN)
  })
})
