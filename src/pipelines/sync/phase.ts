import { isMondayApiError } from '../../adapters/monday/types.js'
import type { ItemMode } from '../../config/schema.js'
import { messageOf } from '../../errors.js'
import type { BoardContext } from './board.js'
import { modeShape, planSync, type SyncPlan } from './plan.js'
import { preparePage, preparePageForSend } from './prepare.js'
import type { SyncProgress } from './progress.js'
import { RowSource, runWorkers } from './row-source.js'
import { type SenderContext, sendBatch } from './sender.js'
import type { SyncCounts, SyncStore, SyncTable } from './store.js'
import type { SyncOptions } from './options.js'

/**
 * One phase of a run (items from orders, then subitems from lines): pages of pending rows are
 * validated, then claimed, sent and recorded batch by batch by one or more workers.
 */
export async function runPhase(
  ctx: SenderContext,
  options: SyncOptions,
  mode: ItemMode,
  board: BoardContext,
  table: SyncTable,
  progress: SyncProgress
): Promise<void> {
  const { config } = options
  const { store } = ctx
  const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store)
  const source = new RowSource(
    read,
    rows =>
      preparePageForSend(
        config,
        board,
        store,
        table,
        rows,
        invalid => {
          ctx.stats[table].failed += invalid.length
          ctx.failures.push({
            boardId: config.boardId,
            operation: table === 'orders' ? 'create_item' : 'create_subitem',
            errorClass: 'validation',
            message: `${invalid.length} row(s) failed validation before sending (reasons in the error column)`,
            rowKeys: invalid.map(i => i.row.key),
            attempts: 0
          })
        },
        (title, error, keys) => {
          ctx.log(
            'warning',
            `group "${title}" could not be created; ${keys.length} order(s) stay pending: ${messageOf(error)}`
          )
          ctx.failures.push({
            boardId: config.boardId,
            operation: 'create_group',
            errorClass: isMondayApiError(error) ? error.errorClass : 'unknown',
            message: messageOf(error),
            rowKeys: keys,
            attempts: isMondayApiError(error) ? (error.details.attempts ?? 1) : 1
          })
        }
      ),
    config.batch.pageSize
  )
  const shape = modeShape(mode, config.batch)
  const kind = table === 'orders' ? 'create_item' : 'create_subitem'
  const size = (): number =>
    mode === 'asyncBatch'
      ? ctx.client.suggestBatchSize(kind, { min: config.batch.minBatchSize, max: config.batch.maxBatchSize })
      : shape.batchSize
  await runWorkers(
    shape.concurrency,
    () => source.take(size()),
    async batch => {
      await sendBatch(ctx, table, batch)
      await progress.batchDone()
    },
    () => ctx.stop.reason !== null
  )
}

/** Validates every pending row and counts groups to create, without writing anything. */
export async function dryRunPlan(
  store: SyncStore,
  board: BoardContext,
  options: SyncOptions,
  mode: ItemMode,
  counts: SyncCounts
): Promise<SyncPlan> {
  const { config } = options
  let invalid = 0
  const groups = new Set<string>()
  for (const table of ['orders', 'lines'] as const) {
    const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store)
    let after = null
    for (;;) {
      const rows = await read(after, config.batch.pageSize)
      const page = preparePage(config, board, table, rows)
      invalid += page.invalid.length
      for (const g of page.groups) if (!board.groups.has(g)) groups.add(g)
      if (rows.length < config.batch.pageSize) break
      after = rows[rows.length - 1]!.rawKey
    }
  }
  return { ...planSync(config, mode, counts, groups.size), invalidRows: invalid }
}
