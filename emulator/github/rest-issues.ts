import type { ServerResponse } from 'node:http'
import { type EmulatorRequest, sendJson } from './http.js'
import type { EmulatedIssue, GitHubState } from './state.js'

export function issueJson(state: GitHubState, issue: EmulatedIssue): object {
  return {
    number: issue.number,
    id: 900_000 + issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    labels: issue.labels.map(name => ({ name })),
    comments: issue.comments.length,
    html_url: `https://github.com/${state.owner}/${state.repo}/issues/${issue.number}`
  }
}

/**
 * `GET /search/issues?q=…`: only issues indexed by now (a new issue shows up about a minute
 * later, on the state clock); quoted phrases must occur in the title or body; `repo:`, `is:open`,
 * `is:closed`, `is:issue`, `label:` and `in:` qualifiers are understood; other words are ignored.
 */
export function searchIssues(req: EmulatorRequest, res: ServerResponse, state: GitHubState): void {
  const q = req.url.searchParams.get('q') ?? ''
  const phrases = [...q.matchAll(/"([^"]*)"/g)].map(m => m[1]!)
  const words = q
    .replace(/"[^"]*"/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  const repo = words.find(w => w.startsWith('repo:'))?.slice(5)
  if (repo && repo !== `${state.owner}/${state.repo}`) return sendJson(res, 200, { total_count: 0, items: [] })
  const open = words.includes('is:open') ? 'open' : words.includes('is:closed') ? 'closed' : undefined
  const labels = words.filter(w => w.startsWith('label:')).map(w => w.slice(6))
  const items = state.issues
    .filter(i => (i.indexedAtMs ?? 0) <= state.now())
    .filter(i => !open || i.state === open)
    .filter(i => labels.every(l => i.labels.includes(l)))
    .filter(i => phrases.every(p => i.body.includes(p) || i.title.includes(p)))
    .sort((a, b) => b.number - a.number)
    .map(i => issueJson(state, i))
  sendJson(res, 200, { total_count: items.length, incomplete_results: false, items })
}
