/**
 * The hand-over between the walk (producer of ids) and the batch fetchers (consumers). The walk
 * waits while the queue holds more than its high-water mark, so memory stays bounded whatever
 * the relative speed of the two phases.
 */
export class IdQueue {
  private ids: string[] = []
  private head = 0
  private closed = false
  private wake: (() => void)[] = []

  /** Ids waiting to be batched. */
  get size(): number {
    return this.ids.length - this.head
  }

  /** No more ids will come (the walk finished or failed). */
  get done(): boolean {
    return this.closed
  }

  push(ids: readonly string[]): void {
    for (const id of ids) this.ids.push(id)
    this.notify()
  }

  close(): void {
    this.closed = true
    this.notify()
  }

  /** Takes up to `n` ids in walk order. */
  take(n: number): string[] {
    const batch = this.ids.slice(this.head, this.head + n)
    this.head += batch.length
    if (this.head > 4096 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head)
      this.head = 0
    }
    this.notify()
    return batch
  }

  /** The ids not taken yet (for a checkpoint). */
  peekAll(): string[] {
    return this.ids.slice(this.head)
  }

  /** Resolves at the next push, take or close. */
  changed(): Promise<void> {
    return new Promise(resolve => this.wake.push(resolve))
  }

  /** Resolves once at most `limit` ids wait (or the queue is closed). */
  async below(limit: number): Promise<void> {
    while (this.size > limit && !this.closed) await this.changed()
  }

  private notify(): void {
    const wake = this.wake
    this.wake = []
    for (const resolve of wake) resolve()
  }
}

/** The smallest batch the last ids of a walk are spread into (smaller ones would be mostly base time). */
const TAIL_BATCH = 10
/**
 * Shares of what is left per place at the end of a load. A read's time has a long tail (API-FACTS.md
 * "Time": p90 1.6 times the median, a whole read slower as much): with one share a place, one
 * read of 50 to 75 ids started ~15 s before the end and twice its median time held the load
 * ~1.5 s after the others. Two make the reads of the last ~20 s smaller; they cost requests only.
 */
const TAIL_SHARES = 2

/** How the fetchers draw batches from the queue. */
export interface PumpOptions {
  /** Ids per batch, read before each batch (the engine may adapt it); at most 100 [ITEMS]. */
  batchSize: () => number
  /** Batches in flight, read before each start (the engine may adapt it). */
  concurrency: () => number
  /** Stop starting batches (in-flight ones finish). */
  stopped?: () => boolean
  /** Whether a batch may start now (false: wait until one in flight ends); default always. */
  ready?: () => boolean
}

/**
 * Runs `runBatch` over batches drawn from `queue` until the queue is closed and empty, with up to
 * `concurrency()` batches in flight. A batch is started when a full one is available, or when the
 * walk has finished, or when nothing is in flight (so fetching starts while the walk still runs).
 * Once the walk has finished, ids fewer than a full batch for every place are spread over all the
 * places, busy ones included (at least `TAIL_BATCH` each), so the last reads end together.
 * `runBatch` must not throw: it reports its own failures.
 */
export async function pumpBatches(
  queue: IdQueue,
  runBatch: (ids: string[]) => Promise<void>,
  options: PumpOptions
): Promise<void> {
  const inFlight = new Set<Promise<void>>()
  for (;;) {
    const size = Math.max(1, Math.min(100, Math.floor(options.batchSize())))
    const limit = Math.max(1, Math.floor(options.concurrency()))
    // The walk is over: what is left is spread over every place, busy ones too, in TAIL_SHARES
    // shares each. A read's time grows with its ids, and the places start the rest of the ids in
    // about the time they take to read one share each (Little's law), so a read started now ends
    // about when the last one does, even one TAIL_SHARES times slower than its median. Spread over
    // the free places only, a place that frees while the others are busy took a full batch: the
    // budget admitted the last full reads seconds before the end, and the load waited a full read
    // (~7 s on 30 columns) after the budget's last charge.
    const spread = Math.min(size, Math.max(TAIL_BATCH, Math.ceil(queue.size / (limit * TAIL_SHARES))))
    while (!options.stopped?.() && inFlight.size < limit && queue.size > 0 && (options.ready?.() ?? true)) {
      if (queue.size < size && !queue.done && inFlight.size > 0) break
      const take = queue.done ? spread : size
      const task: Promise<void> = runBatch(queue.take(take)).finally(() => inFlight.delete(task))
      inFlight.add(task)
    }
    const exhausted = queue.done && (queue.size === 0 || options.stopped?.())
    if (exhausted && inFlight.size === 0) return
    await Promise.race([...inFlight, queue.changed()])
  }
}
