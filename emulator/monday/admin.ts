/** The admin API for tests and benchmarks: boards with generated items, read-back, stats, settings. */
import { createColumn, createItem, ensureSubitemsBoard, findBoard, subitemsValue } from './board-ops.js'
import { apiText } from './column-value-view.js'
import { EmulatorUsageError, isMondayApplicationError } from './errors.js'
import { DEFAULT_DROPDOWN_LABELS, DEFAULT_STATUS_LABELS, generatedName, valueGenerator } from './generate.js'
import type { EmulatorState } from './state.js'
import { timeModelOf } from './timing.js'
import type { StoredBoard, StoredItem } from './store.js'
import type { BoardInfo, BoardSpec, ColumnSpec, EmulatedColumnValue, EmulatedItem, EmulatorAdmin } from './types.js'

function slug(title: string, taken: ReadonlyMap<string, unknown>): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 16) || 'column'
  const start = /^[a-z]/.test(base) ? base : `c_${base}`
  let id = start
  for (let n = 2; taken.has(id); n += 1) id = `${start}_${n}`
  return id
}

/** monday's settings of connect boards, mirror and formula columns, from a spec. */
function settingsOf(board: StoredBoard, spec: ColumnSpec): Record<string, unknown> | undefined {
  if (spec.type === 'board_relation' && spec.boardIds !== undefined) return { boardIds: spec.boardIds.map(Number) }
  if (spec.type === 'formula') return { formula: spec.formula ?? '' }
  if (spec.type !== 'mirror' || spec.mirror === undefined) return undefined
  const { relationColumnId, columnId } = spec.mirror
  const linked = board.columns.get(relationColumnId)?.settings?.boardIds
  const boardId = Array.isArray(linked) ? String(linked[0]) : ''
  return { relation_column: { [relationColumnId]: true }, displayed_linked_columns: { [boardId]: [columnId] } }
}

function addColumns(state: EmulatorState, board: StoredBoard, specs: ColumnSpec[]): void {
  for (const spec of specs) {
    if (spec.type === 'tags') for (const name of spec.labels ?? []) state.store.tag(name)
    const labels =
      spec.type === 'tags'
        ? undefined
        : (spec.labels ??
          (spec.type === 'status'
            ? DEFAULT_STATUS_LABELS
            : spec.type === 'dropdown'
              ? DEFAULT_DROPDOWN_LABELS
              : undefined))
    const settings = settingsOf(board, spec)
    createColumn(state.store, board, {
      id: spec.id ?? slug(spec.title, board.columns),
      title: spec.title,
      type: spec.type,
      ...(labels === undefined ? {} : { labels }),
      ...(settings === undefined ? {} : { settings })
    })
  }
}

function info(state: EmulatorState, board: StoredBoard): BoardInfo {
  const cols = (b: StoredBoard | undefined): BoardInfo['columns'] =>
    [...(b?.columns.values() ?? [])].map(c => ({ id: c.id, title: c.title, type: c.type }))
  const sub = board.subitemsBoardId === null ? undefined : state.store.boards.get(board.subitemsBoardId)
  return {
    id: board.id,
    subitemsBoardId: board.subitemsBoardId,
    groups: [...board.groups.values()].map(g => ({ id: g.id, title: g.title })),
    columns: cols(board),
    subitemColumns: cols(sub)
  }
}

export function createBoardFromSpec(state: EmulatorState, spec: BoardSpec): BoardInfo {
  const { store } = state
  const board = store.addBoard(spec.name)
  try {
    for (const title of spec.groups?.length ? spec.groups : ['Group Title']) store.addGroup(board, title)
    addColumns(state, board, spec.columns ?? [])
    const wantsSubitems = (spec.subitemColumns?.length ?? 0) > 0 || (spec.subitemsPerItem ?? 0) > 0
    const sub = wantsSubitems ? ensureSubitemsBoard(store, board) : undefined
    if (sub !== undefined) addColumns(state, sub, spec.subitemColumns ?? [])
    const groups = [...board.groups.keys()]
    const now = state.now()
    const boardValues = valueGenerator(board.columns.values(), state.dataRandom, store)
    const subValues = sub === undefined ? undefined : valueGenerator(sub.columns.values(), state.dataRandom, store)
    for (let n = 1; n <= (spec.items ?? 0); n += 1) {
      const groupId = groups[(n - 1) % groups.length] ?? null
      const values = boardValues(n)
      const item = createItem(
        store,
        board,
        { name: generatedName(state.dataRandom, n), groupId, values, createLabels: true },
        now
      )
      for (let s = 1; sub !== undefined && subValues !== undefined && s <= (spec.subitemsPerItem ?? 0); s += 1) {
        const values = subValues(s)
        createItem(store, sub, { name: `${item.name} / sub ${s}`, values, createLabels: true, parent: item }, now)
      }
    }
  } catch (e) {
    if (isMondayApplicationError(e)) throw new EmulatorUsageError(`Bad board spec: ${e.message}`, { cause: e })
    throw e
  }
  return info(state, board)
}

function emulatedItem(state: EmulatorState, item: StoredItem): EmulatedItem {
  const board = state.store.boards.get(item.boardId)
  const columnValues: Record<string, EmulatedColumnValue> = {}
  for (const column of board?.columns.values() ?? []) {
    if (column.type === 'name') continue
    const v = column.type === 'subtasks' ? subitemsValue(state.store, item) : item.values.get(column.id)
    columnValues[column.id] = { type: column.type, text: apiText(column.type, v), value: v?.value ?? null }
  }
  return {
    id: item.id,
    name: item.name,
    boardId: item.boardId,
    groupId: item.groupId,
    groupTitle: board?.groups.get(item.groupId)?.title ?? '',
    state: item.state,
    columnValues,
    subitems: item.subitemIds
      .map(id => state.store.items.get(id))
      .filter((s): s is StoredItem => s?.state === 'active')
      .map(s => emulatedItem(state, s)),
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString()
  }
}

export function createAdmin(state: EmulatorState): EmulatorAdmin {
  return {
    createBoard: spec => createBoardFromSpec(state, spec),
    items: boardId => {
      let board: StoredBoard
      try {
        board = findBoard(state.store, boardId)
      } catch (e) {
        throw new EmulatorUsageError(`No board ${boardId}`, { cause: e })
      }
      return state.store.activeItems(board).map(i => emulatedItem(state, i))
    },
    item: itemId => {
      const item = state.store.items.get(itemId)
      return item === undefined ? undefined : emulatedItem(state, item)
    },
    addUser: user => ({ id: String(state.store.addUser(user.name, user.email).id) }),
    stats: () => structuredClone(state.stats),
    reset: () => state.reset(),
    setLimits: limits => Object.assign(state.limits, limits),
    setFaults: faults => {
      state.faults = { ...faults }
    },
    setLatency: latency => {
      state.time = timeModelOf(latency)
    }
  }
}
