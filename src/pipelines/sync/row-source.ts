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
 * are serialised: several workers take from one source and never get the same row twice, even
 * when it reads again from the first key (`restart`).
 */
export class RowSource {
  private buffer: ReadyRow[] = []
  private after: SqlValue | null = null
  private exhausted = false
  private chain: Promise<unknown> = Promise.resolve()
  /** Keys read so far: a row is handed out once per run, however often the source restarts. */
  private readonly seen = new Set<string>()

  constructor(
    private readonly read: (after: SqlValue | null, limit: number) => Promise<(SyncRow | LineRow)[]>,
    private readonly prepare: (rows: (SyncRow | LineRow)[]) => Promise<ReadyRow[]>,
    private readonly pageSize: number
  ) {}

  /**
   * The next batch of at most `size` rows; null when there are none left. `whole`: only a batch of
   * `size` rows, else null with the rows read kept for later (a caller with other work to do).
   */
  take(size: number, whole = false): Promise<ReadyRow[] | null> {
    const next = this.chain.then(() => this.fill(Math.max(1, size), whole))
    this.chain = next.catch(() => undefined)
    return next
  }

  /**
   * Reads again from the first key once the rows read so far are handed out: rows that became
   * pending since (lines whose order was just created) come next; rows read before never again.
   */
  restart(): void {
    this.chain = this.chain.then(() => {
      this.after = null
      this.exhausted = false
    })
  }

  private async fill(size: number, whole: boolean): Promise<ReadyRow[] | null> {
    while (this.buffer.length < size && !this.exhausted) {
      const page = await this.read(this.after, this.pageSize)
      if (page.length < this.pageSize) this.exhausted = true
      const last = page[page.length - 1]
      if (last) this.after = last.rawKey
      const fresh = page.filter(r => !this.seen.has(r.key))
      for (const r of fresh) this.seen.add(r.key)
      if (fresh.length > 0) this.buffer.push(...(await this.prepare(fresh)))
    }
    if (this.buffer.length === 0 || (whole && this.buffer.length < size)) return null
    return this.buffer.splice(0, size)
  }
}

/**
 * Runs `worker` on parallel loops until `next` gives null or `stopped()`. `concurrency` is a number
 * or a level read after every batch (the client's requests in flight): loops are added when it
 * rises and a loop ends after its batch when there are more than it allows.
 *
 * When a worker throws, no loop takes another batch, and the first error is thrown only after every
 * batch already taken has ended: a batch whose request is still on its way to monday must get its
 * answer and its write-back (or fail) before the run returns. Returning at once left such requests
 * creating items after the run ended, and a re-run started then looked their keys up too early and
 * created them again.
 */
export async function runWorkers<T>(
  concurrency: number | (() => number),
  next: () => Promise<T | null>,
  worker: (batch: T) => Promise<void>,
  stopped: () => boolean
): Promise<void> {
  const level = (): number => Math.max(1, typeof concurrency === 'number' ? concurrency : concurrency())
  const loops = new Set<Promise<void>>()
  // counted when a loop decides to end, not when its promise settles: loops ending together see each other
  let active = 0
  let exhausted = false
  let failure: { error: unknown } | undefined
  const halted = (): boolean => failure !== undefined || stopped()
  const loop = async (): Promise<void> => {
    try {
      while (!halted() && !exhausted) {
        const batch = await next()
        if (batch === null) {
          exhausted = true
          return
        }
        await worker(batch)
        if (active > level()) return
        grow()
      }
    } finally {
      active -= 1
    }
  }
  const grow = (): void => {
    while (!halted() && !exhausted && active < level()) {
      active += 1
      const running: Promise<void> = loop().finally(() => loops.delete(running))
      loops.add(running)
      // a loop started between two races must not count as an unhandled rejection; the race still sees it
      running.catch(() => undefined)
    }
  }
  grow()
  while (loops.size > 0) {
    try {
      await Promise.race(loops)
    } catch (error) {
      failure ??= { error }
    }
  }
  if (failure) throw failure.error
}
