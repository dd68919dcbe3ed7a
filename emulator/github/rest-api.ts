import type { ServerResponse } from 'node:http'
import { type EmulatorRequest, type RunningServer, jsonBody, listen, sendJson } from './http.js'
import { signedUrl } from './results-service.js'
import {
  type EmulatedArtifact,
  type EmulatedIssue,
  type GitHubState,
  type Permission,
  SEARCH_INDEX_DELAY_MS
} from './state.js'
import { issueJson, searchIssues } from './rest-issues.js'

/** GitHub's limit on an issue or comment body, in characters. */
export const BODY_LIMIT = 65_536

export interface RestApi extends RunningServer {
  state: GitHubState
}

type Route = (req: EmulatorRequest, res: ServerResponse, params: string[]) => void

/**
 * Starts the REST emulator of the endpoints monday-sync uses: workflow runs, run artifacts and the
 * artifact zip (302 to the results service's blob), and issues (list, search, create, comment,
 * update). Tokens need the permission an endpoint needs (403 otherwise, as GitHub answers).
 */
export async function startRestApi(options: {
  state: GitHubState
  resultsUrl: string
  port?: number
}): Promise<RestApi> {
  const { state } = options
  const base = `/repos/${state.owner}/${state.repo}`
  const need = (req: EmulatorRequest, res: ServerResponse, permission: Permission): boolean => {
    const token = /^(?:token|bearer) (\S+)/i.exec(req.headers.authorization ?? '')?.[1]
    const granted = token === undefined ? undefined : state.tokens.get(token)
    if (!granted) {
      sendJson(res, 401, { message: 'Bad credentials', status: '401' })
      return false
    }
    const ok = granted.has(permission) || (permission === 'issues:read' && granted.has('issues:write'))
    if (!ok) sendJson(res, 403, { message: 'Resource not accessible by integration', status: '403' })
    return ok
  }
  const routes: [string, RegExp, Permission, Route][] = [
    ['GET', /^\/actions\/runs\/(\d+)$/, 'actions:read', (_q, res, [id]) => runOr404(res, state, Number(id))],
    [
      'GET',
      /^\/actions\/workflows\/(\d+)\/runs$/,
      'actions:read',
      (q, res, [id]) => workflowRuns(q, res, state, Number(id))
    ],
    [
      'GET',
      /^\/actions\/runs\/(\d+)\/artifacts$/,
      'actions:read',
      (q, res, [id]) => runArtifacts(q, res, state, Number(id))
    ],
    [
      'GET',
      /^\/actions\/artifacts\/(\d+)\/zip$/,
      'actions:read',
      (_q, res, [id]) => {
        const artifact = state.artifacts.find(a => a.id === Number(id) && a.finalized)
        if (!artifact) return sendJson(res, 404, { message: 'Not Found' })
        // REST docs, "Download an artifact": 410 Gone once the artifact expired
        if (state.expired(artifact)) return sendJson(res, 410, { message: 'Artifact has expired' })
        res.writeHead(302, { location: signedUrl(options.resultsUrl, artifact) })
        res.end()
      }
    ],
    ['GET', /^\/issues$/, 'issues:read', (q, res) => listIssues(q, res, state)],
    ['POST', /^\/issues$/, 'issues:write', (q, res) => createIssue(q, res, state)],
    ['POST', /^\/issues\/(\d+)\/comments$/, 'issues:write', (q, res, [n]) => comment(q, res, state, Number(n))],
    ['GET', /^\/issues\/(\d+)\/comments$/, 'issues:read', (_q, res, [n]) => listComments(res, state, Number(n))],
    ['PATCH', /^\/issues\/(\d+)$/, 'issues:write', (q, res, [n]) => updateIssue(q, res, state, Number(n))]
  ]
  const server = await listen((req, res) => {
    const path = req.url.pathname.replace(/^\/api\/v3/, '')
    state.requests.push(`${req.method} ${path}${req.url.search}`)
    const fault = state.takeFault(`${req.method} ${path}`)
    if (fault) return sendJson(res, fault.status, fault.body ?? { message: 'injected fault' })
    if (req.method === 'GET' && path === '/search/issues') {
      if (!need(req, res, 'issues:read')) return
      if (!state.admitSearch(req.headers.authorization ?? '')) return searchLimited(res, state)
      searchIssues(req, res, state)
      return
    }
    if (!path.startsWith(`${base}/`)) return sendJson(res, 404, { message: 'Not Found' })
    const rest = path.slice(base.length)
    for (const [method, pattern, permission, route] of routes) {
      const match = pattern.exec(rest)
      if (req.method !== method || !match) continue
      if (need(req, res, permission)) route(req, res, match.slice(1))
      return
    }
    sendJson(res, 404, { message: 'Not Found' })
  }, options.port)
  return { ...server, state }
}

