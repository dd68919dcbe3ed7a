import pLimit, { type LimitFunction } from 'p-limit'
import type { StagingStore } from '../../adapters/sql/staging-store.js'
import type { Clock } from '../../engine/clock.js'
import type { FailedBatch } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { errorClassOf } from './errors.js'
import { IdQueue, pumpBatches } from './id-queue.js'
import type { BoardReader, ValueColumns, WalkPage } from './reader.js'
import { type RowColumns, rowsOfItem } from './rows.js'
import { type BoardState, type WalkCursor, cursorUsable } from './state.js'

/** Group cursors walked at once when a board is walked by group. */
const WALK_LANES = 4

/** What one board's load needs; shared by every board of a run. */
export interface BoardLoadContext {
  reader: BoardReader
  store: StagingStore
  clock: Clock
  /** Ids per walk page; at most 500 [IP]. */
  pageSize: number
  batchSize: () => number
  /** Item reads in flight now (the engine's level when it tunes them). */
  concurrency: () => number
  /**
   * Batches written to staging at once. Fetched batches waiting to be written are bounded by
   * twice this: no read starts while they wait, so a slow database holds memory steady.
   */
  stageWriters: number
  /** Walk restarts allowed after cursor expiry before the board fails. */
  maxRewalks: number
  log: (level: 'debug' | 'info' | 'warning', message: string) => void
  /** Called after every staged batch; decides itself whether to write a checkpoint. */
  progress: () => Promise<void>
}

/** The result of one board; `state` is the live state the checkpoints serialise. */
export interface BoardOutcome {
  boardId: string
  itemsStaged: number
  subitemsStaged: number
  /** Items staged by an earlier attempt (resume). */
  itemsSkipped: number
  /** Ids the walk found that `items(ids:)` no longer returned (deleted meanwhile). */
  missing: number
  failures: FailedBatch[]
  swapped: boolean
}

/** One board's load in progress: walk, fetch, stage; `pendingIds` of its state stays live. */
export class BoardLoad {
  readonly queue = new IdQueue()
  readonly pending: Set<string>
  private readonly seen: Set<string>
  readonly failures: FailedBatch[] = []
  private missing = 0
  private stopped = false
  private readonly writers: LimitFunction
  /** Batches fetched and not yet written to staging. */
  private unwritten = 0
  /** Walk pages asked and not answered yet (each keeps a place among the requests in flight). */
  private walking = 0

  constructor(
    private readonly ctx: BoardLoadContext,
    readonly state: BoardState,
    /** Top-level ids already in staging when the run started. */
    staged: ReadonlySet<string>,
    /** The board's typed columns (and its subitems', when they are loaded). */
    private readonly columns: RowColumns,
    /** The column ids whose values are read; every column when absent. */
    private readonly valueColumns?: ValueColumns
  ) {
    this.pending = new Set(state.pendingIds.filter(id => !staged.has(id)))
    this.seen = new Set([...staged, ...this.pending])
    this.state.itemsStaged = staged.size
    this.fresh = staged.size === 0 && this.pending.size === 0 && state.batchesDone === 0
    this.writers = pLimit(ctx.stageWriters)
  }

  /** Nothing of this board was staged before this load: batches need not replace earlier rows. */
  private readonly fresh: boolean

  /** The ids harvested and not yet staged, for a checkpoint. */
  pendingIds(): string[] {
    return [...this.pending]
  }

  async run(): Promise<BoardOutcome> {
    const skipped = this.state.itemsStaged
    this.queue.push([...this.pending])
    const walk = this.walk().finally(() => this.queue.close())
    const fetch = pumpBatches(this.queue, ids => this.runBatch(ids), {
      batchSize: this.ctx.batchSize,
      // each walk page asked keeps a place among the requests in flight
      concurrency: () => Math.max(1, this.ctx.concurrency() - this.walking),
      ready: () => this.unwritten < 2 * this.ctx.stageWriters,
      stopped: () => this.stopped
    })
    await Promise.all([walk, fetch])
    const counts = await this.ctx.store.countStaged(this.state.boardId)
    return {
      boardId: this.state.boardId,
      itemsStaged: counts.items,
      subitemsStaged: counts.subitems,
      itemsSkipped: skipped,
      missing: this.missing,
      failures: this.failures,
      swapped: false
    }
  }

  /**
   * The id walk: the board's cursor; a large board with several groups goes on with one cursor per
   * group, `WALK_LANES` at a time, once its first page has named them (a single cursor yields 500
   * ids per page time, which binds when full reads are slow: docs/load-board.md).
   */
  private async walk(): Promise<void> {
    const board = this.state
    if (board.walkDone) return
    if (board.groups === undefined && (await this.walkCursor(board, null)) !== 'by groups') {
      board.walkDone = !this.stopped
      return
    }
    const lanes = pLimit(WALK_LANES)
    await Promise.all(
      (board.groups ?? []).map(g =>
        lanes(async () => {
          if (!g.done) g.done = (await this.walkCursor(g, g.groupId)) === 'done'
        })
      )
    )
    board.walkDone = !this.stopped && (board.groups ?? []).every(g => g.done)
  }

