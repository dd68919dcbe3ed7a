/** In-memory monday data: boards, groups, columns, items, subitem boards. Maps only. */

/** A stored column value: monday's JSON `value` string and its `text`. */
export interface StoredValue {
  value: string | null
  text: string
}

export interface StoredColumn {
  id: string
  title: string
  type: string
  description: string | null
  /** status/dropdown labels by id (status index, dropdown id) */
  labels: Map<number, string>
  /** further `settings_str` entries, e.g. the subitems column's `boardIds` */
  settings?: Record<string, unknown>
}

export interface StoredGroup {
  id: string
  title: string
  color: string
  deleted: boolean
}

export interface StoredBoard {
  id: string
  name: string
  kind: string
  description: string | null
  columns: Map<string, StoredColumn>
  groups: Map<string, StoredGroup>
  /** active item ids in board order */
  itemIds: Set<string>
  /** the subitems board, created with the subitems column */
  subitemsBoardId: string | null
  /** set on a subitems board */
  parentBoardId: string | null
}

export interface StoredItem {
  id: string
  name: string
  boardId: string
  groupId: string
  values: Map<string, StoredValue>
  subitemIds: string[]
  parentId: string | null
  /** archived and deleted items leave the board's pages but `items(ids:)` still finds them */
  state: ItemState
  /** emulated milliseconds since the epoch */
  createdAt: number
  updatedAt: number
}

export type ItemState = 'active' | 'archived' | 'deleted'

const GROUP_COLORS = ['#579bfc', '#00c875', '#fdab3d', '#e2445c', '#a25ddc', '#784bd1']

/** Holds every object of one emulated account. */
export class Store {
  readonly boards = new Map<string, StoredBoard>()
  readonly items = new Map<string, StoredItem>()
  private nextBoard = 1_800_000_000
  private nextItem = 5_000_000_000
  private nextSuffix = 0

  /** A short monday-style suffix (`mk…`) unique in this store. */
  suffix(): string {
    this.nextSuffix += 1
    return `mk${(46_656 + this.nextSuffix * 7919).toString(36)}`
  }

  addBoard(name: string, kind = 'public', parentBoardId: string | null = null): StoredBoard {
    this.nextBoard += 1
    const board: StoredBoard = {
      id: String(this.nextBoard),
      name,
      kind,
      description: null,
      columns: new Map(),
      groups: new Map(),
      itemIds: new Set(),
      subitemsBoardId: null,
      parentBoardId
    }
    board.columns.set('name', { id: 'name', title: 'Name', type: 'name', description: null, labels: new Map() })
    this.boards.set(board.id, board)
    return board
  }

  addGroup(board: StoredBoard, title: string, id?: string): StoredGroup {
    const groupId = id ?? (board.groups.size === 0 ? 'topics' : `group_${this.suffix()}`)
    const color = GROUP_COLORS[board.groups.size % GROUP_COLORS.length] ?? '#579bfc'
    const group: StoredGroup = { id: groupId, title, color, deleted: false }
    board.groups.set(groupId, group)
    return group
  }

  addColumn(board: StoredBoard, spec: { id?: string; title: string; type: string; labels?: string[] }): StoredColumn {
    const id = spec.id ?? `${spec.type}_${this.suffix()}`
    const labels = new Map<number, string>()
    for (const [i, label] of (spec.labels ?? []).entries()) labels.set(spec.type === 'dropdown' ? i + 1 : i, label)
    const column: StoredColumn = { id, title: spec.title, type: spec.type, description: null, labels }
    board.columns.set(id, column)
    return column
  }

  addItem(board: StoredBoard, groupId: string, name: string, now: number, parentId: string | null = null): StoredItem {
    this.nextItem += 1
    const item: StoredItem = {
      id: String(this.nextItem),
      name,
      boardId: board.id,
      groupId,
      values: new Map(),
      subitemIds: [],
      parentId,
      state: 'active',
      createdAt: now,
      updatedAt: now
    }
    this.items.set(item.id, item)
    board.itemIds.add(item.id)
    return item
  }

  deleteItem(item: StoredItem): void {
    this.retire(item, 'deleted')
  }

  archiveItem(item: StoredItem): void {
    this.retire(item, 'archived')
  }

  /** The item and its subitems leave their boards' pages. */
  private retire(item: StoredItem, state: Exclude<ItemState, 'active'>): void {
    item.state = state
    this.boards.get(item.boardId)?.itemIds.delete(item.id)
    for (const id of item.subitemIds) {
      const sub = this.items.get(id)
      if (sub?.state === 'active') this.retire(sub, state)
    }
  }

  /** The active items of a board, in board order. */
  activeItems(board: StoredBoard): StoredItem[] {
    const out: StoredItem[] = []
    for (const id of board.itemIds) {
      const item = this.items.get(id)
      if (item?.state === 'active') out.push(item)
    }
    return out
  }

  clear(): void {
    this.boards.clear()
    this.items.clear()
  }
}
