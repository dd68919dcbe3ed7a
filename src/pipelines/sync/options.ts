import type { ItemMode } from '../../config/schema.js'
import type { SyncConfig } from '../../config/types.js'

/** Settings of one sync run (its own module so that run.ts and phase.ts both import it without a cycle). */
export interface SyncOptions {
  config: Pick<SyncConfig, 'boardId' | 'orders' | 'lines' | 'states' | 'items' | 'subitems' | 'batch' | 'plan'> &
    Partial<Pick<SyncConfig, 'deletedItems'>>
  /** Overrides `batch.item_mode`. */
  itemMode?: ItemMode
  /** Plan (task graph, batches, complexity, time) and validate; change nothing. */
  dryRun?: boolean
  /** This run's id in its claims (letters, digits, -); default a random UUID. */
  runId?: string
  /**
   * Clock milliseconds after which another run may take over this run's claims; default 20
   * minutes (`DEFAULT_LEASE_MS`); divide it by the time scale against an emulator.
   */
  leaseMs?: number
}
