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
  /** Name the board's groups on its first page, as monday does, so a large board is walked by group. */
  namesGroups = false
  /** Walk requests being answered now, and the most at once. */
  walksInFlight = 0
  mostWalksInFlight = 0
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
    if (cursor?.startsWith('g:')) {
      const [, group, offset] = cursor.split(':')
      return await this.page(
        'walk:group-next',
        this.items.filter(i => i.group?.id === group),
        Number(offset),
        limit,
        `g:${group}:`
      )
    }
    const page = await this.page(
      cursor === null ? 'walk:first' : 'walk:next',
      this.items,
      Number(cursor ?? 0),
      limit,
      ''
    )
    if (cursor !== null) return page
    const groups = this.namesGroups ? { groups: [...new Set(this.items.map(i => i.group!.id))] } : {}
    return { ...page, itemsCount: this.itemsCount ?? this.items.length, ...groups }
  }

  async groupPage(boardId: string, groupId: string, limit: number): Promise<WalkPage> {
    return await this.page(
      'walk:group',
      this.items.filter(i => i.group?.id === groupId),
      0,
      limit,
      `g:${groupId}:`
    )
  }

  /** One page of `items` from `start`; the cursor is `prefix` and the next offset. */
  private async page(call: string, items: RawItem[], start: number, limit: number, prefix: string): Promise<WalkPage> {
    this.walkCalls += 1
    this.calls.push(call)
    this.mostWalksInFlight = Math.max(this.mostWalksInFlight, ++this.walksInFlight)
    await new Promise(resolve => setImmediate(resolve))
    this.walksInFlight -= 1
    if (this.failWalkAt?.call === this.walkCalls) throw this.failWalkAt.error
    const ids = items.slice(start, start + limit).map(i => i.id)
    return { ids, cursor: start + limit < items.length ? `${prefix}${start + limit}` : null }
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
