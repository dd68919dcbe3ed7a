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
  /** status label styles by index; a label without one has colour = index and is done when named "Done" */
  styles?: Map<number, LabelStyle>
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

/** Where `create_group` puts a group and its colour. */
export interface GroupPlacement {
  color?: string
  /** a group id of the same board */
  relativeTo?: string
  /** before `relativeTo` (`before_at`); after it otherwise (`after_at`) */
  before?: boolean
}

/** A column to add: labels for status/dropdown; settings for connect boards, mirror and formula. */
export interface NewColumn {
  id?: string
  title: string
  type: string
  /** labels in index order (status from 0, dropdown from 1) */
  labels?: string[]
  /** labels by their index, when the index is given (create_column defaults) */
  indexedLabels?: Map<number, string>
  styles?: Map<number, LabelStyle>
  settings?: Record<string, unknown>
}

/** A status label's colour (monday's colour number) and whether it marks the item done. */
export interface LabelStyle {
  color: number
  is_done: boolean
}

/** An account user, for people columns and the root `users` query. */
export interface StoredUser {
  id: number
  name: string
  email: string
}

/** An account tag, for tags columns [tags reference]. */
export interface StoredTag {
  id: number
  name: string
  color: string
}

/** Users 1 … 20 of a fresh account; user 1 is the token's owner (`me`). */
export const DEFAULT_USERS = 20

export type ItemState = 'active' | 'archived' | 'deleted'

const GROUP_COLORS = ['#579bfc', '#00c875', '#fdab3d', '#e2445c', '#a25ddc', '#784bd1']

/** Holds every object of one emulated account. */
export class Store {
  readonly boards = new Map<string, StoredBoard>()
  readonly items = new Map<string, StoredItem>()
  readonly users = new Map<number, StoredUser>()
  readonly tags = new Map<number, StoredTag>()
  private nextTag = 19_000_000
  private nextBoard = 1_800_000_000
  private nextItem = 5_000_000_000
  private nextSuffix = 0

  constructor() {
    this.seedUsers()
  }

  private seedUsers(): void {
    this.users.set(1, { id: 1, name: 'Emulator User', email: 'user@emulator.monday.com' })
    for (let id = 2; id <= DEFAULT_USERS; id += 1) this.addUser(`User ${id}`, `user${id}@emulator.monday.com`, id)
  }

  addUser(name: string, email: string, id = Math.max(0, ...this.users.keys()) + 1): StoredUser {
    const user = { id, name, email }
    this.users.set(id, user)
    return user
  }

  /** The tag with this name, created when missing (`create_or_get_tag`). */
  tag(name: string): StoredTag {
    for (const t of this.tags.values()) if (t.name === name) return t
    this.nextTag += 1
    const tag = { id: this.nextTag, name, color: '#579bfc' }
    this.tags.set(tag.id, tag)
    return tag
  }

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

  /** A new group: last, or placed before/after `place.relativeTo`; its colour given or from the rotation. */
  addGroup(board: StoredBoard, title: string, id?: string, place: GroupPlacement = {}): StoredGroup {
    const groupId = id ?? (board.groups.size === 0 ? 'topics' : `group_${this.suffix()}`)
    const color = place.color ?? GROUP_COLORS[board.groups.size % GROUP_COLORS.length] ?? '#579bfc'
    const group: StoredGroup = { id: groupId, title, color, deleted: false }
    const order = [...board.groups.values()]
    const at = place.relativeTo === undefined ? -1 : order.findIndex(g => g.id === place.relativeTo)
    order.splice(at < 0 ? order.length : place.before === true ? at : at + 1, 0, group)
    board.groups.clear()
    for (const g of order) board.groups.set(g.id, g)
    return group
  }

  addColumn(board: StoredBoard, spec: NewColumn): StoredColumn {
    const id = spec.id ?? `${spec.type}_${this.suffix()}`
    const labels = new Map<number, string>()
    for (const [i, label] of (spec.labels ?? []).entries()) labels.set(spec.type === 'dropdown' ? i + 1 : i, label)
    for (const [i, label] of spec.indexedLabels ?? []) labels.set(i, label)
    const column: StoredColumn = { id, title: spec.title, type: spec.type, description: null, labels }
    if (spec.settings !== undefined) column.settings = spec.settings
    if (spec.styles !== undefined) column.styles = spec.styles
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
    this.tags.clear()
    this.users.clear()
    this.seedUsers()
  }
}
