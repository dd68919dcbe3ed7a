import { tmpdir } from 'node:os'
import type { RunContext } from '../adapters/github/github-api.js'

/** Where the action runs, read from the runner's environment. */
export interface ActionContext extends RunContext {
  /** REST API base, e.g. https://api.github.com (GITHUB_API_URL). */
  apiUrl: string
  /** The results service can take artifacts (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL set). */
  artifactsAvailable: boolean
  /** A scratch folder of this job (RUNNER_TEMP). */
  tempDir: string
}

/** Reads the run from GITHUB_* variables; outside Actions the values are placeholders. */
export function readActionContext(env: Record<string, string | undefined>): ActionContext {
  const [owner = 'local', repo = 'local'] = (env.GITHUB_REPOSITORY ?? '').split('/').filter(Boolean)
  const runId = Number(env.GITHUB_RUN_ID ?? 0) || 0
  const attempt = Math.max(1, Number(env.GITHUB_RUN_ATTEMPT ?? 1) || 1)
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '')
  return {
    owner,
    repo,
    runId,
    attempt,
    runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}/attempts/${attempt}`,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    artifactsAvailable: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    tempDir: env.RUNNER_TEMP ?? tmpdir()
  }
}
