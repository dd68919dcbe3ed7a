import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { INPUTS } from '../../src/action/inputs.js'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { parseOutputFile } from './action-runner.js'

const TOKEN = 'tok-IN-PROCESS-99'
const RUN_ID = 9200

/**
 * `run()` in this process (the child-process tests cover the entry point; this one lets coverage
 * see the wiring). The environment is set before the action's modules load, as on a runner.
 */
describe('run() in process', () => {
  let monday: Awaited<ReturnType<typeof startFakeMonday>>
  let github: GitHubEmulator
  const dir = mkdtempSync(join(tmpdir(), 'run-in-process-'))
  const saved = { ...process.env }
  let written = ''

  beforeAll(async () => {
    monday = await startFakeMonday([FakeBoard.make('77', 120)])
    github = await startGitHubEmulator()
    github.state.grant('ghs_in', ['issues:write', 'actions:read'])
    const { runtimeToken } = github.state.startAttempt({ runId: RUN_ID, attempt: 1 })
    for (const file of ['output', 'summary.md']) writeFileSync(join(dir, file), '')
    const inputs: Record<string, string> = {
      [INPUTS.command]: 'load-board',
      [INPUTS.boardId]: '77',
      [INPUTS.mondayToken]: TOKEN,
      [INPUTS.mondayApiUrl]: monday.url,
      [INPUTS.databaseUrl]: `sqlite:${join(dir, 'db.sqlite')}`,
      [INPUTS.githubToken]: 'ghs_in',
      [INPUTS.resumeFrom]: 'auto'
    }
    for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
    Object.assign(process.env, {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      RUNNER_TEMP: dir,
      GITHUB_REPOSITORY: 'acme/data',
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_API_URL: github.apiUrl,
      ACTIONS_RESULTS_URL: github.resultsUrl,
      ACTIONS_RUNTIME_TOKEN: runtimeToken
    })
    delete process.env.GITHUB_SERVER_URL
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written += String(chunk)
      return true
    })
  })
  afterAll(async () => {
    jest.restoreAllMocks()
    process.env = saved
    process.exitCode = undefined
    await Promise.all([monday.close(), github.close()])
  })

  it('loads the board, sets the outputs, writes the summary and uploads the artifacts', async () => {
    const { run } = await import('../../src/action/run.js')
    await run()
    expect(process.exitCode).toBeUndefined()
    const outputs = parseOutputFile(readFileSync(join(dir, 'output'), 'utf8'))
    expect(outputs).toEqual({
      'items-created': '120',
      'items-failed': '0',
      'report-path': expect.stringMatching(/report\.json$/)
    })
    expect(JSON.parse(readFileSync(outputs['report-path']!, 'utf8'))).toMatchObject({ itemsDone: 120 })
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/## monday-sync load-board: attempt 1/)
    expect(github.state.runArtifacts(RUN_ID).map(a => a.name)).toEqual(
      expect.arrayContaining(['monday-sync-load-board-77-task-graph-a1', 'monday-sync-load-board-77-report-a1'])
    )
    expect(written).toMatch(/No resume: no earlier attempt, and no earlier completed push run on main: starting fresh/)
    expect(written.indexOf(`::add-mask::${TOKEN}`)).toBe(0)
    expect(
      written
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain(TOKEN)
  })

  it('runs sync through the same seam and names a missing configuration', async () => {
    process.env['INPUT_COMMAND'] = 'sync'
    const { run } = await import('../../src/action/run.js')
    await expect(run()).rejects.toThrow('Input "config" is required for sync')
    Object.assign(process.env, {
      INPUT_CONFIG: 'configs/pipelines/sync_order_list.toml',
      INPUT_ENVIRONMENT: 'development',
      'INPUT_BATCH-SIZE': '5',
      INPUT_CONCURRENCY: '2',
      'INPUT_CHECKPOINT-EVERY': '3',
      MONDAY_BOARD_ID: '1'
    })
    // nothing was seeded: sync reaches the database through the seam and stops there
    await expect(run()).rejects.toThrow(
      /source\.orders\.table: table ORDER_LIST cannot be read .*no such table: ORDER_LIST/
    )
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      /## monday-sync sync: attempt 1 stopped\n\nInput &quot;config&quot; is required for sync\n\nReplay artifact: `monday-sync-sync-77-replay-a1`[^]*## monday-sync sync: attempt 1 stopped\n\nsource\.orders\.table: table ORDER_LIST cannot be read \(SQLite: Error: no such table: ORDER_LIST\)\n/
    )
    expect(written).toContain('No resume: sync resumes from the database (rows not yet SYNCED are picked up)')
    expect(written).toContain('::group::Running sync')
    for (const name of ['INPUT_CONFIG', 'INPUT_BATCH-SIZE', 'INPUT_CONCURRENCY', 'INPUT_CHECKPOINT-EVERY']) {
      delete process.env[name]
    }
    process.env['INPUT_COMMAND'] = 'load-board'
    process.env['INPUT_RESUME-FROM'] = 'none'
    process.env['INPUT_BOARD-ID'] = '78'
    await run()
    expect(written).toMatch(/::error title=monday-sync%3A columns failed on board 78/)
    expect(process.exitCode).toBe(1)
  })

  it('fails the step with the message at the boundary (src/main.ts)', async () => {
    delete process.env['INPUT_MONDAY-TOKEN']
    process.exitCode = undefined
    const { run } = await import('../../src/main.js')
    await run()
    expect(process.exitCode).toBe(1)
    expect(written).toMatch(/::error::\w*Error: Input "monday-token" is required/)
  })
})
