import { randomBytes } from 'node:crypto'

/** One attempt of a workflow run as the emulated GitHub knows it. */
export interface EmulatedRun {
  id: number
  workflowId: number
  attempt: number
  /** `completed` once the test says the attempt finished. */
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: 'success' | 'failure' | 'cancelled' | null
  createdAt: string
  /** The branch the run is on (`head_branch`); default main. */
  headBranch: string
  /** What started it (`event`): push, schedule, workflow_dispatch, pull_request…; default push. */
  event: string
}

/** GitHub's limit on artifacts created by one job (upload-artifact README, "Limitations"). */
export const ARTIFACTS_PER_JOB = 500
/** Search API requests per minute for an authenticated token (REST docs, "Rate limits for the search API"). */
export const SEARCH_PER_MINUTE = 30
/** How long a new or edited issue stays invisible to search (GitHub indexes asynchronously). */
export const SEARCH_INDEX_DELAY_MS = 60_000

/** An artifact; `finalized` false while it is only reserved (created, not finalized). */
export interface EmulatedArtifact {
  id: number
  name: string
  runId: number
  attempt: number
  runBackendId: string
  jobBackendId: string
  finalized: boolean
  size: number
  digest: string | null
  createdAt: string
  /** When GitHub deletes it (the client's `expires_at`, else 90 days); past it the REST list says expired. */
  expiresAt: string
  contentType: string
  /** Staged blocks by block id (base64) and the committed blob. */
  blocks: Map<string, Buffer>
  blob: Buffer | null
  /** Secret part of the signed URLs of this artifact. */
  sig: string
}

export interface EmulatedComment {
  id: number
  body: string
  createdAt: string
}

export interface EmulatedIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  stateReason: string | null
  labels: string[]
  comments: EmulatedComment[]
  /** State-clock milliseconds from which search sees this version of the issue. */
  indexedAtMs?: number
}

/** What a token may do: `issues:write`, `actions:read`. */
export type Permission = 'issues:write' | 'issues:read' | 'actions:read'

/** A failure to answer instead of the real response, for the next `times` matching requests. */
export interface InjectedFault {
  /** Matched against `METHOD path` (e.g. `POST /twirp/…/CreateArtifact`). */
  match: RegExp
  status: number
  /** JSON body; a Twirp-shaped error by default. */
  body?: unknown
  times: number
}

/**
 * The state both GitHub emulators share: runs and their attempts, artifacts (scoped to the
 * attempt in the results service, to the whole run in REST), issues, tokens and injected faults.
 */
export class GitHubState {
  readonly runs = new Map<number, EmulatedRun>()
  readonly artifacts: EmulatedArtifact[] = []
  readonly issues: EmulatedIssue[] = []
  readonly tokens = new Map<string, Set<Permission>>()
  readonly faults: InjectedFault[] = []
  /** Every request as `METHOD path?query`, in order. */
  readonly requests: string[] = []
  /** Search requests per token, as state-clock milliseconds (a sliding minute). */
  readonly searches = new Map<string, number[]>()
  private readonly backends = new Map<string, { runId: number; attempt: number }>()
  private nextArtifactId = 1000
  private nextCommentId = 5000
  private clockMs = Date.parse('2026-11-23T12:00:00Z')

  constructor(
    readonly owner = 'acme',
    readonly repo = 'data'
  ) {}

  /** A monotonic timestamp (one second per call), so ordering never depends on real time. */
  tick(): string {
    this.clockMs += 1000
    return new Date(this.clockMs).toISOString()
  }

  /** The state clock in milliseconds since the epoch. */
  now(): number {
    return this.clockMs
  }

  /** Moves the state clock forward (a night between two scheduled runs, an indexing delay). */
  advance(ms: number): void {
    this.clockMs += ms
  }

  /**
   * Registers (or updates) an attempt of a run and returns its runtime token for the artifact
   * client. `job` names one job of the attempt (a matrix leg is a job of its own).
   */
  startAttempt(options: {
    runId: number
    attempt: number
    workflowId?: number
    branch?: string
    event?: string
    job?: string
  }): {
    runtimeToken: string
    runBackendId: string
    jobBackendId: string
  } {
    const previous = this.runs.get(options.runId)
    this.runs.set(options.runId, {
      id: options.runId,
      workflowId: options.workflowId ?? previous?.workflowId ?? 77,
      attempt: options.attempt,
      status: 'in_progress',
      conclusion: null,
      createdAt: previous?.createdAt ?? this.tick(),
      headBranch: options.branch ?? previous?.headBranch ?? 'main',
      event: options.event ?? previous?.event ?? 'push'
    })
    const runBackendId = `run-${options.runId}-a${options.attempt}`
    const jobBackendId = `job-${options.runId}-a${options.attempt}${options.job ? `-${options.job}` : ''}`
    this.backends.set(runBackendId, { runId: options.runId, attempt: options.attempt })
    return { runtimeToken: runtimeToken(runBackendId, jobBackendId), runBackendId, jobBackendId }
  }

  /** Marks the current attempt of a run finished. */
  finishAttempt(runId: number, conclusion: 'success' | 'failure' | 'cancelled'): void {
    const run = this.runs.get(runId)
    if (!run) throw new Error(`no run ${runId}`)
    run.status = 'completed'
    run.conclusion = conclusion
  }

  backend(runBackendId: string): { runId: number; attempt: number } | undefined {
    return this.backends.get(runBackendId)
  }

  grant(token: string, permissions: Permission[]): void {
    this.tokens.set(token, new Set(permissions))
  }

  /** The next `times` requests matching `match` get `status` (and `body`). */
  inject(fault: Omit<InjectedFault, 'times'> & { times?: number }): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 })
  }

  takeFault(request: string): InjectedFault | undefined {
    const fault = this.faults.find(f => f.times > 0 && f.match.test(request))
    if (fault) fault.times -= 1
    return fault
  }

  newArtifactId(): number {
    return this.nextArtifactId++
  }

  newCommentId(): number {
    return this.nextCommentId++
  }

  newSig(): string {
    return randomBytes(12).toString('hex')
  }

  /** Finalized artifacts of a run, all attempts. */
  runArtifacts(runId: number): EmulatedArtifact[] {
    return this.artifacts.filter(a => a.runId === runId && a.finalized)
  }

  /** Whether GitHub has expired the artifact (its retention passed on the state clock). */
  expired(artifact: EmulatedArtifact): boolean {
    return Date.parse(artifact.expiresAt) <= this.clockMs
  }

  /** Expires the artifacts matching `match` now (retention ran out). */
  expire(match: (artifact: EmulatedArtifact) => boolean): void {
    for (const artifact of this.artifacts.filter(match)) artifact.expiresAt = new Date(this.clockMs - 1).toISOString()
  }

  /** Records a search request; false when the token made 30 in the last minute (state clock). */
  admitSearch(token: string): boolean {
    const recent = (this.searches.get(token) ?? []).filter(at => at > this.clockMs - 60_000)
    const admitted = recent.length < SEARCH_PER_MINUTE
    if (admitted) recent.push(this.clockMs)
    this.searches.set(token, recent)
    return admitted
  }
}

/** An unsigned JWT whose `scp` claim carries the results-service backend ids. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const scp = `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp, exp: 4102444800 })}.`
}
