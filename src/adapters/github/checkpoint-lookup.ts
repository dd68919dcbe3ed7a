import type { ArtifactClient, FindOptions } from '@actions/artifact'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Checkpoint } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { type CheckpointArtifact, parseCheckpointName } from './artifact-names.js'
import { CheckpointLookupError, statusOf } from './errors.js'
import type { GitHubApi, RunContext } from './github-api.js'

/** Options of findResumeCheckpoint. */
export interface CheckpointLookupOptions {
  /** `auto`, `none` or a run id (the `resume-from` input). */
  resumeFrom: string
  pipeline: Checkpoint['pipeline']
  context: RunContext
  /** Token with `actions: read` (the REST path sees every attempt of a run). */
  token: string
  client: Pick<ArtifactClient, 'downloadArtifact'>
  /** Lists runs and artifacts (REST: it says which artifacts expired). */
  api: GitHubApi
  /** Folder the checkpoint artifact is downloaded into. */
  downloadDir: string
  /** The artifacts' scope (job, command and work, see artifactScope); default none. */
  scope?: string
  /** A checkpoint with nothing left to do (every board loaded); it is never resumed. Default: none is. */
  finished?: (checkpoint: Checkpoint) => boolean
  /** Another run's checkpoint is resumed only when that run started at most this many hours earlier; default 12. */
  maxAgeHours?: number
  /** Told what was skipped and why (expired artifacts). */
  note?: (message: string) => void
}

/** Where a resume comes from and why, or why there is none. */
export type CheckpointLookup =
  | {
      found: true
      runId: number
      /** Whether the checkpoint is an earlier attempt's of this run (else another run's). */
      sameRun: boolean
      artifact: CheckpointArtifact
      /** The downloaded checkpoint.json. */
      file: string
      checkpoint: Checkpoint
      /** Why this checkpoint, in a sentence for the log. */
      why: string
    }
  | { found: false; reason: string; finished?: boolean }

/** Listed checkpoint artifacts tried per run before giving up (the newest that can be read wins). */
const CANDIDATES = 3

/**
 * The checkpoint a run resumes from. A finished checkpoint is never resumed. `auto`: on a re-run,
 * the newest checkpoint of the earlier attempts of this run (when that one is finished, nothing:
 * "Re-run all jobs" of a good run loads again); otherwise the newest checkpoint of the workflow's
 * latest completed run when it failed or was cancelled, on the same branch and event, at most
 * `maxAgeHours` older, never for pull requests. A run id: that run's newest checkpoint. Lookups go
 * through REST, which lists every attempt of a run and says which artifacts expired.
 */
export async function findResumeCheckpoint(options: CheckpointLookupOptions): Promise<CheckpointLookup> {
  const { resumeFrom, context } = options
  if (resumeFrom === 'none') return { found: false, reason: 'resume-from is none' }
  if (/^\d+$/.test(resumeFrom)) {
    return await fromRun(options, Number(resumeFrom), undefined, `resume-from names run ${resumeFrom}`)
  }
  if (context.attempt > 1) {
    const why = `attempt ${context.attempt} is a re-run of run ${context.runId}`
    const earlier = await fromRun(options, context.runId, context.attempt, why)
    if (earlier.found || earlier.finished) return earlier
  }
  const previous = await previousRun(options)
  if (!previous.ok) return { found: false, reason: previous.reason }
  return await fromRun(options, previous.runId, undefined, previous.why)
}

interface ListedArtifact {
  id: number
  name: string
  expired?: boolean
  expires_at?: string | null
}

/** Every artifact of a run, all attempts (REST, 100 a page, at most 1 000). */
async function listRunArtifacts(options: CheckpointLookupOptions, runId: number): Promise<ListedArtifact[]> {
  const { context } = options
  const all: ListedArtifact[] = []
  for (let page = 1; page <= 10; page++) {
    const { data } = await options.api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
      owner: context.owner,
      repo: context.repo,
      run_id: runId,
      per_page: 100,
      page
    })
    const artifacts = (data as { artifacts: ListedArtifact[] }).artifacts
    all.push(...artifacts)
    if (artifacts.length < 100) break
  }
  return all
}

