/**
 * The part of Octokit the adapters use: `octokit.request(route, parameters)`. The wiring passes
 * the one Octokit it builds; tests pass a real Octokit pointed at the REST emulator.
 */
export interface GitHubApi {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>
}

/** Where the action runs: repository and run, as the runner describes them. */
export interface RunContext {
  owner: string
  repo: string
  runId: number
  /** 1 for the first attempt, 2 after "Re-run failed jobs", … */
  attempt: number
  /** For example https://github.com/acme/data/actions/runs/123/attempts/2. */
  runUrl: string
}
