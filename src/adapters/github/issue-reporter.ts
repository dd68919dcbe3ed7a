import type { FailedBatch } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { statusOf } from './errors.js'
import type { GitHubApi, RunContext } from './github-api.js'
import {
  MARKER_PREFIX,
  type FailureGroup,
  failedAgainComment,
  groupFailures,
  issueBody,
  issueTitle,
  parseMarker,
  resolvedComment
} from './issue-body.js'

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
}

interface OpenIssue {
  number: number
  html_url: string
  body?: string | null
}

/**
 * One issue per failed-batch fingerprint (board, operation, error class), found again by a hidden
 * marker: a new failure opens one, a repeated failure comments on it, and a run that finishes a
 * board cleanly comments on and closes that board's issues whose failure did not recur.
 */
export class IssueReporter {
  private readonly label: string

  constructor(private readonly options: IssueReporterOptions) {
    this.label = options.label ?? 'monday-sync'
  }

  /**
   * Reconciles the open issues with this run's failures. `settledBoards` are the boards this run
   * finished without failure; `replayArtifact` is named in the bodies.
   */
  async reconcile(options: {
    failures: readonly FailedBatch[]
    settledBoards: readonly string[]
    replayArtifact?: string
  }): Promise<IssueReport> {
    const outcomes: IssueOutcome[] = []
    const { context } = this.options
    const run = { ...context, replayArtifact: options.replayArtifact }
    const limit = this.options.bodyLimit
    try {
      const open = await this.openIssues()
      const groups = groupFailures(options.failures)
      for (const group of groups) {
        const existing = open.get(group.fingerprint) ?? (await this.searchMarker(group.fingerprint))
        if (existing) {
          await this.comment(existing.number, failedAgainComment(group, run, limit))
          outcomes.push({ kind: 'commented', ...ids(group), number: existing.number, url: existing.html_url })
          continue
        }
        outcomes.push({ kind: 'opened', ...ids(group), ...(await this.open(group, issueBody(group, run, limit))) })
      }
      const failing = new Set(groups.map(g => g.fingerprint))
      for (const [fingerprint, issue] of open) {
        const boardId = parseMarker(issue.body ?? '')?.boardId ?? ''
        if (failing.has(fingerprint) || !options.settledBoards.includes(boardId)) continue
        await this.comment(issue.number, resolvedComment(run))
        await this.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          issue_number: issue.number,
          state: 'closed',
          state_reason: 'completed'
        })
        outcomes.push({ kind: 'closed', fingerprint, boardId, number: issue.number, url: issue.html_url })
      }
      return { outcomes }
    } catch (e) {
      const status = statusOf(e)
      const why =
        status === 403 || status === 401
          ? 'the token cannot write issues (grant `issues: write` to the job)'
          : `GitHub answered: ${messageOf(e)}`
      return { outcomes, warning: `Failure issues were not updated: ${why}` }
    }
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
  private async searchMarker(fingerprint: string): Promise<OpenIssue | undefined> {
    const { owner, repo } = this.options.context
    const q = `"${MARKER_PREFIX}${fingerprint}" repo:${owner}/${repo} is:issue is:open in:body`
    const { data } = await this.options.api.request('GET /search/issues', { q, per_page: 5 })
    return (data as { items: OpenIssue[] }).items.find(i => parseMarker(i.body ?? '')?.fingerprint === fingerprint)
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
