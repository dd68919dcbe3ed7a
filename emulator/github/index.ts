import { type ResultsService, startResultsService } from './results-service.js'
import { type RestApi, startRestApi } from './rest-api.js'
import { GitHubState } from './state.js'
import { readZip } from './zip.js'

export { GitHubState, runtimeToken } from './state.js'
export type { EmulatedArtifact, EmulatedIssue, EmulatedRun, Permission } from './state.js'
export { startResultsService, type ResultsService } from './results-service.js'
export { startRestApi, BODY_LIMIT, type RestApi } from './rest-api.js'
export { readZip } from './zip.js'
export { SUMMARY_LIMIT_BYTES, readStepSummary } from './runner.js'

/** Both GitHub emulators over one state. */
export interface GitHubEmulator {
  state: GitHubState
  /** For `ACTIONS_RESULTS_URL`. */
  resultsUrl: string
  /** For `GITHUB_API_URL` (and Octokit's `baseUrl`). */
  apiUrl: string
  results: ResultsService
  rest: RestApi
  /** The files of a finalized artifact of a run, by name (the newest with that name). */
  artifactFiles(runId: number, name: string): Map<string, Buffer>
  close(): Promise<void>
}

/** Starts the results service and the REST API emulators, sharing one GitHubState. */
export async function startGitHubEmulator(options: { state?: GitHubState } = {}): Promise<GitHubEmulator> {
  const state = options.state ?? new GitHubState()
  const results = await startResultsService({ state })
  const rest = await startRestApi({ state, resultsUrl: results.url })
  return {
    state,
    resultsUrl: results.url,
    apiUrl: rest.url,
    results,
    rest,
    artifactFiles(runId, name) {
      const artifact = state
        .runArtifacts(runId)
        .filter(a => a.name === name)
        .at(-1)
      if (!artifact?.blob) throw new Error(`no artifact ${name} in run ${runId}`)
      return readZip(artifact.blob)
    },
    close: async () => {
      await Promise.all([results.close(), rest.close()])
    }
  }
}
