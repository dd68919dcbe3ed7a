/**
 * The GraphQL the sync sends. Names and column values always travel as variables; only aliases
 * and variable names (generated here, never from data) are written into the document.
 */

/** Groups and columns (with their label settings) of the items board. */
export const BOARD_META = `query SyncBoardMeta($board: [ID!]) {
  boards(ids: $board) { id groups { id title } columns { id type settings_str } }
}`

/** Columns of the subitems board (for label checks). */
export const SUBITEM_BOARD_META = `query SyncSubitemBoardMeta($board: [ID!]) {
  boards(ids: $board) { id columns { id type settings_str } }
}`

export const CREATE_GROUP = `mutation SyncCreateGroup($board: ID!, $name: String!) {
  create_group(board_id: $board, group_name: $name) { id title }
}`

/** Items whose sync-key column holds one of `keys` [IP items_page_by_column_values]. */
export const FIND_ITEMS = `query SyncFindItems($board: ID!, $column: String!, $keys: [String]!, $limit: Int!) {
  items_page_by_column_values(board_id: $board, columns: [{ column_id: $column, column_values: $keys }], limit: $limit) {
    cursor items { id column_values(ids: [$column]) { id text } }
  }
}`

export const FIND_ITEMS_NEXT = `query SyncFindItemsNext($cursor: String!, $column: String!, $limit: Int!) {
  next_items_page(cursor: $cursor, limit: $limit) { cursor items { id column_values(ids: [$column]) { id text } } }
}`

/** Subitems of up to 100 parent items, with their sync keys. */
export const FIND_SUBITEMS = `query SyncFindSubitems($ids: [ID!], $column: String!) {
  items(ids: $ids, limit: 100) { id subitems { id column_values(ids: [$column]) { id text } } }
}`

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
export function createItemsDocument(
  boardId: string,
  items: readonly ItemCreate[]
): { document: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = { board: boardId }
  const defs = ['$board: ID!']
  const fields = items.map((item, i) => {
    defs.push(`$n${i}: String!`, `$v${i}: JSON`, `$g${i}: String`, `$c${i}: Boolean`)
    variables[`n${i}`] = item.name
    variables[`v${i}`] = JSON.stringify(item.columnValues)
    variables[`g${i}`] = item.groupId ?? null
    variables[`c${i}`] = item.createLabels
    return (
      `  i${i}: create_item(board_id: $board, item_name: $n${i}, group_id: $g${i}, ` +
      `column_values: $v${i}, create_labels_if_missing: $c${i}) { id }`
    )
  })
  return { document: `mutation SyncCreateItems(${defs.join(', ')}) {\n${fields.join('\n')}\n}`, variables }
}

/** Aliased `create_subitem` mutations (`s0`, `s1`…) in one request. */
export function createSubitemsDocument(items: readonly SubitemCreate[]): {
  document: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const defs: string[] = []
  const fields = items.map((item, i) => {
    defs.push(`$p${i}: ID!`, `$n${i}: String!`, `$v${i}: JSON`, `$c${i}: Boolean`)
    variables[`p${i}`] = item.parentId
    variables[`n${i}`] = item.name
    variables[`v${i}`] = JSON.stringify(item.columnValues)
    variables[`c${i}`] = item.createLabels
    return (
      `  s${i}: create_subitem(parent_item_id: $p${i}, item_name: $n${i}, ` +
      `column_values: $v${i}, create_labels_if_missing: $c${i}) { id }`
    )
  })
  return { document: `mutation SyncCreateSubitems(${defs.join(', ')}) {\n${fields.join('\n')}\n}`, variables }
}
