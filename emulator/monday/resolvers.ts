/** Root resolvers of the emulated schema (queries and mutations). */
import { createColumn, createItem, ensureSubitemsBoard, findBoard, findItem } from './board-ops.js'
import { columnFromDefaults } from './column-defaults.js'
import { parseColumnValuesArg } from './column-values.js'
import type { RequestContext } from './context.js'
import { MondayApplicationError } from './errors.js'
import { itemMutations } from './item-mutations.js'
import { checkIds } from './items-query.js'
import type { GroupPlacement, StoredBoard, StoredItem, StoredTag, StoredUser } from './store.js'
import { boardView, columnView, groupView, itemView } from './views.js'

type Args = Record<string, unknown>
type Resolver = (args: Args) => unknown

function page<T>(list: T[], args: Args): T[] {
  const limit = typeof args.limit === 'number' ? args.limit : 25
  const p = typeof args.page === 'number' ? Math.max(1, args.page) : 1
  return list.slice((p - 1) * limit, p * limit)
}

function queries(ctx: RequestContext): Record<string, Resolver> {
  const { store } = ctx
  return {
    boards: args => {
      const ids = args.ids as string[] | null | undefined
      const boards = ids == null ? [...store.boards.values()] : ids.map(id => store.boards.get(String(id)))
      return page(
        boards.filter(b => b !== undefined),
        ids == null ? args : { limit: Math.max(ids.length, 1) }
      ).map(b => boardView(ctx, b))
    },
    items: args => {
      const ids = args.ids as string[] | null | undefined
      checkIds(ids)
      // by id, archived and deleted items are answered with their state unless exclude_nonactive [ITEMS]
      if (ids != null) {
        const found = ids.map(id => store.items.get(String(id))).filter((i): i is StoredItem => i !== undefined)
        const kept = args.exclude_nonactive === true ? found.filter(i => i.state === 'active') : found
        return kept.map(i => itemView(ctx, i))
      }
      const active = [...store.items.values()].filter(i => i.state === 'active')
      return page(active, args).map(i => itemView(ctx, i))
    },
    next_items_page: args => ctx.pages.next(args),
    items_page_by_column_values: args => ctx.pages.byColumnValues(findBoard(store, args.board_id), args),
    complexity: () => ctx.complexity,
    me: () => userView(store.users.get(1)),
    users: args => {
      const ids = (args.ids as string[] | null | undefined)?.map(String)
      const emails = (args.emails as string[] | null | undefined)?.map(e => e.toLowerCase())
      const name = typeof args.name === 'string' ? args.name.toLowerCase() : undefined
      const found = [...store.users.values()].filter(
        u =>
          (ids == null || ids.includes(String(u.id))) &&
          (emails == null || emails.includes(u.email.toLowerCase())) &&
          (name === undefined || u.name.toLowerCase().includes(name))
      )
      return page(found, { limit: args.limit ?? 200, page: args.page }).map(userView)
    },
    tags: args => {
      const ids = (args.ids as string[] | null | undefined)?.map(Number)
      return [...store.tags.values()].filter(t => ids == null || ids.includes(t.id)).map(tagView)
    },
    version: () => ctx.version
  }
}

function userView(u: StoredUser | undefined): Record<string, unknown> | null {
  return u === undefined ? null : { id: String(u.id), name: u.name, email: u.email }
}

function tagView(t: StoredTag): Record<string, unknown> {
  return { id: String(t.id), name: t.name, color: t.color }
}

/**
 * `create_group(group_color, relative_to, position_relative_method)` (changelog 2024-04: groups can be
 * created before or after another group; `group_color` takes a hex colour).
 */
function groupPlacement(board: StoredBoard, args: Args): GroupPlacement {
  const place: GroupPlacement = {}
  if (typeof args.group_color === 'string') {
    if (!/^#[0-9a-f]{6}$/i.test(args.group_color))
      throw new MondayApplicationError(`Invalid group color: ${args.group_color}`, 'InvalidArgumentException')
    place.color = args.group_color.toLowerCase()
  }
  if (typeof args.relative_to === 'string') {
    if (board.groups.get(args.relative_to)?.deleted !== false)
      throw new MondayApplicationError(`Group not found: ${args.relative_to}`, 'InvalidGroupIdException')
    place.relativeTo = args.relative_to
    place.before = args.position_relative_method === 'before_at'
  }
  return place
}

function mutations(ctx: RequestContext): Record<string, Resolver> {
  const { store } = ctx
  const createLabels = (args: Args): boolean => args.create_labels_if_missing === true
  return {
    create_board: args => {
      const name = String(args.board_name)
      if (name.trim() === '' || name.length > 255)
        throw new MondayApplicationError('Invalid board name', 'CreateBoardException')
      const board = store.addBoard(name, String(args.board_kind))
      board.description = typeof args.description === 'string' ? args.description : null
      store.addGroup(board, 'Group Title')
      return boardView(ctx, board)
    },
    create_column: args => {
      const board = findBoard(store, args.board_id)
      const spec = columnFromDefaults(String(args.column_type), String(args.title), args.defaults)
      const column = createColumn(store, board, typeof args.id === 'string' ? { ...spec, id: args.id } : spec)
      column.description = typeof args.description === 'string' ? args.description : null
      return columnView(column, ctx.version.value)
    },
    create_group: args => {
      const board = findBoard(store, args.board_id)
      const name = String(args.group_name)
      if (name.trim() === '' || name.length > 255)
        throw new MondayApplicationError('Invalid group name', 'InvalidArgumentException')
      return groupView(ctx, board, store.addGroup(board, name, undefined, groupPlacement(board, args)))
    },
    create_item: args => {
      const board = findBoard(store, args.board_id)
      const values = parseColumnValuesArg(args.column_values)
      const groupId = typeof args.group_id === 'string' ? args.group_id : null
      const item = createItem(
        store,
        board,
        { name: String(args.item_name), groupId, values, createLabels: createLabels(args) },
        ctx.now
      )
      return itemView(ctx, item)
    },
    create_subitem: args => {
      const parent = findItem(store, args.parent_item_id)
      const sub = ensureSubitemsBoard(store, findBoard(store, parent.boardId))
      const values = parseColumnValuesArg(args.column_values)
      const item = createItem(
        store,
        sub,
        { name: String(args.item_name), values, createLabels: createLabels(args), parent },
        ctx.now
      )
      return itemView(ctx, item)
    },
    create_or_get_tag: args => {
      const name = typeof args.tag_name === 'string' ? args.tag_name.trim() : ''
      if (name === '') throw new MondayApplicationError('tag_name is required', 'InvalidArgumentException')
      return tagView(store.tag(name))
    },
    ...itemMutations(ctx)
  }
}

/**
 * The root value for one request: every mutation first spends its server time (graphql-js runs a
 * mutation's fields one after another, as monday does), then checks the seeded alias-failure fault.
 */
export function rootValue(ctx: RequestContext): Record<string, Resolver> {
  const muts = Object.fromEntries(
    Object.entries(mutations(ctx)).map(([name, fn]) => [
      name,
      async (args: Args) => {
        await ctx.aliasStarts(name)
        if (ctx.aliasFails())
          throw new MondayApplicationError('Internal server error', 'INTERNAL_SERVER_ERROR', {}, 500)
        return fn(args)
      }
    ])
  )
  return { ...queries(ctx), ...muts }
}
