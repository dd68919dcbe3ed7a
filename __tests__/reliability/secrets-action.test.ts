import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { INPUTS } from '../../src/action/inputs.js'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { startHarness } from '../sync/harness.js'
import { type ActionResult, runAction } from './action-child.js'
import { plantRows } from './bad-rows.js'
import { writeSyncConfig } from './sync-setup.js'
import { count } from './tally.js'

const TOKEN = 'tok-ACTION-SECRET-4b2e91'
const GITHUB_TOKEN = 'ghs_ACTIONSECRET0c7d3f'
const PASSWORD = 'pw-ACTION-SECRET-77aa'
/** SQL Server's password policy makes symbols common: every one a URL, JSON or HTML treats specially. */
const SPECIAL_PASSWORD = 'p@ss/w#rd?%41:SPECIAL-5e"<&>\'{$}'
const SECRETS = [TOKEN, GITHUB_TOKEN, PASSWORD, 'SECRET-4b2e', 'SECRET0c7d', 'SECRET-77aa']

/** Every file below `dir`, text read as latin1 so binary files (zips) are scanned too. */
function filesBelow(dir: string): { where: string; text: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesBelow(path) : [{ where: path, text: readFileSync(path, 'latin1') }]
  })
}

/**
 * The log without its `::add-mask::` commands: those carry the secrets to the runner, which
 * masks them; every other line must not hold one. Checks that both masks were issued.
 */
function logWithoutMasks(stdout: string, masked: string[]): string {
  const lines = stdout.split('\n')
  const masks = lines.filter(l => l.startsWith('::add-mask::')).map(l => l.slice('::add-mask::'.length).trim())
  expect(masks).toEqual(expect.arrayContaining(masked))
  return lines.filter(l => !l.startsWith('::add-mask::')).join('\n')
}

function findSecrets(texts: { where: string; text: string }[]): string[] {
  return texts.flatMap(t => SECRETS.filter(s => t.text.includes(s)).map(s => `${t.where}: ${s}`))
}

/** No text holds a secret (the failure lists each as `where: secret`); counts the texts scanned. */
function expectNoLeaks(texts: { where: string; text: string }[]): void {
  expect(findSecrets(texts)).toEqual([])
  count('texts', texts.length)
}

