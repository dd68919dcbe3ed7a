import type { ItemMode } from '../../config/schema.js'
import type { SyncConfig } from '../../config/types.js'

/** Settings of one sync run (its own module so that run.ts and phase.ts both import it without a cycle). */
export interface SyncOptions {
  config: Pick<SyncConfig, 'boardId' | 'orders' | 'lines' | 'states' | 'items' | 'subitems' | 'batch' | 'plan'>
  /** Overrides `batch.item_mode`. */
  itemMode?: ItemMode
  /** Plan (task graph, batches, complexity, time) and validate; change nothing. */
  dryRun?: boolean
}
