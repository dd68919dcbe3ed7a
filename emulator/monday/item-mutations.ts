/**
 * Mutations on one existing item [ITEMS] [CCV]: change_multiple_column_values, change_column_value,
 * change_simple_column_value, move_item_to_group, archive_item, duplicate_item and delete_item.
 * [ITEMS] https://developer.monday.com/api-reference/reference/items
 * [CCV] https://developer.monday.com/api-reference/docs/change-column-values
 */
import { findBoard, findItem, writeValues } from './board-ops.js'
import { parseColumnValuesArg } from './column-values.js'
import type { RequestContext } from './context.js'
import { MondayApplicationError } from './errors.js'
import type { StoredItem } from './store.js'
import { itemView } from './views.js'

type Args = Record<string, unknown>
type Resolver = (args: Args) => unknown

/** The item named by `item_id`, on the board named by `board_id`; archived items can be changed. */
function itemOnBoard(ctx: RequestContext, args: Args): StoredItem {
  const board = findBoard(ctx.store, args.board_id)
  const item = findItem(ctx.store, args.item_id, true)
  if (item.boardId !== board.id) {
    throw new MondayApplicationError(`Item ${item.id} is not on board ${board.id}`, 'InvalidItemIdException', {
      item_id: item.id,
      board_id: board.id
    })
  }
  return item
}

function change(ctx: RequestContext, args: Args, values: Record<string, unknown>): unknown {
  const item = itemOnBoard(ctx, args)
  const board = findBoard(ctx.store, item.boardId)
  writeValues(ctx.store, board, item, values, args.create_labels_if_missing === true, ctx.now)
  return itemView(ctx, item)
}

/** `change_column_value(value: JSON!)`: the JSON string of one column's value [CCV]. */
function oneValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw
  try {
    return JSON.parse(raw) as unknown
  } catch (cause) {
    throw new MondayApplicationError(`value is not valid JSON: ${String(cause)}`, 'InvalidArgumentException', {
      argument: 'value'
    })
  }
}

/** A copy of `source` placed right below it in its group, with the same name and values. */
function duplicate(ctx: RequestContext, args: Args): unknown {
  const { store } = ctx
  const source = itemOnBoard(ctx, args)
  if (source.state !== 'active') {
    throw new MondayApplicationError(`Item not found: ${source.id}`, 'InvalidItemIdException', { item_id: source.id })
  }
  const board = findBoard(store, source.boardId)
  const copy = store.addItem(board, source.groupId, source.name, ctx.now, source.parentId)
  for (const [id, v] of source.values) copy.values.set(id, { ...v })
  const order = [...board.itemIds].filter(id => id !== copy.id)
  order.splice(order.indexOf(source.id) + 1, 0, copy.id)
  board.itemIds.clear()
  for (const id of order) board.itemIds.add(id)
  if (source.parentId !== null) store.items.get(source.parentId)?.subitemIds.push(copy.id)
  return itemView(ctx, copy)
}

export function itemMutations(ctx: RequestContext): Record<string, Resolver> {
  const { store } = ctx
  return {
    change_multiple_column_values: args => change(ctx, args, parseColumnValuesArg(args.column_values)),
    change_column_value: args => change(ctx, args, { [String(args.column_id)]: oneValue(args.value) }),
    // "pass null to empty the column" (the schema's description of `value`)
    change_simple_column_value: args => change(ctx, args, { [String(args.column_id)]: args.value ?? null }),
    move_item_to_group: args => {
      const item = findItem(store, args.item_id, true)
      const board = findBoard(store, item.boardId)
      const groupId = String(args.group_id)
      if (board.groups.get(groupId)?.deleted !== false) {
        throw new MondayApplicationError(`Group not found: ${groupId}`, 'InvalidGroupIdException', {
          group_id: groupId
        })
      }
      item.groupId = groupId
      item.updatedAt = ctx.now
      return itemView(ctx, item)
    },
    // archiving an archived item changes nothing and answers the item
    archive_item: args => {
      const item = findItem(store, args.item_id, true)
      if (item.state === 'active') store.archiveItem(item)
      return itemView(ctx, item)
    },
    duplicate_item: args => duplicate(ctx, args),
    delete_item: args => {
      const item = findItem(store, args.item_id, true)
      store.deleteItem(item)
      return itemView(ctx, item)
    }
  }
}