async function fromRun(
  options: CheckpointLookupOptions,
  runId: number,
  beforeAttempt: number | undefined,
  why: string
): Promise<CheckpointLookup> {
  const where = beforeAttempt ? `earlier attempts of run ${runId}` : `run ${runId}`
  const candidates = (await listRunArtifacts(options, runId))
    .map(a => ({ listed: a, parsed: parseCheckpointName(a.name, options.scope) }))
    .filter(c => c.parsed !== null && c.parsed.attempt < (beforeAttempt ?? Infinity))
    .map(c => ({ ...c.listed, ...c.parsed! }))
    .sort((a, b) => b.attempt - a.attempt || b.sequence - a.sequence)
  if (candidates.length === 0) return { found: false, reason: `no checkpoint artifact in ${where}` }
  for (const candidate of candidates.slice(0, CANDIDATES)) {
    const artifact = {
      id: candidate.id,
      name: candidate.name,
      attempt: candidate.attempt,
      sequence: candidate.sequence
    }
    if (candidate.expired) {
      options.note?.(
        `skipped expired artifact ${candidate.name} of run ${runId} (expired ${candidate.expires_at ?? ''})`
      )
      continue
    }
    const file = await download(options, runId, artifact)
    if (file === null) continue
    const checkpoint = readCheckpoint(file, artifact.name)
    if (checkpoint.pipeline !== options.pipeline) {
      return {
        found: false,
        reason: `the newest checkpoint of ${where} is a ${String(checkpoint.pipeline)} checkpoint`
      }
    }
    if (options.finished?.(checkpoint)) {
      return {
        found: false,
        finished: true,
        reason: `the newest checkpoint of ${where} (${artifact.name}) is finished: every board was loaded, so this run loads again`
      }
    }
    const sameRun = runId === options.context.runId
    return { found: true, runId, sameRun, artifact, file, checkpoint, why }
  }
  return { found: false, reason: `the newest checkpoint artifacts of ${where} have expired` }
}

/** Downloads one checkpoint artifact; null when GitHub answers 410 (it expired after the listing). */
async function download(options: CheckpointLookupOptions, runId: number, artifact: CheckpointArtifact) {
  const { context } = options
  const findBy: FindOptions['findBy'] = {
    token: options.token,
    workflowRunId: runId,
    repositoryOwner: context.owner,
    repositoryName: context.repo
  }
  const path = join(options.downloadDir, artifact.name)
  mkdirSync(path, { recursive: true })
  try {
    await options.client.downloadArtifact(artifact.id, { path, findBy })
  } catch (e) {
    if (statusOf(e) !== 410) throw e
    options.note?.(`skipped expired artifact ${artifact.name} of run ${runId} (GitHub answered 410 Gone)`)
    return null
  }
  return join(path, 'checkpoint.json')
}

function readCheckpoint(file: string, name: string): Checkpoint {
  if (!existsSync(file)) throw new CheckpointLookupError(`artifact ${name} holds no checkpoint.json`)
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint
  } catch (e) {
    throw new CheckpointLookupError(`artifact ${name}: checkpoint.json is not JSON (${messageOf(e)})`, { cause: e })
  }
}

interface WorkflowRun {
  id: number
  workflow_id: number
  status: string
  conclusion: string | null
  head_branch: string | null
  event: string
  created_at: string
}

/** Conclusions whose checkpoint is worth resuming: the run stopped before it finished. */
const UNFINISHED = ['failure', 'cancelled', 'timed_out']

/**
 * The workflow's latest completed run before this one, on the same branch and event, when it
 * stopped unfinished and started at most `maxAgeHours` before this one. Pull-request runs never
 * resume another run (the REST filter `exclude_pull_requests` only trims the response).
 */
async function previousRun(
  options: CheckpointLookupOptions
): Promise<{ ok: true; runId: number; why: string } | { ok: false; reason: string }> {
  const { api, context } = options
  const repo = { owner: context.owner, repo: context.repo }
  const current = (
    await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repo, run_id: context.runId })
  ).data as WorkflowRun
  if (current.event.startsWith('pull_request')) {
    return { ok: false, reason: `a ${current.event} run never resumes another run's checkpoint` }
  }
  const listed = await api.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
    ...repo,
    workflow_id: current.workflow_id,
    ...(current.head_branch ? { branch: current.head_branch } : {}),
    event: current.event,
    status: 'completed',
    exclude_pull_requests: true,
    per_page: 20
  })
  const startedAt = Date.parse(current.created_at)
  const previous = (listed.data as { workflow_runs: WorkflowRun[] }).workflow_runs
    .filter(r => r.id !== current.id && Date.parse(r.created_at) <= startedAt)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0]
  const kind = `${current.event} run on ${current.head_branch ?? 'this branch'}`
  if (!previous) return { ok: false, reason: `no earlier attempt, and no earlier completed ${kind}` }
  if (!UNFINISHED.includes(previous.conclusion ?? '')) {
    return { ok: false, reason: `the latest completed ${kind} (run ${previous.id}) ended ${previous.conclusion}` }
  }
  const hours = (startedAt - Date.parse(previous.created_at)) / 3_600_000
  const maxAge = options.maxAgeHours ?? 12
  if (hours > maxAge) {
    return {
      ok: false,
      reason:
        `the latest completed ${kind}, run ${previous.id} (${previous.conclusion}), started ${hours.toFixed(1)} h ` +
        `before this one: older than resume-max-age-hours (${maxAge})`
    }
  }
  return {
    ok: true,
    runId: previous.id,
    why: `run ${previous.id} is the latest completed ${kind} and ended ${previous.conclusion} ${hours.toFixed(1)} h before this one started`
  }
}
