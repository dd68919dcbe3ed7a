/**
 * The requests the sync sends. Every document is in graphql/sync/ (typed in src/graphql/generated.ts);
 * the aliased batches are built from its one-operation templates: only aliases and variable names
 * are generated, names and column values always travel as variables.
 */
import { type BatchRequest, aliasedBatch } from '../../graphql/batch.js'
import { ARCHIVE_ITEMS, CREATE_ITEMS, CREATE_SUBITEMS, MOVE_ITEMS, UPDATE_ITEMS } from '../../graphql/batches.js'

/** One item to create: name, group, column values (a JSON string) and the labels flag. */
export interface ItemCreate {
  name: string
  groupId?: string
  columnValues: Record<string, unknown>
  createLabels: boolean
}

/** One subitem to create under `parentId`. */
export interface SubitemCreate extends ItemCreate {
  parentId: string
}

/** Aliased `create_item` mutations (`i0`, `i1`…) in one request. */
export function createItemsDocument(boardId: string, items: readonly ItemCreate[]): BatchRequest {
  return aliasedBatch(
    CREATE_ITEMS,
    { board: boardId },
    items.map(item => ({
      n: item.name,
      v: JSON.stringify(item.columnValues),
      g: item.groupId ?? null,
      c: item.createLabels
    }))
  )
}

/** Aliased `create_subitem` mutations (`s0`, `s1`…) in one request. */
export function createSubitemsDocument(items: readonly SubitemCreate[]): BatchRequest {
  return aliasedBatch(
    CREATE_SUBITEMS,
    {},
    items.map(item => ({ p: item.parentId, n: item.name, v: JSON.stringify(item.columnValues), c: item.createLabels }))
  )
}

/** One item to change: its id, name and column values (cleared columns included). */
export interface ItemUpdate {
  itemId: string
  name: string
  columnValues: Record<string, unknown>
  createLabels: boolean
}

/**
 * Aliased `change_multiple_column_values` (`u0`, `u1`…) on `boardId` (the subitems board for
 * subitems); the name travels as the `name` key of `column_values`. Each answers its item's group,
 * so a move is sent only for items whose group differs.
 */
export function updateItemsDocument(boardId: string, items: readonly ItemUpdate[]): BatchRequest {
  return aliasedBatch(
    UPDATE_ITEMS,
    { board: boardId },
    items.map(item => ({
      i: item.itemId,
      v: JSON.stringify({ name: item.name, ...item.columnValues }),
      c: item.createLabels
    }))
  )
}

/** Aliased `move_item_to_group` (`m0`, `m1`…). */
export function moveItemsDocument(moves: readonly { itemId: string; groupId: string }[]): BatchRequest {
  return aliasedBatch(
    MOVE_ITEMS,
    {},
    moves.map(m => ({ i: m.itemId, g: m.groupId }))
  )
}

/** Aliased `archive_item` (`a0`, `a1`…). */
export function archiveItemsDocument(itemIds: readonly string[]): BatchRequest {
  return aliasedBatch(
    ARCHIVE_ITEMS,
    {},
    itemIds.map(id => ({ i: id }))
  )
}
