import { artifactNamesFor } from '../adapters/github/artifact-names.js'
import type { ArtifactStore, StoredArtifact } from '../adapters/github/artifact-store.js'
import type { Checkpoint, PipelineHooks, PipelineReport, TaskGraph } from '../engine/run-types.js'
import { messageOf } from '../errors.js'

/** Options of RunArtifacts. */
export interface RunArtifactsOptions {
  store: ArtifactStore
  attempt: number
  /** Told when an upload fails; uploads never fail the run. */
  warn: (message: string) => void
  /** Settings copied into the replay artifact (retry and batch settings; never secrets). */
  settings: Record<string, unknown>
  /** The artifacts' scope (job and command, see artifactScope); default none. */
  scope?: string
}

const json = (value: unknown): string => JSON.stringify(value, null, 2)

/**
 * The artifacts of one attempt: the task graph before work starts, every checkpoint the pipeline
 * writes (the pipeline decides how often; `checkpoint-every` sets it) and the last one at stop,
 * the performance report, and a replay artifact when batches failed.
 */
export class RunArtifacts {
  readonly uploaded: StoredArtifact[] = []
  /** The task graph the pipeline planned, once it did. */
  graph: TaskGraph | null = null
  private lastCheckpoint: Checkpoint | null = null
  /** Upload tries per checkpoint sequence, and the sequences that landed. */
  private readonly tries = new Map<number, number>()
  private readonly landed = new Set<number>()
  private chain: Promise<void> = Promise.resolve()

  private readonly names: ReturnType<typeof artifactNamesFor>

  constructor(private readonly options: RunArtifactsOptions) {
    this.names = artifactNamesFor(options.scope)
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
        // queued, not awaited: the pipeline keeps working while the upload runs; finish() waits for it
        void this.uploadCheckpoint(checkpoint)
        return Promise.resolve()
      }
    }
  }

  /** Resolves when the uploads queued so far are done. */
  idle(): Promise<void> {
    return this.chain
  }

  /** The newest checkpoint the pipeline wrote in this attempt. */
  get checkpoint(): Checkpoint | null {
    return this.lastCheckpoint
  }

  /** At stop, failing or not: the last checkpoint (if not yet uploaded), the report, the replay. */
  async finish(report: PipelineReport | null, error?: unknown): Promise<void> {
    const { attempt } = this.options
    await this.chain
    if (this.lastCheckpoint && !this.landed.has(this.lastCheckpoint.sequence)) {
      await this.uploadCheckpoint(this.lastCheckpoint)
    }
    if (report) await this.enqueue(this.names.report(attempt), [{ path: 'report.json', content: json(report) }])
    const failed = report?.failures ?? []
    if (failed.length > 0 || error !== undefined) {
      const replay = {
        failures: failed,
        error: error === undefined ? undefined : messageOf(error),
        checkpoint: this.lastCheckpoint,
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
    return this.enqueue(name, files, () => this.landed.add(checkpoint.sequence))
  }

  private enqueue(name: string, files: { path: string; content: string }[], landed?: () => void): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        this.uploaded.push(await this.options.store.upload({ name, files }))
        landed?.()
      } catch (e) {
        this.options.warn(`Artifact ${name} was not uploaded: ${messageOf(e)}`)
      }
    })
    return this.chain
  }
}
