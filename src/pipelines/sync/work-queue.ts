/**
 * The batches of a run, items and subitems from one queue, so the phases overlap: a line is
 * ready once its order has an item (the store reads only lines whose order is SYNCED), so the
 * lines of orders created a moment ago are sent while other orders are still being created. No
 * request waits for every order to be done; a line still waits for its own order, which it needs.
 */
import type { ReadyRow, RowSource } from './row-source.js'
import type { SyncTable } from './store.js'

/** One batch of one table. */
export interface Work {
  table: SyncTable
  batch: ReadyRow[]
}

/** What the queue takes from: the two sources and the batch size of each table now. */
export interface WorkQueueOptions {
  orders: RowSource
  lines: RowSource
  size: (table: SyncTable) => number
  stopped: () => boolean
}

/**
 * Hands out whole batches of lines first (their orders exist; subitems are most of a run's work),
 * else orders; once no order is left to hand out, lines in batches of any size.
 * When neither has a batch but order batches are in flight, it waits for one of them to end and
 * reads the lines again from the first key. It ends (null) only when no order is left or in
 * flight and the lines were read to the end after the last order batch ended.
 */
export class WorkQueue {
  private ordersLeft = true
  private ordersInFlight = 0
  /** Order batches ended so far, and as of the start of the current read of the lines. */
  private ended = 0
  private linesReadAt = 0
  private wake: () => void = () => undefined
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: WorkQueueOptions) {}

  /** The next batch; one caller at a time, in call order. */
  next(): Promise<Work | null> {
    const next = this.chain.then(async () => await this.take())
    this.chain = next.catch(() => undefined)
    return next
  }

  /** To be called when a batch `next` handed out was sent and recorded (or failed). */
  done(work: Work): void {
    if (work.table !== 'orders') return
    this.ordersInFlight -= 1
    this.ended += 1
    this.wake()
  }

  /** Every order has been handed out and none is in flight: only lines are left. */
  get ordersDone(): boolean {
    return !this.ordersLeft && this.ordersInFlight === 0
  }

  private async take(): Promise<Work | null> {
    const { orders, lines, size, stopped } = this.options
    while (!stopped()) {
      // while orders are left, only a whole batch of lines: a few lines more wait for the next orders
      const ready = await lines.take(size('lines'), this.ordersLeft)
      if (ready !== null) return { table: 'lines', batch: ready }
      if (this.linesReadAt < this.ended) {
        // order batches ended since the lines were last read: their lines may be pending now
        this.linesReadAt = this.ended
        lines.restart()
        continue
      }
      if (this.ordersLeft) {
        const batch = await orders.take(size('orders'))
        if (batch !== null) {
          this.ordersInFlight += 1
          return { table: 'orders', batch }
        }
        this.ordersLeft = false
        continue
      }
      // nothing else runs between the lines' last read and this wait: a batch that ends is seen
      if (this.ordersInFlight === 0) return null
      await new Promise<void>(resolve => (this.wake = resolve))
    }
    return null
  }
}
