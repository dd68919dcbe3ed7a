import type { Clock } from '../../engine/clock.js'
import type { PipelineHooks } from '../../engine/run-types.js'
import type { BoardState } from './state.js'
import { snapshot } from './state.js'

export interface CheckpointerOptions {
  clock: Clock
  hooks?: PipelineHooks
  /** A checkpoint after this many `maybe()` calls (batches)... */
  everyBatches: number
  /** ...or once this many milliseconds passed since the last one. */
  intervalMs: number
  /** The sequence of the checkpoint resumed from (0 for a fresh run). */
  sequenceFrom: number
  state: () => BoardState[]
}

/** Writes load-board checkpoints through `hooks.onCheckpoint`, one at a time, in order. */
export class Checkpointer {
  count = 0
  private sequence: number
  private sinceLast = 0
  private lastAt: number
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly options: CheckpointerOptions) {
    this.sequence = options.sequenceFrom
    this.lastAt = options.clock.now()
  }

  /** Called after each batch; writes when enough batches or time went by. */
  async maybe(): Promise<void> {
    this.sinceLast += 1
    const due =
      this.sinceLast >= this.options.everyBatches || this.options.clock.now() - this.lastAt >= this.options.intervalMs
    if (due) await this.write(false)
  }

  /** Writes a checkpoint now (the state is captured when this is called). */
  write(final: boolean): Promise<void> {
    const hook = this.options.hooks?.onCheckpoint
    this.sinceLast = 0
    this.lastAt = this.options.clock.now()
    if (!hook) return Promise.resolve()
    this.sequence += 1
    this.count += 1
    const checkpoint = {
      pipeline: 'load-board' as const,
      sequence: this.sequence,
      at: new Date(this.options.clock.now()).toISOString(),
      final,
      state: snapshot(this.options.state())
    }
    this.chain = this.chain.then(() => hook.call(this.options.hooks, checkpoint))
    return this.chain
  }
}
