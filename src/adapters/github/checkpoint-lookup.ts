import type { ArtifactClient, FindOptions } from '@actions/artifact'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Checkpoint } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { type CheckpointArtifact, newestCheckpoint } from './artifact-names.js'
import { CheckpointLookupError } from './errors.js'
import type { GitHubApi, RunContext } from './github-api.js'

/** Options of findResumeCheckpoint. */
export interface CheckpointLookupOptions {
  /** `auto`, `none` or a run id (the `resume-from` input). */
  resumeFrom: string
  pipeline: Checkpoint['pipeline']
  context: RunContext
  /** Token with `actions: read` (the REST path sees every attempt of a run). */
  token: string
  client: Pick<ArtifactClient, 'listArtifacts' | 'downloadArtifact'>
  /** For the workflow's earlier runs. */
  api: GitHubApi
  /** Folder the checkpoint artifact is downloaded into. */
  downloadDir: string
  /** The artifacts' scope (job and command, see artifactScope); default none. */
  scope?: string
}

/** Where a resume comes from, or why there is none. */
export type CheckpointLookup =
  | {
      found: true
      runId: number
      artifact: CheckpointArtifact
      /** The downloaded checkpoint.json. */
      file: string
      checkpoint: Checkpoint
    }
  | { found: false; reason: string }

/**
 * The checkpoint a run resumes from. `auto`: on a re-run, the newest checkpoint of the earlier
 * attempts of this run; otherwise, when the workflow's latest completed run failed, that run's
 * newest checkpoint. A run id: that run's newest checkpoint. Lookups go through the REST path
 * (`findBy`) because the results service only sees the current attempt.
 */
export async function findResumeCheckpoint(options: CheckpointLookupOptions): Promise<CheckpointLookup> {
  const { resumeFrom, context } = options
  if (resumeFrom === 'none') return { found: false, reason: 'resume-from is none' }
  if (/^\d+$/.test(resumeFrom)) return await fromRun(options, Number(resumeFrom))
  if (context.attempt > 1) {
    const earlier = await fromRun(options, context.runId, context.attempt)
    if (earlier.found) return earlier
  }
  const failed = await lastFailedRun(options)
  if (failed === null) return { found: false, reason: 'no earlier attempt or failed run to resume from' }
  return await fromRun(options, failed)
}

async function fromRun(
  options: CheckpointLookupOptions,
  runId: number,
  beforeAttempt?: number
): Promise<CheckpointLookup> {
  const { context, token } = options
  const findBy: FindOptions['findBy'] = {
    token,
    workflowRunId: runId,
    repositoryOwner: context.owner,
    repositoryName: context.repo
  }
  const { artifacts } = await options.client.listArtifacts({ findBy })
  const newest = newestCheckpoint(artifacts, { beforeAttempt, scope: options.scope })
  const where = beforeAttempt ? `earlier attempts of run ${runId}` : `run ${runId}`
  if (!newest) return { found: false, reason: `no checkpoint artifact in ${where}` }
  const path = join(options.downloadDir, newest.name)
  mkdirSync(path, { recursive: true })
  await options.client.downloadArtifact(newest.id, { path, findBy })
  const file = join(path, 'checkpoint.json')
  if (!existsSync(file)) throw new CheckpointLookupError(`artifact ${newest.name} holds no checkpoint.json`)
  let checkpoint: Checkpoint
  try {
    checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint
  } catch (e) {
    throw new CheckpointLookupError(`artifact ${newest.name}: checkpoint.json is not JSON (${messageOf(e)})`, {
      cause: e
    })
  }
  if (checkpoint.pipeline !== options.pipeline) {
    return { found: false, reason: `the newest checkpoint of ${where} is a ${String(checkpoint.pipeline)} checkpoint` }
  }
  return { found: true, runId, artifact: newest, file, checkpoint }
}

interface WorkflowRun {
  id: number
  workflow_id: number
  status: string
  conclusion: string | null
}

/** The workflow's latest completed run before this one, when it failed; null otherwise. */
async function lastFailedRun(options: CheckpointLookupOptions): Promise<number | null> {
  const { api, context } = options
  const repo = { owner: context.owner, repo: context.repo }
  const current = await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
    ...repo,
    run_id: context.runId
  })
  const workflowId = (current.data as WorkflowRun).workflow_id
  const listed = await api.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
    ...repo,
    workflow_id: workflowId,
    status: 'completed',
    per_page: 20
  })
  const runs = (listed.data as { workflow_runs: WorkflowRun[] }).workflow_runs
  const previous = runs.filter(r => r.id < context.runId).sort((a, b) => b.id - a.id)[0]
  return previous?.conclusion === 'failure' ? previous.id : null
}
