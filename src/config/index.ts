export { loadSyncConfig, parseSyncConfig, resolveRefs, ENVIRONMENT_VARIABLE } from './load.js'
export { ITEM_MODES, MONDAY_COLUMN_TYPES, type ItemMode, type MondayColumnType } from './schema.js'
export type * from './types.js'
