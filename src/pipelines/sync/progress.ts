import type { Clock } from '../../engine/clock.js'
import type { Checkpoint, InFlightState, PipelineHooks } from '../../engine/run-types.js'
import type { TableStats } from './context.js'
import type { SyncTable } from './store.js'

/** The sync's checkpoint state. The database is the source of truth; this records where a run was. */
export interface SyncCheckpointState {
  phase: 'reconcile' | 'items' | 'subitems' | 'done'
  stats: Record<SyncTable, TableStats>
  batches: number
}

/**
 * Progress lines and checkpoints of a sync run: progress after every batch, a checkpoint every
 * `everyBatches` batches and at the end, written one at a time in order.
 */
export class SyncProgress {
  batches = 0
  checkpoints = 0
  phase: SyncCheckpointState['phase'] = 'reconcile'
  private sequence = 0
  private chain: Promise<void> = Promise.resolve()
  private readonly started: number

  constructor(
    private readonly clock: Clock,
    private readonly hooks: PipelineHooks,
    private readonly stats: Record<SyncTable, TableStats>,
    private readonly total: number,
    private readonly everyBatches: number,
    /** The client's in-flight level and binding limit, for progress lines. */
    private readonly inFlight: () => Pick<InFlightState, 'level' | 'binding'> | undefined = () => undefined
  ) {
    this.started = clock.now()
  }

  /** Rows settled this run (written, adopted from an earlier run, or failed). */
  done(): number {
    const sum = (s: TableStats): number => s.created + s.updated + s.recreated + s.archived + s.adopted + s.failed
    return sum(this.stats.orders) + sum(this.stats.lines)
  }

  /** Called after each batch. */
  async batchDone(): Promise<void> {
    this.batches += 1
    this.report()
    if (this.batches % this.everyBatches === 0) await this.checkpoint(false)
  }

  report(): void {
    const done = this.done()
    const seconds = Math.max(0.001, (this.clock.now() - this.started) / 1000)
    const rate = done / seconds
    const failed = this.stats.orders.failed + this.stats.lines.failed
    const left = Math.max(0, this.total - done)
    const inFlight = this.inFlight()
    this.hooks.onProgress?.({
      ...(inFlight ? { inFlight: { level: inFlight.level, binding: inFlight.binding } } : {}),
      done,
      total: Math.max(this.total, done),
      failed,
      itemsPerSecond: rate,
      etaMs: rate > 0 ? Math.round((left / rate) * 1000) : null
    })
  }

  checkpoint(final: boolean): Promise<void> {
    const hook = this.hooks.onCheckpoint
    if (!hook) return Promise.resolve()
    this.sequence += 1
    this.checkpoints += 1
    const state: SyncCheckpointState = {
      phase: this.phase,
      stats: structuredClone(this.stats),
      batches: this.batches
    }
    const checkpoint: Checkpoint = {
      pipeline: 'sync',
      sequence: this.sequence,
      at: new Date(this.clock.now()).toISOString(),
      final,
      state
    }
    this.chain = this.chain.then(() => hook.call(this.hooks, checkpoint))
    return this.chain
  }
}