/**
 * The search API's own limit: 30 requests a minute (REST docs, "Rate limits for the search API"),
 * answered like GitHub's primary rate limit: 403, `x-ratelimit-remaining: 0`.
 */
function searchLimited(res: ServerResponse, state: GitHubState): void {
  const reset = Math.ceil((state.now() + 60_000) / 1000)
  sendJson(
    res,
    403,
    {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting'
    },
    {
      'x-ratelimit-limit': '30',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '30',
      'x-ratelimit-resource': 'search',
      'x-ratelimit-reset': String(reset)
    }
  )
}

function runJson(state: GitHubState, id: number): object | undefined {
  const run = state.runs.get(id)
  if (!run) return undefined
  return {
    id: run.id,
    workflow_id: run.workflowId,
    run_attempt: run.attempt,
    status: run.status,
    conclusion: run.conclusion,
    created_at: run.createdAt,
    run_started_at: run.createdAt,
    head_branch: run.headBranch,
    event: run.event,
    pull_requests: [],
    html_url: `https://github.com/${state.owner}/${state.repo}/actions/runs/${run.id}`
  }
}

function runOr404(res: ServerResponse, state: GitHubState, id: number): void {
  const run = runJson(state, id)
  if (run) sendJson(res, 200, run)
  else sendJson(res, 404, { message: 'Not Found' })
}

function page<T>(req: EmulatorRequest, all: T[]): T[] {
  const perPage = Math.min(100, Number(req.url.searchParams.get('per_page') ?? 30))
  const pageNumber = Number(req.url.searchParams.get('page') ?? 1)
  return all.slice((pageNumber - 1) * perPage, pageNumber * perPage)
}

/**
 * `GET …/workflows/{id}/runs` with the filters `branch`, `event` and `status` (a status or a
 * conclusion), newest first. `exclude_pull_requests` only empties each run's `pull_requests`
 * array (REST docs); it does not leave pull-request runs out: filter by `event` for that.
 */
function workflowRuns(req: EmulatorRequest, res: ServerResponse, state: GitHubState, workflowId: number): void {
  const query = req.url.searchParams
  const status = query.get('status')
  const branch = query.get('branch')
  const event = query.get('event')
  const runs = [...state.runs.values()]
    .filter(r => r.workflowId === workflowId)
    .filter(r => !status || r.status === status || r.conclusion === status)
    .filter(r => !branch || r.headBranch === branch)
    .filter(r => !event || r.event === event)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)
  sendJson(res, 200, { total_count: runs.length, workflow_runs: page(req, runs).map(r => runJson(state, r.id)) })
}

function artifactJson(state: GitHubState, a: EmulatedArtifact): object {
  const api = `https://api.github.com/repos/${state.owner}/${state.repo}/actions/artifacts/${a.id}`
  return {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.size,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: state.expired(a),
    digest: a.digest,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: a.expiresAt,
    // the real `workflow_run` carries no attempt: only the name can tell attempts apart
    workflow_run: { id: a.runId, head_branch: state.runs.get(a.runId)?.headBranch ?? null }
  }
}

