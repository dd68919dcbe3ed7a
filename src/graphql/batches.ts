import { batchTemplate } from './batch.js'
import {
  SyncArchiveItemsDocument,
  SyncCreateItemsDocument,
  SyncCreateSubitemsDocument,
  SyncMoveItemsDocument,
  SyncUpdateItemsDocument
} from './generated.js'

/** sync: `create_item` aliased `i0…`, one board for the batch. */
export const CREATE_ITEMS = batchTemplate(SyncCreateItemsDocument, 'i', ['board'])

/** sync: `create_subitem` aliased `s0…`, each under its own parent. */
export const CREATE_SUBITEMS = batchTemplate(SyncCreateSubitemsDocument, 's', [])

/** sync: `change_multiple_column_values` aliased `u0…`, one board (items or subitems) for the batch. */
export const UPDATE_ITEMS = batchTemplate(SyncUpdateItemsDocument, 'u', ['board'])

/** sync: `move_item_to_group` aliased `m0…`. */
export const MOVE_ITEMS = batchTemplate(SyncMoveItemsDocument, 'm', [])

/** sync: `archive_item` aliased `a0…`. */
export const ARCHIVE_ITEMS = batchTemplate(SyncArchiveItemsDocument, 'a', [])

/** Every batch template the product sends; the schema test validates a batch of each. */
export const BATCH_TEMPLATES = [CREATE_ITEMS, CREATE_SUBITEMS, UPDATE_ITEMS, MOVE_ITEMS, ARCHIVE_ITEMS] as const
