/** GraphQL views of stored objects: plain objects whose methods graphql-js calls as resolvers. */
import { subitemsValue } from './board-ops.js'
import { ColumnValueView } from './column-value-view.js'
import type { RequestContext } from './context.js'
import type { StoredBoard, StoredColumn, StoredGroup, StoredItem } from './store.js'

type Args = Record<string, unknown>

/** The `settings_str` shape: status labels as `{"0": "Working on it"}`, dropdown as `[{id, name}]`. */
function legacySettings(column: StoredColumn): Record<string, unknown> {
  if (column.type === 'status') return { labels: Object.fromEntries(column.labels) }
  if (column.type === 'dropdown') return { labels: [...column.labels].map(([id, name]) => ({ id, name })) }
  return { ...column.settings }
}

/**
 * `Column.settings` from 2025-10 on (changelog "Deprecating `settings_str` field on columns"): status labels
 * are a list of `{id, color, label, index, is_done, is_deactivated}`; `settings_str` keeps the old shape.
 */
function settingsFor(column: StoredColumn, version: string): Record<string, unknown> {
  if (column.type !== 'status' || version < SETTINGS_SINCE) return legacySettings(column)
  const labels = [...column.labels]
    .sort(([a], [b]) => a - b)
    .map(([index, label]) => {
      const style = column.styles?.get(index) ?? { color: index, is_done: label === 'Done' }
      return { id: index, color: style.color, label, index, is_done: style.is_done, is_deactivated: false }
    })
  return { labels }
}

const SETTINGS_SINCE = '2025-10'

export function columnView(column: StoredColumn, version: string = SETTINGS_SINCE): Record<string, unknown> {
  const settings = settingsFor(column, version)
  return {
    id: column.id,
    title: column.title,
    description: column.description,
    type: column.type,
    archived: false,
    settings,
    settings_str: JSON.stringify(legacySettings(column)),
    width: null
  }
}

export function groupView(ctx: RequestContext, board: StoredBoard, group: StoredGroup): Record<string, unknown> {
  return {
    id: group.id,
    title: group.title,
    color: group.color,
    position: String([...board.groups.keys()].indexOf(group.id) * 65_536),
    archived: false,
    deleted: group.deleted,
    items_page: (args: Args) => ctx.pages.itemsPage(board, group.id, args)
  }
}

export function boardView(ctx: RequestContext, board: StoredBoard): Record<string, unknown> {
  const groups = [...board.groups.values()].filter(g => !g.deleted)
  return {
    id: board.id,
    name: board.name,
    board_kind: board.kind,
    state: 'active',
    description: board.description,
    items_count: board.itemIds.size,
    url: `https://emulator.monday.com/boards/${board.id}`,
    workspace_id: null,
    columns: (args: Args) => {
      const ids = args.ids as string[] | null | undefined
      const types = args.types as string[] | null | undefined
      return [...board.columns.values()]
        .filter(c => (ids == null || ids.includes(c.id)) && (types == null || types.includes(c.type)))
        .map(c => columnView(c, ctx.version.value))
    },
    groups: (args: Args) => {
      const ids = args.ids as string[] | null | undefined
      return groups.filter(g => ids == null || ids.includes(g.id)).map(g => groupView(ctx, board, g))
    },
    top_group: () => (groups[0] === undefined ? null : groupView(ctx, board, groups[0])),
    items_page: (args: Args) => ctx.pages.itemsPage(board, null, args)
  }
}

function columnValueView(ctx: RequestContext, item: StoredItem, column: StoredColumn): ColumnValueView {
  const v = column.type === 'subtasks' ? subitemsValue(ctx.store, item) : item.values.get(column.id)
  return new ColumnValueView(ctx, item, column, v, item.subitemIds.length === 0, {
    column: c => columnView(c, ctx.version.value),
    item: i => itemView(ctx, i)
  })
}

export function itemView(ctx: RequestContext, item: StoredItem): Record<string, unknown> {
  ctx.itemsReturned += 1
  const board = ctx.store.boards.get(item.boardId)
  return {
    id: item.id,
    name: item.name,
    state: item.state,
    created_at: new Date(item.createdAt).toISOString(),
    updated_at: new Date(item.updatedAt).toISOString(),
    creator_id: '1',
    url: `https://emulator.monday.com/boards/${item.boardId}/pulses/${item.id}`,
    board: () => (board === undefined ? null : boardView(ctx, board)),
    group: () => {
      const g = board?.groups.get(item.groupId)
      return board === undefined || g === undefined ? null : groupView(ctx, board, g)
    },
    column_values: (args: Args) => {
      const ids = args.ids as string[] | null | undefined
      const types = args.types as string[] | null | undefined
      const values = [...(board?.columns.values() ?? [])]
        .filter(c => c.type !== 'name')
        .filter(c => (ids == null || ids.includes(c.id)) && (types == null || types.includes(c.type)))
        .map(c => columnValueView(ctx, item, c))
      ctx.columnValuesReturned += values.length
      return values
    },
    subitems: () =>
      item.subitemIds
        .map(id => ctx.store.items.get(id))
        .filter((s): s is StoredItem => s?.state === 'active')
        .map(s => itemView(ctx, s)),
    parent_item: () => {
      const parent = item.parentId === null ? undefined : ctx.store.items.get(item.parentId)
      return parent === undefined ? null : itemView(ctx, parent)
    }
  }
}