function runArtifacts(req: EmulatorRequest, res: ServerResponse, state: GitHubState, runId: number): void {
  if (!state.runs.has(runId)) return sendJson(res, 404, { message: 'Not Found' })
  const name = req.url.searchParams.get('name')
  const all = state.runArtifacts(runId).filter(a => !name || a.name === name)
  sendJson(res, 200, { total_count: all.length, artifacts: page(req, all).map(a => artifactJson(state, a)) })
}

function listIssues(req: EmulatorRequest, res: ServerResponse, state: GitHubState): void {
  const wanted = req.url.searchParams.get('state') ?? 'open'
  const labels = (req.url.searchParams.get('labels') ?? '').split(',').filter(Boolean)
  const issues = state.issues
    .filter(i => wanted === 'all' || i.state === wanted)
    .filter(i => labels.every(l => i.labels.includes(l)))
    .sort((a, b) => b.number - a.number)
  sendJson(
    res,
    200,
    page(req, issues).map(i => issueJson(state, i))
  )
}

function tooLong(res: ServerResponse, resource: string, body: unknown): boolean {
  if (typeof body !== 'string' || body.length <= BODY_LIMIT) return false
  sendJson(res, 422, {
    message: 'Validation Failed',
    errors: [
      { resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_LIMIT} characters)` }
    ]
  })
  return true
}

function createIssue(req: EmulatorRequest, res: ServerResponse, state: GitHubState): void {
  const body = jsonBody(req) ?? {}
  if (typeof body.title !== 'string' || !body.title) {
    return sendJson(res, 422, { message: 'Validation Failed', errors: [{ field: 'title', code: 'missing_field' }] })
  }
  if (tooLong(res, 'Issue', body.body)) return
  const issue: EmulatedIssue = {
    number: state.issues.length + 1,
    title: body.title,
    body: typeof body.body === 'string' ? body.body : '',
    state: 'open',
    stateReason: null,
    labels: Array.isArray(body.labels) ? body.labels.map(String) : [],
    comments: [],
    indexedAtMs: state.now() + SEARCH_INDEX_DELAY_MS
  }
  state.issues.push(issue)
  sendJson(res, 201, issueJson(state, issue))
}

function comment(req: EmulatorRequest, res: ServerResponse, state: GitHubState, n: number): void {
  const issue = state.issues.find(i => i.number === n)
  if (!issue) return sendJson(res, 404, { message: 'Not Found' })
  const body = jsonBody(req)?.body
  if (tooLong(res, 'IssueComment', body)) return
  const created = { id: state.newCommentId(), body: String(body ?? ''), createdAt: state.tick() }
  issue.comments.push(created)
  sendJson(res, 201, { id: created.id, body: created.body, created_at: created.createdAt })
}

function listComments(res: ServerResponse, state: GitHubState, n: number): void {
  const issue = state.issues.find(i => i.number === n)
  if (!issue) return sendJson(res, 404, { message: 'Not Found' })
  sendJson(
    res,
    200,
    issue.comments.map(c => ({ id: c.id, body: c.body, created_at: c.createdAt }))
  )
}

function updateIssue(req: EmulatorRequest, res: ServerResponse, state: GitHubState, n: number): void {
  const issue = state.issues.find(i => i.number === n)
  if (!issue) return sendJson(res, 404, { message: 'Not Found' })
  const body = jsonBody(req) ?? {}
  if (tooLong(res, 'Issue', body.body)) return
  if (body.state === 'open' || body.state === 'closed') issue.state = body.state
  if (typeof body.state_reason === 'string') issue.stateReason = body.state_reason
  if (typeof body.title === 'string') issue.title = body.title
  if (typeof body.body === 'string') issue.body = body.body
  sendJson(res, 200, issueJson(state, issue))
}
