/**
 * The requests the sync sends. Every document is in graphql/sync/ (typed in src/graphql/generated.ts);
 * the aliased batches are built from its one-operation templates: only aliases and variable names
 * are generated, names and column values always travel as variables.
 */
import { type BatchRequest, aliasedBatch } from '../../graphql/batch.js'
import { CREATE_ITEMS, CREATE_SUBITEMS } from '../../graphql/batches.js'

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
