import type { SqlValue } from '../../adapters/sql/database.js'
import type { SubitemCreate } from './documents.js'
import type { LineRow, SyncRow } from './store.js'

/** A row validated and encoded, ready to be claimed and sent. */
export interface ReadyRow {
  row: SyncRow | LineRow
  /** For orders `parentId` is empty. An update (the row has an item id) uses its name, values and group. */
  create: SubitemCreate
}

/**
 * Pages of pending rows (by key) turned into ready rows, handed out in batches of any size. Reads
 * are serialised: several workers take from one source and never get the same row twice.
 */
export class RowSource {
  private buffer: ReadyRow[] = []
  private after: SqlValue | null = null
  private exhausted = false
  private chain: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly read: (after: SqlValue | null, limit: number) => Promise<(SyncRow | LineRow)[]>,
    private readonly prepare: (rows: (SyncRow | LineRow)[]) => Promise<ReadyRow[]>,
    private readonly pageSize: number
  ) {}

  /** The next batch of at most `size` rows; null when there are none left. */
  take(size: number): Promise<ReadyRow[] | null> {
    const next = this.chain.then(() => this.fill(Math.max(1, size)))
    this.chain = next.catch(() => undefined)
    return next
  }

  private async fill(size: number): Promise<ReadyRow[] | null> {
    while (this.buffer.length < size && !this.exhausted) {
      const page = await this.read(this.after, this.pageSize)
      if (page.length < this.pageSize) this.exhausted = true
      const last = page[page.length - 1]
      if (last) this.after = last.rawKey
      this.buffer.push(...(await this.prepare(page)))
    }
    if (this.buffer.length === 0) return null
    return this.buffer.splice(0, size)
  }
}

/** Runs `worker` on `concurrency()` parallel loops until `next` gives null or `stopped()`. */
export async function runWorkers<T>(
  concurrency: number,
  next: () => Promise<T | null>,
  worker: (batch: T) => Promise<void>,
  stopped: () => boolean
): Promise<void> {
  const loop = async (): Promise<void> => {
    while (!stopped()) {
      const batch = await next()
      if (batch === null) return
      await worker(batch)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop))
}
