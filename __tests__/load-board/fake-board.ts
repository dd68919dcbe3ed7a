import type { BoardColumns, BoardReader, WalkPage } from '../../src/pipelines/load-board/reader.js'
import type { RawItem } from '../../src/pipelines/load-board/rows.js'

/**
 * A test fake of BoardReader over an in-memory board (the emulator tests cover the real HTTP
 * path). Records the order of calls so tests can assert that fetching overlaps the walk.
 */
export class FakeBoard implements BoardReader {
  readonly calls: string[] = []
  /** Ids passed to fetchItems, in call order. */
  readonly fetched: string[][] = []
  /** Throw this from the walk request with this (1-based) number. */
  failWalkAt: { call: number; error: Error } | null = null
  /** Throw from fetchItems for batches containing this id. */
  failFetchFor: string | null = null
  /** Reported items_count (defaults to the real count). */
  itemsCount: number | null = null
  /** Ids deleted after the walk saw them. */
  readonly deleted = new Set<string>()
  private walkCalls = 0
  private index: Map<string, RawItem> | undefined

  constructor(
    readonly boardId: string,
    readonly items: RawItem[]
  ) {}

  static make(boardId: string, n: number, subitemsEvery = 0): FakeBoard {
    const base = Number(boardId) * 100_000
    const items = Array.from({ length: n }, (_, i): RawItem => {
      const id = String(base + i + 1)
      return {
        id,
        name: `Item ${i + 1} "quoted" ✓`,
        state: 'active',
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        updated_at: new Date(Date.UTC(2026, 1, 1, 0, 0, i)).toISOString(),
        board: { id: boardId },
        group: { id: i % 2 ? 'topics' : 'new_group', title: i % 2 ? 'Topics' : 'New Group' },
        column_values: [
          { id: 'numbers', type: 'numbers', text: String(i * 1.5), value: JSON.stringify(String(i * 1.5)) },
          { id: 'status', type: 'status', text: 'Done', value: '{"index":1}' },
          { id: 'date4', type: 'date', text: '2026-06-15', value: '{"date":"2026-06-15","time":null}' }
        ],
        subitems:
          subitemsEvery && i % subitemsEvery === 0
            ? [{ id: String(base + 90_000 + i), name: `Sub of ${i + 1}`, board: { id: '999' }, column_values: [] }]
            : []
      }
    })
    return new FakeBoard(boardId, items)
  }

  async walkPage(boardId: string, cursor: string | null, limit: number): Promise<WalkPage> {
    this.walkCalls += 1
    this.calls.push(cursor === null ? 'walk:first' : 'walk:next')
    await new Promise(resolve => setImmediate(resolve))
    if (this.failWalkAt?.call === this.walkCalls) throw this.failWalkAt.error
    const start = cursor === null ? 0 : Number(cursor)
    const ids = this.items.slice(start, start + limit).map(i => i.id)
    const next = start + limit < this.items.length ? String(start + limit) : null
    return { ids, cursor: next, ...(cursor === null ? { itemsCount: this.itemsCount ?? this.items.length } : {}) }
  }

  /** The board's columns: as its first item has them, with titles; a subitems board when any item has subitems. */
  columns: BoardColumns | null = null

  async boardColumns(): Promise<BoardColumns> {
    this.calls.push('columns')
    await new Promise(resolve => setImmediate(resolve))
    if (this.columns) return this.columns
    const first = this.items[0]?.column_values ?? []
    const titles: Record<string, string> = { numbers: 'Amount', status: 'Status', date4: 'Due date' }
    const hasSubitems = this.items.some(i => (i.subitems?.length ?? 0) > 0)
    return {
      name: `Board ${this.boardId}`,
      columns: first.map(c => ({ id: c.id, title: titles[c.id] ?? c.id, type: c.type ?? 'text' })),
      subitemsBoardId: hasSubitems ? '999' : null,
      subitemColumns: []
    }
  }

  async fetchItems(ids: readonly string[], options: { subitems: boolean }): Promise<RawItem[]> {
    this.calls.push('fetch')
    this.fetched.push([...ids])
    await new Promise(resolve => setImmediate(resolve))
    if (this.failFetchFor && ids.includes(this.failFetchFor)) throw new Error('HTTP 500 from monday')
    this.index ??= new Map(this.items.map(i => [i.id, i]))
    return ids
      .map(id => this.index!.get(id))
      .filter((i): i is RawItem => i !== undefined && !this.deleted.has(i.id))
      .map(i => (options.subitems ? i : { ...i, subitems: undefined }))
  }
}
