/** Board, group, column and item operations shared by the GraphQL resolvers and the admin API. */
import { parseColumnValue, type WriteContext } from './column-values.js'
import { ColumnValueError, isColumnValueError, MondayApplicationError } from './errors.js'
import type { NewColumn, Store, StoredBoard, StoredColumn, StoredItem, StoredValue } from './store.js'

/** Column types the emulator can create and write [API-FACTS "Writing items"]. */
export const WRITABLE_TYPES = new Set([
  'text',
  'numbers',
  'status',
  'dropdown',
  'date',
  'long_text',
  'people',
  'checkbox',
  'email',
  'phone',
  'link',
  'timeline',
  'tags',
  'board_relation'
])
/** Column types that can be created but not written: monday computes them [formula, mirror references]. */
export const READ_ONLY_TYPES = new Set(['mirror', 'formula'])
const NAME_MAX = 255
/** About 64 KB of column values per item (API-FACTS). */
const VALUES_MAX_BYTES = 65_536

export function findBoard(store: Store, id: unknown): StoredBoard {
  const board = store.boards.get(String(id))
  if (board === undefined) {
    throw new MondayApplicationError(`Board not found: ${String(id)}`, 'InvalidBoardIdException', {
      board_id: String(id)
    })
  }
  return board
}

/**
 * The item with this id; an archived item only when `archived` is true (an archived item can still be
 * changed, moved and restored; a deleted one is gone for the API) [ITEMS].
 */
export function findItem(store: Store, id: unknown, archived = false): StoredItem {
  if (id === null || id === undefined) {
    throw new MondayApplicationError('item_id is required', 'InvalidArgumentException', { argument: 'item_id' })
  }
  const item = store.items.get(String(id))
  if (item === undefined || item.state === 'deleted' || (item.state === 'archived' && !archived)) {
    throw new MondayApplicationError(`Item not found: ${String(id)}`, 'InvalidItemIdException', { item_id: String(id) })
  }
  return item
}

export function createColumn(store: Store, board: StoredBoard, spec: NewColumn): StoredColumn {
  if (!WRITABLE_TYPES.has(spec.type) && !READ_ONLY_TYPES.has(spec.type)) {
    throw new MondayApplicationError(`Column type ${spec.type} is not supported here`, 'InvalidArgumentException')
  }
  if (spec.id !== undefined && (board.columns.has(spec.id) || !/^[a-z][a-z0-9_]{0,19}$/.test(spec.id))) {
    throw new MondayApplicationError(`Column id ${spec.id} is taken or malformed`, 'InvalidColumnIdException')
  }
  return store.addColumn(board, spec)
}

/** The subitems board of `board`, created with its `subitems` column on first use. */
export function ensureSubitemsBoard(store: Store, board: StoredBoard): StoredBoard {
  const existing = board.subitemsBoardId === null ? undefined : store.boards.get(board.subitemsBoardId)
  if (existing !== undefined) return existing
  const sub = store.addBoard(`Subitems of ${board.name}`, board.kind, board.id)
  store.addGroup(sub, 'Subitems')
  board.subitemsBoardId = sub.id
  board.columns.set('subitems', {
    id: 'subitems',
    title: 'Subitems',
    type: 'subtasks',
    description: null,
    labels: new Map(),
    // as monday serves it: the subitems board is named in the column's settings
    settings: {
      allowMultipleItems: true,
      itemTypeName: 'column.subtasks.title',
      displayType: 'BOARD_INLINE',
      boardIds: [Number(sub.id)]
    }
  })
  return sub
}

function checkName(name: string): void {
  if (name.length > NAME_MAX) {
    throw new MondayApplicationError(`Item name is too long (max ${NAME_MAX})`, 'ItemNameTooLongException')
  }
  if (name.trim().length === 0) {
    throw new MondayApplicationError('Item name must not be empty', 'InvalidArgumentException')
  }
}

/** Runs `parse`; a ColumnValueException it throws also names the value sent (`error_data.column_value`). */
function withInput<T>(parse: () => T, column: StoredColumn, input: unknown): T {
  try {
    return parse()
  } catch (e) {
    if (isColumnValueError(e)) throw new ColumnValueError(e.message, column, input)
    throw e
  }
}

/** Parsed column values, validated and ready to apply. */
interface ParsedValues {
  name: string | undefined
  values: [string, StoredValue][]
}

/** Validates every value against its column; throws on the first bad one. */
function parseValues(board: StoredBoard, values: Record<string, unknown>, w: WriteContext): ParsedValues {
  const parsed: [string, StoredValue][] = []
  let name: string | undefined
  let bytes = 0
  for (const [columnId, input] of Object.entries(values)) {
    const column = board.columns.get(columnId)
    if (column === undefined) {
      throw new MondayApplicationError(
        `This column ID doesn't exist for the board: ${columnId}`,
        'InvalidColumnIdException',
        {
          column_id: columnId
        }
      )
    }
    if (column.type === 'name') {
      name = String(input)
      checkName(name)
      continue
    }
    const value = withInput(() => parseColumnValue(column, input, w), column, input)
    bytes += value.value?.length ?? 0
    parsed.push([columnId, value])
  }
  if (bytes > VALUES_MAX_BYTES) throw new MondayApplicationError('Column values exceed 64 KB', 'ColumnValueException')
  return { name, values: parsed }
}

function applyValues(item: StoredItem, parsed: ParsedValues, now: number): void {
  if (parsed.name !== undefined) item.name = parsed.name
  for (const [id, v] of parsed.values) {
    if (v.value === null) item.values.delete(id)
    else item.values.set(id, v)
  }
  item.updatedAt = now
}

/** Validates every value first, then writes them all: a bad value changes nothing. */
export function writeValues(
  store: Store,
  board: StoredBoard,
  item: StoredItem,
  values: Record<string, unknown>,
  createLabels: boolean,
  now: number
): void {
  const w = { createLabels, changedAt: new Date(now).toISOString(), store }
  applyValues(item, parseValues(board, values, w), now)
}

export interface CreateItemArgs {
  name: string
  groupId?: string | null
  values: Record<string, unknown>
  createLabels: boolean
  parent?: StoredItem
}

export function createItem(store: Store, board: StoredBoard, args: CreateItemArgs, now: number): StoredItem {
  checkName(args.name)
  const groupId = args.groupId ?? board.groups.keys().next().value
  if (groupId === undefined || board.groups.get(groupId)?.deleted !== false) {
    throw new MondayApplicationError(`Group not found: ${String(args.groupId)}`, 'InvalidGroupIdException')
  }
  const parsed = parseValues(board, args.values, {
    createLabels: args.createLabels,
    changedAt: new Date(now).toISOString(),
    store
  })
  const item = store.addItem(board, groupId, parsed.name ?? args.name, now, args.parent?.id ?? null)
  applyValues(item, parsed, now)
  args.parent?.subitemIds.push(item.id)
  return item
}

/** The `subitems` column value of a parent item. */
export function subitemsValue(store: Store, item: StoredItem): StoredValue {
  const subs = item.subitemIds.map(id => store.items.get(id)).filter(s => s?.state === 'active')
  if (subs.length === 0) return { value: null, text: '' }
  return {
    value: JSON.stringify({ linkedPulseIds: subs.map(s => ({ linkedPulseId: Number(s?.id) })) }),
    text: subs.map(s => s?.name).join(', ')
  }
}
