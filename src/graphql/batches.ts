import { batchTemplate } from './batch.js'
import { SyncCreateItemsDocument, SyncCreateSubitemsDocument } from './generated.js'

/** sync: `create_item` aliased `i0…`, one board for the batch. */
export const CREATE_ITEMS = batchTemplate(SyncCreateItemsDocument, 'i', ['board'])

/** sync: `create_subitem` aliased `s0…`, each under its own parent. */
export const CREATE_SUBITEMS = batchTemplate(SyncCreateSubitemsDocument, 's', [])

/** Every batch template the product sends; the schema test validates a batch of each. */
export const BATCH_TEMPLATES = [CREATE_ITEMS, CREATE_SUBITEMS] as const