describe('the action: secrets stay out of the log, the summary, artifacts and issues', () => {
  let github: GitHubEmulator
  let monday: Awaited<ReturnType<typeof startFakeMonday>>

  beforeAll(async () => {
    github = await startGitHubEmulator()
    github.state.grant(GITHUB_TOKEN, ['issues:write', 'issues:read', 'actions:read'])
    monday = await startFakeMonday([FakeBoard.make('42', 150)])
  })
  afterAll(async () => {
    await github.close()
    await monday.close()
  })

  function githubEnv(runId: number): Record<string, string> {
    const { runtimeToken } = github.state.startAttempt({ runId, attempt: 1 })
    return {
      GITHUB_API_URL: github.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${github.state.owner}/${github.state.repo}`,
      GITHUB_RUN_ID: String(runId),
      GITHUB_RUN_ATTEMPT: '1',
      ACTIONS_RUNTIME_TOKEN: runtimeToken,
      ACTIONS_RESULTS_URL: github.resultsUrl
    }
  }

  /** What GitHub holds of a run: its artifacts' files and every issue and comment. */
  function githubTexts(runId: number): { where: string; text: string }[] {
    const artifacts = github.state.runArtifacts(runId).flatMap(a => [
      { where: `artifact ${a.name} (zip)`, text: a.blob?.toString('latin1') ?? '' },
      ...[...github.artifactFiles(runId, a.name)].map(([path, content]) => ({
        where: `artifact ${a.name}/${path}`,
        text: content.toString('utf8')
      }))
    ])
    const issues = github.state.issues.flatMap(i => [
      { where: `issue #${i.number}`, text: `${i.title}\n${i.body}` },
      ...i.comments.map(c => ({ where: `issue #${i.number} comment`, text: c.body }))
    ])
    return [...artifacts, ...issues]
  }

  /**
   * Everything a run leaves that people can read: the log (without the mask commands), stderr,
   * the job summary, the outputs, every file below RUNNER_TEMP (run folder, local artifacts, the
   * embedded database) and what GitHub holds (artifacts, issues, comments).
   */
  function everything(run: ActionResult, runId: number, masked: string[]): { where: string; text: string }[] {
    return [
      { where: 'stdout', text: logWithoutMasks(run.stdout, masked) },
      { where: 'stderr', text: run.stderr },
      { where: 'job summary', text: run.summary },
      { where: 'outputs', text: run.outputs },
      ...filesBelow(run.tempDir),
      ...githubTexts(runId)
    ]
  }

  it('a load-board run that fails for one board: issue, summary and artifacts hold no secret', async () => {
    const runId = 9101
    const run = await runAction(
      {
        [INPUTS.command]: 'load-board',
        [INPUTS.boardId]: '42, 43',
        [INPUTS.mondayToken]: TOKEN,
        [INPUTS.mondayApiUrl]: monday.url,
        [INPUTS.githubToken]: GITHUB_TOKEN,
        [INPUTS.databaseUrl]: `sqlite:${join(mkdtempSync(join(tmpdir(), 'rel-action-db-')), 'db.sqlite')}`
      },
      githubEnv(runId)
    )
    expect(run.code).toBe(1)
    expect(run.summary.length).toBeGreaterThan(0)
    expect(run.summary).toMatch(/43/)
    expect(github.state.issues.map(i => i.body).join('\n')).toMatch(/43/)
    // the scanner sees secrets where they are meant to be: in the mask commands
    expect(findSecrets([{ where: 'raw stdout', text: run.stdout }]).length).toBeGreaterThanOrEqual(2)
    expect(github.state.runArtifacts(runId).length).toBeGreaterThan(0)
    expectNoLeaks(everything(run, runId, [TOKEN, GITHUB_TOKEN]))
  })

  it('a run whose SQL Server cannot be reached: the password is masked and appears nowhere', async () => {
    const runId = 9102
    const run = await runAction(
      {
        [INPUTS.command]: 'load-board',
        [INPUTS.boardId]: '42',
        [INPUTS.mondayToken]: TOKEN,
        [INPUTS.mondayApiUrl]: monday.url,
        [INPUTS.githubToken]: GITHUB_TOKEN,
        [INPUTS.databaseUrl]: `mssql://sync_user:${PASSWORD}@127.0.0.1:9/orders`
      },
      githubEnv(runId)
    )
    expect(run.code).toBe(1)
    expect(run.stdout + run.stderr).toMatch(/::error::.*127\.0\.0\.1:9/)
    expectNoLeaks(everything(run, runId, [TOKEN, GITHUB_TOKEN, PASSWORD]))
  })

  it('an Azure user@server login with its password given on its own (every special character): masked everywhere', async () => {
    const runId = 9104
    const run = await runAction(
      {
        [INPUTS.command]: 'load-board',
        [INPUTS.boardId]: '42',
        [INPUTS.mondayToken]: TOKEN,
        [INPUTS.mondayApiUrl]: monday.url,
        [INPUTS.githubToken]: GITHUB_TOKEN,
        [INPUTS.databaseUrl]: 'mssql://sync_user@myserver@127.0.0.1:9/orders',
        [INPUTS.databasePassword]: SPECIAL_PASSWORD
      },
      githubEnv(runId)
    )
    expect(run.code).toBe(1)
    expect(run.stdout + run.stderr).toMatch(/::error::.*127\.0\.0\.1:9/)
    expect(run.summary).toMatch(/stopped/)
    // workflow commands escape % as %25; the runner masks the unescaped value
    const texts = everything(run, runId, [TOKEN, GITHUB_TOKEN, SPECIAL_PASSWORD.replace(/%/g, '%25')])
    const found = texts.flatMap(t =>
      [SPECIAL_PASSWORD, encodeURIComponent(SPECIAL_PASSWORD), 'SPECIAL-5e'].filter(s => t.text.includes(s))
    )
    expect(found).toEqual([])
  })

  it('a sync run with rows that fail: an issue is opened, and no secret is anywhere', async () => {
    const runId = 9103
    const h = await startHarness({ orders: 30, linesPerOrder: 2 })
    try {
      await plantRows(h.db)
      const config = writeSyncConfig(h.dir, h.boardId)
      const issuesBefore = github.state.issues.length
      const run = await runAction(
        {
          [INPUTS.command]: 'sync',
          [INPUTS.config]: config,
          [INPUTS.mondayToken]: TOKEN,
          [INPUTS.mondayApiUrl]: h.emu.url,
          [INPUTS.githubToken]: GITHUB_TOKEN,
          [INPUTS.databaseUrl]: h.dbUrl
        },
        githubEnv(runId)
      )
      expect(run.code).toBe(1)
      expect(github.state.issues.length).toBeGreaterThan(issuesBefore)
      expect(github.state.runArtifacts(runId).length).toBeGreaterThan(0)
      expectNoLeaks(everything(run, runId, [TOKEN, GITHUB_TOKEN]))
    } finally {
      await h.close()
    }
  })
})
