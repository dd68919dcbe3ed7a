import type { Clock } from '../../engine/clock.js'
import type { KindMetrics, MetricsSnapshot } from '../../engine/run-types.js'
import type { BoardColumns, BoardReader, FetchOptions, WalkPage } from './reader.js'
import type { RawItem } from './rows.js'

interface KindRecord {
  requests: number
  items: number
  errors: number
  latencies: number[]
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

/**
 * A BoardReader that measures the requests it makes: the report's metrics when the engine
 * supplies none of its own. Latencies in milliseconds.
 */
export class MeteredReader implements BoardReader {
  private readonly kinds = new Map<string, KindRecord>()
  private readonly started: number
  private readonly throughput: { atMs: number; items: number }[] = []

  constructor(
    private readonly inner: BoardReader,
    private readonly clock: Clock
  ) {
    this.started = clock.now()
    const groupPage = inner.groupPage?.bind(inner)
    if (groupPage)
      this.groupPage = (boardId, groupId, limit, signal) =>
        this.measure(
          'items_page',
          page => page.ids.length,
          () => groupPage(boardId, groupId, limit, signal)
        )
  }

  private async measure<T>(kind: string, items: (result: T) => number, call: () => Promise<T>): Promise<T> {
    const record = this.kinds.get(kind) ?? { requests: 0, items: 0, errors: 0, latencies: [] }
    this.kinds.set(kind, record)
    const start = this.clock.now()
    record.requests += 1
    try {
      const result = await call()
      record.items += items(result)
      if (record.latencies.length < 100_000) record.latencies.push(this.clock.now() - start)
      return result
    } catch (e) {
      record.errors += 1
      throw e
    }
  }

  walkPage(boardId: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<WalkPage> {
    const kind = cursor === null ? 'items_page' : 'next_items_page'
    return this.measure(
      kind,
      page => page.ids.length,
      () => this.inner.walkPage(boardId, cursor, limit, signal)
    )
  }

  /** Present when the inner reader can walk a group. */
  readonly groupPage?: (boardId: string, groupId: string, limit: number, signal?: AbortSignal) => Promise<WalkPage>

  boardColumns(boardId: string, signal?: AbortSignal): Promise<BoardColumns> {
    return this.measure(
      'boards',
      () => 1,
      () => this.inner.boardColumns(boardId, signal)
    )
  }

  async fetchItems(ids: readonly string[], options: FetchOptions): Promise<RawItem[]> {
    const items = await this.measure(
      'items',
      r => r.length,
      () => this.inner.fetchItems(ids, options)
    )
    this.throughput.push({ atMs: this.clock.now() - this.started, items: items.length })
    return items
  }

  itemsCounts(boardIds: readonly string[]): Promise<Map<string, number | null>> {
    if (!this.inner.itemsCounts) return Promise.resolve(new Map())
    return this.measure(
      'boards',
      m => m.size,
      () => this.inner.itemsCounts!(boardIds)
    )
  }

  snapshot(): MetricsSnapshot {
    const byKind: Record<string, KindMetrics> = {}
    let requests = 0
    for (const [kind, r] of this.kinds) {
      const sorted = [...r.latencies].sort((a, b) => a - b)
      byKind[kind] = {
        requests: r.requests,
        items: r.items,
        points: 0,
        errors: r.errors,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99)
      }
      requests += r.requests
    }
    return {
      requests,
      items: byKind.items?.items ?? 0,
      complexityUsed: 0,
      budgetPerMinute: 0,
      byKind,
      retries: {},
      throttledMs: {},
      batchSizes: [],
      throughput: this.throughput.slice(-1000)
    }
  }
}
