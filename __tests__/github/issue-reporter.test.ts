import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import type { GitHubApi } from '../../src/adapters/github/github-api.js'
import {
  failedAgainComment,
  fingerprintOf,
  groupFailures,
  issueBody,
  listedKeys,
  markerOf,
  parseMarker
} from '../../src/adapters/github/issue-body.js'
import { IssueReporter, type ListedFailure } from '../../src/adapters/github/issue-reporter.js'
import type { FailedBatch } from '../../src/engine/run-types.js'

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

/** Resolved when the board is among `boards` (load-board's rule). */
const boardsLoaded =
  (...boards: string[]) =>
  (issue: ListedFailure): Promise<boolean> =>
    Promise.resolve(boards.includes(issue.boardId))
const LB = 'load-board' as const

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
      pipeline: LB,
      failures: [failure(), failure({ rowKeys: ['ORD-2', 'ORD-3'] }), failure({ boardId: '43', errorClass: 'auth' })],
      resolved: boardsLoaded(),
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
    expect(parseMarker(issue42!.body)).toEqual({
      fingerprint: fingerprintOf(failure(), LB),
      boardId: '42',
      operation: 'create_item',
      pipeline: LB
    })

    const again = await reporter(2).reconcile({ pipeline: LB, failures: [failure()], resolved: boardsLoaded('43') })
    expect(again.outcomes.map(o => o.kind)).toEqual(['commented', 'closed'])
    expect(gh.state.issues).toHaveLength(2)
    expect(issue42!.comments[0]!.body).toMatch(/^Failed again in \[run 5, attempt 2\]/)
    expect(gh.state.issues[1]).toMatchObject({ state: 'closed', stateReason: 'completed' })

    // an issue whose label was dropped is still found by its marker, once search indexed it
    issue42!.labels = []
    gh.state.advance(61_000)
    const unlabelled = await reporter(3).reconcile({ pipeline: LB, failures: [failure()], resolved: boardsLoaded() })
    expect(unlabelled.outcomes).toEqual([expect.objectContaining({ kind: 'commented', number: 1 })])
    issue42!.labels = ['monday-sync']

    const later = await reporter(3).reconcile({ pipeline: LB, failures: [], resolved: boardsLoaded() })
    expect(later.outcomes).toEqual([])
    // sync's run on the same board never closes load-board's issue
    const sync = await reporter(4).reconcile({ pipeline: 'sync', failures: [], resolved: boardsLoaded('42') })
    expect(sync.outcomes).toEqual([])
    const fixed = await reporter(4).reconcile({ pipeline: LB, failures: [], resolved: boardsLoaded('42') })
    expect(fixed.outcomes).toEqual([expect.objectContaining({ kind: 'closed', boardId: '42', number: 1 })])
    expect(issue42!.comments.at(-1)!.body).toBe(
      'The board was loaded without this failure by [run 5, attempt 4](https://github.com/acme/data/actions/runs/5/attempts/4). Closing.'
    )
  })

  it('a sync issue closes only when `resolved` says the rows it and its comments list are fixed', async () => {
    await reporter(1).reconcile({ pipeline: 'sync', failures: [failure()], resolved: boardsLoaded() })
    await reporter(2).reconcile({
      pipeline: 'sync',
      failures: [failure({ rowKeys: ['ORD-7'] })],
      resolved: boardsLoaded()
    })
    const asked: ListedFailure[] = []
    let fixed = false
    const resolved = (issue: ListedFailure): Promise<boolean> => {
      asked.push(issue)
      return Promise.resolve(fixed)
    }
    expect((await reporter(3).reconcile({ pipeline: 'sync', failures: [], resolved })).outcomes).toEqual([])
    expect(asked).toEqual([
      { number: 1, boardId: '42', operation: 'create_item', rowKeys: ['ORD-1', 'ORD-2', 'ORD-7'] }
    ])
    fixed = true
    const closed = await reporter(4).reconcile({ pipeline: 'sync', failures: [], resolved })
    expect(closed.outcomes).toEqual([expect.objectContaining({ kind: 'closed', number: 1 })])
    expect(gh.state.issues[0]!.comments.at(-1)!.body).toMatch(
      /^The rows of this failure were synced by \[run 5, attempt 4\]/
    )
  })

  it('a search over its rate limit is a note, not a missing issues: write', async () => {
    gh.state.inject({
      match: /GET \/search\/issues/,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      times: 1
    })
    const result = await reporter(1).reconcile({ pipeline: LB, failures: [failure()], resolved: boardsLoaded() })
    expect(result.warning).toBeUndefined()
    expect(result.outcomes.map(o => o.kind)).toEqual(['opened'])
    expect(result.notes).toEqual([expect.stringMatching(/search API's rate limit was reached/)])
  })

  it('cuts bodies and comments to fit GitHub’s 65 536 characters', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `ORDER-KEY-${String(i).padStart(8, '0')}`)
    const big = failure({ rowKeys: keys, message: 'x'.repeat(100_000) })
    const result = await reporter(1).reconcile({ pipeline: LB, failures: [big], resolved: boardsLoaded() })
    expect(result.warning).toBeUndefined()
    const body = gh.state.issues[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/…and \d+ more \(every key is in the replay artifact\)/)
    await reporter(2).reconcile({ pipeline: LB, failures: [big], resolved: boardsLoaded() })
    expect(gh.state.issues[0]!.comments[0]!.body.length).toBeLessThanOrEqual(65_536)
    expect(issueBody(groupFailures([big], LB)[0]!, { runUrl: 'u', runId: 1, attempt: 1 }, 300)).toHaveLength(300)
  })

  it('warns, without failing, when the token cannot write issues', async () => {
    const result = await reporter(1, 'reader').reconcile({
      pipeline: LB,
      failures: [failure()],
      resolved: boardsLoaded()
    })
    expect(result).toEqual({
      outcomes: [],
      warning: 'Failure issues were not updated: the token cannot write issues (grant `issues: write` to the job)'
    })
    gh.state.inject({ match: /POST .*\/issues$/, status: 422, body: { message: 'Validation Failed' } })
    const refused = await reporter(1).reconcile({ pipeline: LB, failures: [failure()], resolved: boardsLoaded() })
    expect(refused.warning).toMatch(/^Failure issues were not updated: GitHub answered: Validation Failed/)
  })
})

