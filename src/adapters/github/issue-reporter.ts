import type { FailedBatch } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { statusOf } from './errors.js'
import type { GitHubApi, RunContext } from './github-api.js'
import {
  MARKER_PREFIX,
  type FailureGroup,
  type FailurePipeline,
  failedAgainComment,
  groupFailures,
  issueBody,
  issueTitle,
  listedKeys,
  parseMarker,
  resolvedComment
} from './issue-body.js'

/** Searches per reconcile at most: the search API allows 30 a minute (REST docs, "Rate limits for the search API"). */
const MAX_SEARCHES = 10

/** What an open issue lists, for deciding whether it is resolved. */
export interface ListedFailure {
  number: number
  boardId: string
  operation: string
  /** The row keys the body and the "Failed again" comments list. */
  rowKeys: string[]
}

/** Options of IssueReporter. */
export interface IssueReporterOptions {
  api: GitHubApi
  context: RunContext
  /** Label of monday-sync's issues; default `monday-sync`. */
  label?: string
  /** Body limit in characters; default GitHub's 65 536. */
  bodyLimit?: number
}

/** What happened to one issue. */
export type IssueOutcome =
  | { kind: 'opened' | 'commented'; fingerprint: string; boardId: string; number: number; url: string }
  | { kind: 'closed'; fingerprint: string; boardId: string; number: number; url: string }

/** The result of a reconcile: outcomes so far, and a warning when GitHub refused. */
export interface IssueReport {
  outcomes: IssueOutcome[]
  /** Set when the token lacks `issues: write` (or GitHub failed); the sync does not fail for it. */
  warning?: string
  /** What was skipped on the way (a search over its rate limit). */
  notes?: string[]
}

interface OpenIssue {
  number: number
  html_url: string
  body?: string | null
  /** How many comments it has. */
  comments?: number
}

/**
 * A rate-limit answer (403 or 429 with `x-ratelimit-remaining: 0`, or a message saying so), as
 * GitHub sends for the search API's 30 requests a minute and for secondary limits.
 */