  /**
   * Walks one cursor to its end: the board's (`group` null) or a group's. An expired cursor starts
   * that walk again from its first page; ids already seen are not fetched again, so nothing is lost
   * or doubled. The board's cursor stops after its first page when the walk goes on by group.
   */
  private async walkCursor(walk: WalkCursor, group: string | null): Promise<'done' | 'by groups' | 'stopped'> {
    const { reader, clock, pageSize } = this.ctx
    const board = this.state
    if (walk.cursor !== null && !cursorUsable(walk, clock.now())) this.restartWalk(walk, 'saved cursor is too old')
    while (!this.stopped) {
      await this.queue.below(Math.max(2_000, this.ctx.batchSize() * this.ctx.concurrency() * 4))
      if (this.stopped) break
      let page: WalkPage
      this.walking += 1
      try {
        if (walk.cursor === null) walk.cursorStartedAt = clock.now()
        page =
          walk.cursor === null && group !== null && reader.groupPage
            ? await reader.groupPage(board.boardId, group, pageSize)
            : await reader.walkPage(board.boardId, walk.cursor, pageSize)
      } catch (e) {
        if (errorClassOf(e) === 'cursor_expired' && board.rewalks < this.ctx.maxRewalks) {
          this.restartWalk(walk, messageOf(e))
          continue
        }
        this.fail('walk', e, [])
        break
      } finally {
        this.walking -= 1
      }
      if (page.itemsCount !== undefined && page.itemsCount !== null) board.expectedItems = page.itemsCount
      const fresh = page.ids.filter(id => !this.seen.has(id))
      for (const id of fresh) {
        this.seen.add(id)
        this.pending.add(id)
      }
      board.harvested = this.seen.size
      walk.cursor = page.cursor
      this.queue.push(fresh)
      if (page.cursor === null) {
        walk.cursorStartedAt = null
        return 'done'
      }
      if (group === null && this.byGroups(page.groups)) {
        // every group is walked from its start: the ids of this first page are found again and skipped
        board.groups = page.groups.map(groupId => ({ groupId, cursor: null, cursorStartedAt: null, done: false }))
        board.cursor = null
        board.cursorStartedAt = null
        return 'by groups'
      }
    }
    return 'stopped'
  }

  /** Whether the walk goes on by group: several groups that hold a page's worth of ids each on average. */
  private byGroups(groups: string[] | undefined): groups is string[] {
    if (!groups || groups.length < 2 || !this.ctx.reader.groupPage) return false
    return (this.state.expectedItems ?? 0) >= groups.length * this.ctx.pageSize
  }

  /** An expired cursor: walk it again from its first page; ids already seen are not fetched again. */
  private restartWalk(walk: WalkCursor, reason: string): void {
    this.state.rewalks += 1
    walk.cursor = null
    walk.cursorStartedAt = null
    this.ctx.log('warning', `board ${this.state.boardId}: cursor expired (${reason}); walking again, staged items kept`)
  }

  private async runBatch(ids: string[]): Promise<void> {
    const { reader, store } = this.ctx
    const boardId = this.state.boardId
    let operation = 'fetch_items'
    let fetched = false
    try {
      const items = await reader.fetchItems(ids, {
        subitems: this.columns.subitems !== null,
        ...(this.valueColumns ? { columns: this.valueColumns } : {})
      })
      operation = 'stage'
      fetched = true
      this.unwritten += 1
      const wanted = new Set(ids)
      // an id returned twice is staged once (the staging tables are keyed by item id)
      const found = items.filter(item => wanted.delete(item.id))
      const rows = found.flatMap(item => rowsOfItem(item, this.columns))
      await this.writers(() => store.stageBatch(boardId, ids, rows, { fresh: this.fresh }))
      for (const id of ids) this.pending.delete(id)
      this.missing += ids.length - found.length
      this.state.batchesDone += 1
      this.state.itemsStaged += found.length
    } catch (e) {
      this.fail(operation, e, ids)
      return
    } finally {
      if (fetched) this.unwritten -= 1
    }
    await this.ctx.progress()
  }

  private fail(operation: string, e: unknown, ids: string[]): void {
    const attempts = (e as { attempts?: unknown } | null)?.attempts
    this.failures.push({
      boardId: this.state.boardId,
      operation,
      errorClass: errorClassOf(e),
      message: messageOf(e),
      rowKeys: ids,
      attempts: typeof attempts === 'number' ? attempts : 1
    })
    this.ctx.log('warning', `board ${this.state.boardId}: ${operation} failed: ${messageOf(e)}`)
    // A load with a hole must not replace the target; stop starting work, keep what is staged.
    this.stopped = true
    this.queue.close()
  }
}