describe('issue bodies', () => {
  it('merge failures by (pipeline, board, operation, error class) and keep each key once', () => {
    const groups = groupFailures(
      [failure(), failure({ rowKeys: ['ORD-2', 'ORD-9'], attempts: 5 }), failure({ operation: 'x' })],
      'sync'
    )
    expect(groups.map(g => [g.rowKeys, g.attempts])).toEqual([
      [['ORD-1', 'ORD-2', 'ORD-9'], 5],
      [['ORD-1', 'ORD-2'], 2]
    ])
    expect(fingerprintOf(failure(), 'sync')).not.toBe(fingerprintOf(failure({ errorClass: 'auth' }), 'sync'))
    expect(fingerprintOf(failure(), 'sync')).not.toBe(fingerprintOf(failure(), LB))
  })

  it('read back the keys a body and its "Failed again" comments list', () => {
    const [group] = groupFailures([failure()], 'sync')
    const body = issueBody(group!, { runUrl: 'u', runId: 1, attempt: 1 })
    const again = failedAgainComment({ ...group!, rowKeys: ['ORD-3'] }, { runUrl: 'u', runId: 1, attempt: 2 })
    expect(listedKeys(body, [again, 'a person says hello'])).toEqual(['ORD-1', 'ORD-2', 'ORD-3'])
    expect(listedKeys('no keys here')).toEqual([])
  })

  it('keep the marker parseable whatever the values hold', () => {
    const group = { ...failure({ operation: 'a --> b' }), fingerprint: 'abcdefabcdef0123', pipeline: 'sync' as const }
    expect(markerOf(group)).toBe(
      '<!-- monday-sync-failure:abcdefabcdef0123 board=42 operation=a_--__b class=validation pipeline=sync -->'
    )
    expect(parseMarker(markerOf(group))).toMatchObject({ pipeline: 'sync', operation: 'a_--__b' })
    // markers written before the pipeline was recorded: sync's operations are create_*
    const legacy = '<!-- monday-sync-failure:abcdefabcdef0123 board=42 operation=fetch_items class=validation -->'
    expect(parseMarker(legacy)).toEqual({
      fingerprint: 'abcdefabcdef0123',
      boardId: '42',
      operation: 'fetch_items',
      pipeline: LB
    })
    expect(parseMarker('no marker')).toBeNull()
  })
})
