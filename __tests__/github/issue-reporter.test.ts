import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import type { GitHubApi } from '../../src/adapters/github/github-api.js'
import { fingerprintOf, groupFailures, issueBody, markerOf, parseMarker } from '../../src/adapters/github/issue-body.js'
import { IssueReporter } from '../../src/adapters/github/issue-reporter.js'
import type { FailedBatch } from '../../src/engine/run-types.js'

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

const failure = (over: Partial<FailedBatch> = {}): FailedBatch => ({
  boardId: '42',
  operation: 'create_item',
  errorClass: 'validation',
  message: 'Column value <b>bad</b> ``` fence',
  rowKeys: ['ORD-1', 'ORD-2'],
  attempts: 2,
  ...over
})

describe('IssueReporter with the real Octokit against the REST emulator', () => {
  let gh: GitHubEmulator
  const api = (token: string): GitHubApi => {
    const octokit = new Octokit({ auth: token, baseUrl: gh.apiUrl, log: quiet })
    return { request: async (route, parameters) => await octokit.request(route, parameters) }
  }
  const reporter = (attempt: number, token = 'writer'): IssueReporter =>
    new IssueReporter({
      api: api(token),
      context: {
        owner: 'acme',
        repo: 'data',
        runId: 5,
        attempt,
        runUrl: `https://github.com/acme/data/actions/runs/5/attempts/${attempt}`
      }
    })
  beforeAll(async () => {
    gh = await startGitHubEmulator()
    gh.state.grant('writer', ['issues:write'])
    gh.state.grant('reader', ['actions:read'])
  })
  beforeEach(() => void gh.state.issues.splice(0))
  afterAll(() => gh.close())

  it('opens one issue per fingerprint, comments on a re-run and closes it once the board is settled', async () => {
    const first = await reporter(1).reconcile({
      failures: [failure(), failure({ rowKeys: ['ORD-2', 'ORD-3'] }), failure({ boardId: '43', errorClass: 'auth' })],
      settledBoards: [],
      replayArtifact: 'monday-sync-replay-a1'
    })
    expect(first.outcomes.map(o => [o.kind, o.boardId])).toEqual([
      ['opened', '42'],
      ['opened', '43']
    ])
    const [issue42] = gh.state.issues
    expect(issue42!.title).toBe('monday-sync: create_item failed on board 42 (validation)')
    expect(issue42!.labels).toEqual(['monday-sync'])
    expect(issue42!.body).toContain('ORD-1\nORD-2\nORD-3')
    expect(issue42!.body).toContain('````\nColumn value <b>bad</b> ``` fence\n````')
    expect(issue42!.body).toContain('`monday-sync-replay-a1`')
    expect(parseMarker(issue42!.body)).toEqual({ fingerprint: fingerprintOf(failure()), boardId: '42' })

    const again = await reporter(2).reconcile({ failures: [failure()], settledBoards: ['43'] })
    expect(again.outcomes.map(o => o.kind)).toEqual(['commented', 'closed'])
    expect(gh.state.issues).toHaveLength(2)
    expect(issue42!.comments[0]!.body).toMatch(/^Failed again in \[run 5, attempt 2\]/)
    expect(gh.state.issues[1]).toMatchObject({ state: 'closed', stateReason: 'completed' })

    // an issue whose label was dropped is still found by its marker
    issue42!.labels = []
    const unlabelled = await reporter(3).reconcile({ failures: [failure()], settledBoards: [] })
    expect(unlabelled.outcomes).toEqual([expect.objectContaining({ kind: 'commented', number: 1 })])
    issue42!.labels = ['monday-sync']

    const later = await reporter(3).reconcile({ failures: [], settledBoards: [] })
    expect(later.outcomes).toEqual([])
    const fixed = await reporter(4).reconcile({ failures: [], settledBoards: ['42'] })
    expect(fixed.outcomes).toEqual([expect.objectContaining({ kind: 'closed', boardId: '42', number: 1 })])
    expect(issue42!.comments.at(-1)!.body).toBe(
      'The rows of this failure were synced by [run 5, attempt 4](https://github.com/acme/data/actions/runs/5/attempts/4). Closing.'
    )
  })

  it('cuts bodies and comments to fit GitHub’s 65 536 characters', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `ORDER-KEY-${String(i).padStart(8, '0')}`)
    const big = failure({ rowKeys: keys, message: 'x'.repeat(100_000) })
    const result = await reporter(1).reconcile({ failures: [big], settledBoards: [] })
    expect(result.warning).toBeUndefined()
    const body = gh.state.issues[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/…and \d+ more \(every key is in the replay artifact\)/)
    await reporter(2).reconcile({ failures: [big], settledBoards: [] })
    expect(gh.state.issues[0]!.comments[0]!.body.length).toBeLessThanOrEqual(65_536)
    expect(issueBody(groupFailures([big])[0]!, { runUrl: 'u', runId: 1, attempt: 1 }, 300)).toHaveLength(300)
  })

  it('warns, without failing, when the token cannot write issues', async () => {
    const result = await reporter(1, 'reader').reconcile({ failures: [failure()], settledBoards: [] })
    expect(result).toEqual({
      outcomes: [],
      warning: 'Failure issues were not updated: the token cannot write issues (grant `issues: write` to the job)'
    })
    gh.state.inject({ match: /POST .*\/issues$/, status: 422, body: { message: 'Validation Failed' } })
    const refused = await reporter(1).reconcile({ failures: [failure()], settledBoards: [] })
    expect(refused.warning).toMatch(/^Failure issues were not updated: GitHub answered: Validation Failed/)
  })
})

describe('issue bodies', () => {
  it('merge failures by (board, operation, error class) and keep each key once', () => {
    const groups = groupFailures([
      failure(),
      failure({ rowKeys: ['ORD-2', 'ORD-9'], attempts: 5 }),
      failure({ operation: 'x' })
    ])
    expect(groups.map(g => [g.rowKeys, g.attempts])).toEqual([
      [['ORD-1', 'ORD-2', 'ORD-9'], 5],
      [['ORD-1', 'ORD-2'], 2]
    ])
    expect(fingerprintOf(failure())).not.toBe(fingerprintOf(failure({ errorClass: 'auth' })))
  })

  it('keep the marker parseable whatever the values hold', () => {
    const group = { ...failure({ operation: 'a --> b' }), fingerprint: 'abcdefabcdef0123' }
    expect(markerOf(group)).toBe(
      '<!-- monday-sync-failure:abcdefabcdef0123 board=42 operation=a_--__b class=validation -->'
    )
    expect(parseMarker('no marker')).toBeNull()
  })
})