export function rateLimited(e: unknown): boolean {
  const status = statusOf(e)
  if (status !== 403 && status !== 429) return false
  const headers = (e as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {}
  return headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(messageOf(e))
}

/**
 * One issue per failed-batch fingerprint (board, operation, error class), found again by a hidden
 * marker: a new failure opens one, a repeated failure comments on it, and an issue whose failure
 * did not recur is closed once what it lists is fixed (see reconcile).
 */
export class IssueReporter {
  private readonly label: string

  constructor(private readonly options: IssueReporterOptions) {
    this.label = options.label ?? 'monday-sync'
  }

  /**
   * Reconciles the open issues of `pipeline` with this run's failures. An open issue whose failure
   * did not recur is closed only when `resolved` says what it lists is fixed (its rows SYNCED, its
   * board loaded); issues of the other pipeline are left alone. `replayArtifact` is named in bodies.
   */
  async reconcile(options: {
    pipeline: FailurePipeline
    failures: readonly FailedBatch[]
    resolved: (issue: ListedFailure) => Promise<boolean>
    replayArtifact?: string
  }): Promise<IssueReport> {
    const outcomes: IssueOutcome[] = []
    const notes: string[] = []
    const { context } = this.options
    const run = { ...context, replayArtifact: options.replayArtifact }
    const limit = this.options.bodyLimit
    this.searchesLeft = MAX_SEARCHES
    try {
      const open = await this.openIssues()
      const groups = groupFailures(options.failures, options.pipeline)
      for (const group of groups) {
        const existing = open.get(group.fingerprint) ?? (await this.searchMarker(group.fingerprint, notes))
        if (existing) {
          await this.comment(existing.number, failedAgainComment(group, run, limit))
          outcomes.push({ kind: 'commented', ...ids(group), number: existing.number, url: existing.html_url })
          continue
        }
        outcomes.push({ kind: 'opened', ...ids(group), ...(await this.open(group, issueBody(group, run, limit))) })
      }
      const failing = new Set(groups.map(g => g.fingerprint))
      for (const [fingerprint, issue] of open) {
        const marker = parseMarker(issue.body ?? '')
        if (!marker || marker.pipeline !== options.pipeline || failing.has(fingerprint)) continue
        const comments = issue.comments ? await this.commentBodies(issue.number) : []
        const listed = { number: issue.number, boardId: marker.boardId, operation: marker.operation }
        if (!(await options.resolved({ ...listed, rowKeys: listedKeys(issue.body ?? '', comments) }))) continue
        const boardId = marker.boardId
        await this.comment(issue.number, resolvedComment(run, options.pipeline))
        await this.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          issue_number: issue.number,
          state: 'closed',
          state_reason: 'completed'
        })
        outcomes.push({ kind: 'closed', fingerprint, boardId, number: issue.number, url: issue.html_url })
      }
      return { outcomes, ...(notes.length > 0 ? { notes } : {}) }
    } catch (e) {
      const status = statusOf(e)
      const why = rateLimited(e)
        ? `GitHub's rate limit was reached (${messageOf(e)}); the next run catches up`
        : status === 403 || status === 401
          ? 'the token cannot write issues (grant `issues: write` to the job)'
          : `GitHub answered: ${messageOf(e)}`
      return { outcomes, warning: `Failure issues were not updated: ${why}` }
    }
  }

  private searchesLeft = MAX_SEARCHES

  /** The bodies of an issue's comments (first 100). */
  private async commentBodies(issueNumber: number): Promise<string[]> {
    const { data } = await this.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      issue_number: issueNumber,
      per_page: 100
    })
    return (data as { body?: string | null }[]).map(c => c.body ?? '')
  }

  /** Open issues with the label whose body carries a marker, by fingerprint (newest wins). */
  private async openIssues(): Promise<Map<string, OpenIssue>> {
    const found = new Map<string, OpenIssue>()
    for (let page = 1; page <= 10; page++) {
      const { data } = await this.request('GET /repos/{owner}/{repo}/issues', {
        labels: this.label,
        state: 'open',
        per_page: 100,
        page
      })
      const issues = data as OpenIssue[]
      for (const issue of issues) {
        const marker = parseMarker(issue.body ?? '')
        if (marker && !found.has(marker.fingerprint)) found.set(marker.fingerprint, issue)
      }
      if (issues.length < 100) break
    }
    return found
  }

  /**
   * An open issue carrying the marker, through search: finds issues whose label was dropped
   * (GitHub ignores labels a token may not create).
   */
  private async searchMarker(fingerprint: string, notes: string[]): Promise<OpenIssue | undefined> {
    if (this.searchesLeft <= 0) return undefined
    this.searchesLeft -= 1
    const { owner, repo } = this.options.context
    const q = `"${MARKER_PREFIX}${fingerprint}" repo:${owner}/${repo} is:issue is:open in:body`
    try {
      const { data } = await this.options.api.request('GET /search/issues', { q, per_page: 5 })
      return (data as { items: OpenIssue[] }).items.find(i => parseMarker(i.body ?? '')?.fingerprint === fingerprint)
    } catch (e) {
      // the search API's own limit (30 a minute) is not a missing permission: carry on without it
      if (!rateLimited(e)) throw e
      this.searchesLeft = 0
      notes.push(
        `The search API's rate limit was reached; issues without the label may be opened twice (${messageOf(e)})`
      )
      return undefined
    }
  }

  private async open(group: FailureGroup, body: string): Promise<{ number: number; url: string }> {
    const { data } = await this.request('POST /repos/{owner}/{repo}/issues', {
      title: issueTitle(group),
      body,
      labels: [this.label]
    })
    const issue = data as OpenIssue
    return { number: issue.number, url: issue.html_url }
  }

  private async comment(issueNumber: number, body: string): Promise<void> {
    await this.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issueNumber, body })
  }

  private request(route: string, parameters: Record<string, unknown>): Promise<{ status: number; data: unknown }> {
    const { owner, repo } = this.options.context
    return this.options.api.request(route, { owner, repo, ...parameters })
  }
}

function ids(group: FailureGroup): { fingerprint: string; boardId: string } {
  return { fingerprint: group.fingerprint, boardId: group.boardId }
}
