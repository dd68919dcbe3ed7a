import { artifactNamesFor } from '../adapters/github/artifact-names.js'
import type { ArtifactStore, StoredArtifact } from '../adapters/github/artifact-store.js'
import type { Checkpoint, PipelineHooks, PipelineReport, TaskGraph } from '../engine/run-types.js'
import { messageOf } from '../errors.js'

/**
 * Periodic checkpoint uploads of one attempt at most. With the task graph, the last checkpoint, a
 * stop checkpoint, the report and the replay, one step creates at most 25 artifacts, far inside
 * GitHub's 500 per job (upload-artifact README, "Limitations"), however long it runs.
 */
export const MAX_CHECKPOINT_UPLOADS = 20
/** Milliseconds between two periodic checkpoint uploads; default one minute. */
export const CHECKPOINT_UPLOAD_INTERVAL_MS = 60_000
/** Checkpoint artifacts of this attempt kept after a newer one landed (older ones are deleted). */
export const CHECKPOINTS_KEPT = 2

/** Options of RunArtifacts. */
export interface RunArtifactsOptions {
  store: ArtifactStore
  /** Where checkpoints go (a store with a short retention); default `store`. */
  checkpointStore?: ArtifactStore
  attempt: number
  /** Told when an upload fails; uploads never fail the run. */
  warn: (message: string) => void
  /** Settings copied into the replay artifact (retry and batch settings; never secrets). */
  settings: Record<string, unknown>
  /** The artifacts' scope (job, command and work, see artifactScope); default none. */
  scope?: string
  /** Upload checkpoints as artifacts (load-board resumes from them; sync resumes from its database). Default true. */
  uploadCheckpoints?: boolean
  /** Milliseconds between periodic checkpoint uploads; default CHECKPOINT_UPLOAD_INTERVAL_MS. */
  uploadIntervalMs?: number
  /** Periodic checkpoint uploads per attempt; default MAX_CHECKPOINT_UPLOADS. */
  maxCheckpointUploads?: number
  now?: () => number
}

const json = (value: unknown): string => JSON.stringify(value, null, 2)

/**
 * The artifacts of one attempt: the task graph before work starts, the newest checkpoint now and
 * then (at most one upload per interval and MAX_CHECKPOINT_UPLOADS in all, older ones deleted), the
 * last checkpoint at stop, the performance report, and a replay artifact when batches failed.
 */
export class RunArtifacts {
  readonly uploaded: StoredArtifact[] = []
  /** The task graph the pipeline planned, once it did. */
  graph: TaskGraph | null = null
  private lastCheckpoint: Checkpoint | null = null
  /** Upload tries per checkpoint sequence, and the sequences that landed. */
  private readonly tries = new Map<number, number>()
  private readonly landed = new Set<number>()
  /** Checkpoint artifacts of this attempt still stored, oldest first. */
  private readonly stored: string[] = []
  private periodicUploads = 0
  private lastUploadAt = -Infinity
  private busy = false
  private stopping = false
  private chain: Promise<void> = Promise.resolve()
  private readonly names: ReturnType<typeof artifactNamesFor>
  private readonly now: () => number

  constructor(private readonly options: RunArtifactsOptions) {
    this.names = artifactNamesFor(options.scope)
    this.now = options.now ?? Date.now
  }

  /** Hooks for the pipeline; uploads run one at a time, in order. */
  hooks(): Pick<PipelineHooks, 'onTaskGraph' | 'onCheckpoint'> {
    return {
      onTaskGraph: (graph: TaskGraph) => {
        this.graph = graph
        return this.enqueue(this.names.taskGraph(this.options.attempt), [
          { path: 'task-graph.json', content: json(graph) }
        ])
      },
      onCheckpoint: (checkpoint: Checkpoint) => {
        this.lastCheckpoint = checkpoint
        // not awaited: the pipeline keeps working while the upload runs; finish() waits for it
        if (this.due()) void this.uploadCheckpoint(checkpoint)
        return Promise.resolve()
      }
    }
  }

  /** Whether a periodic upload of the newest checkpoint is due (none running, interval and budget left). */
  private due(): boolean {
    if (this.options.uploadCheckpoints === false || this.stopping || this.busy) return false
    if (this.periodicUploads >= (this.options.maxCheckpointUploads ?? MAX_CHECKPOINT_UPLOADS)) return false
    if (this.now() - this.lastUploadAt < (this.options.uploadIntervalMs ?? CHECKPOINT_UPLOAD_INTERVAL_MS)) return false
    this.periodicUploads += 1
    this.lastUploadAt = this.now()
    return true
  }

  /** Resolves when the uploads queued so far are done. */
  idle(): Promise<void> {
    return this.chain
  }

  /** The newest checkpoint the pipeline wrote in this attempt. */
  get checkpoint(): Checkpoint | null {
    return this.lastCheckpoint
  }

  /**
   * The run was cancelled (SIGINT/SIGTERM): no more periodic uploads; the newest checkpoint is
   * uploaded once more, marked final, whatever the pipeline is still doing.
   */
  async stop(): Promise<void> {
    this.stopping = true
    await this.chain
    if (!this.lastCheckpoint || this.options.uploadCheckpoints === false) return
    await this.uploadCheckpoint({ ...this.lastCheckpoint, final: true })
  }

  /** At stop, failing or not: the last checkpoint (if not yet uploaded), the report, the replay. */
  async finish(report: PipelineReport | null, error?: unknown): Promise<void> {
    const { attempt } = this.options
    await this.chain
    const last = this.lastCheckpoint
    if (last && this.options.uploadCheckpoints !== false && !this.landed.has(last.sequence)) {
      await this.uploadCheckpoint(last)
    }
    if (report) await this.enqueue(this.names.report(attempt), [{ path: 'report.json', content: json(report) }])
    const failed = report?.failures ?? []
    if (failed.length > 0 || error !== undefined) {
      const replay = {
        failures: failed,
        error: error === undefined ? undefined : messageOf(error),
        checkpoint: last,
        settings: this.options.settings,
        whatToTry: [
          'Re-run failed jobs: the re-run resumes from the checkpoint above and retries only what is left.',
          'For throttling (rate_limit, complexity, concurrency) lower batch-size or concurrency.',
          'For validation errors fix the listed rows, then re-run.'
        ]
      }
      await this.enqueue(this.names.replay(attempt), [{ path: 'replay.json', content: json(replay) }])
    }
    await this.chain
  }

  /** The replay artifact's name once uploaded. */
  get replayName(): string | undefined {
    return this.uploaded.find(a => a.name === this.names.replay(this.options.attempt))?.name
  }

  private uploadCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const retry = this.tries.get(checkpoint.sequence) ?? 0
    this.tries.set(checkpoint.sequence, retry + 1)
    const name = this.names.checkpoint(this.options.attempt, checkpoint.sequence, retry)
    const files = [{ path: 'checkpoint.json', content: json(checkpoint) }]
    const store = this.options.checkpointStore ?? this.options.store
    this.busy = true
    return this.enqueue(
      name,
      files,
      async () => {
        this.landed.add(checkpoint.sequence)
        this.stored.push(name)
        await this.pruneCheckpoints(store)
      },
      store
    ).finally(() => (this.busy = false))
  }

  /** Deletes this attempt's older checkpoint artifacts, keeping the newest CHECKPOINTS_KEPT. */
  private async pruneCheckpoints(store: ArtifactStore): Promise<void> {
    if (!store.delete) return
    while (this.stored.length > CHECKPOINTS_KEPT) {
      const name = this.stored.shift()!
      try {
        await store.delete(name)
      } catch (e) {
        this.options.warn(`Older checkpoint artifact ${name} was not deleted: ${messageOf(e)}`)
      }
    }
  }

  private enqueue(
    name: string,
    files: { path: string; content: string }[],
    landed?: () => Promise<void>,
    store = this.options.store
  ): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        this.uploaded.push(await store.upload({ name, files }))
      } catch (e) {
        this.options.warn(`Artifact ${name} was not uploaded: ${messageOf(e)}`)
        return
      }
      await landed?.()
    })
    return this.chain
  }
}
