import { isMondayApiError } from '../../adapters/monday/types.js'
import type { ItemMode } from '../../config/schema.js'
import { messageOf } from '../../errors.js'
import type { BoardContext } from './board.js'
import { batchSizeOf, modeShape } from './plan.js'
import { preparePageForSend } from './prepare.js'
import type { SyncProgress } from './progress.js'
import { RowSource, runWorkers } from './row-source.js'
import { CREATE_KIND, type SenderContext } from './context.js'
import { sendBatch } from './sender.js'
import { findByKey } from './reconcile.js'
import type { LineRow, SyncRow, SyncTable } from './store.js'
import type { SyncOptions } from './options.js'
import { WorkQueue } from './work-queue.js'

/**
 * The items and subitems of a run, overlapping: pages of pending rows are validated, then claimed,
 * sent and recorded batch by batch by one or more workers, which take the lines of orders that
 * have an item first and orders otherwise (`WorkQueue`).
 */
export async function runPhases(
  ctx: SenderContext,
  options: SyncOptions,
  mode: ItemMode,
  board: BoardContext,
  progress: SyncProgress
): Promise<void> {
  const { config } = options
  const shape = modeShape(mode, config.batch)
  // single and batch keep their size, but under the same server-time cap as asyncBatch: monday
  // runs a request's creates one after another and cuts it at 60 s (the plan starts from the same sizes)
  const sizeOf = batchSizeOf(mode, config.batch, ctx.client)
  const size = (table: SyncTable): number => sizeOf(CREATE_KIND[table])
  // asyncBatch keeps as many batches going as the engine lets requests fly (batch.concurrency to begin with)
  const workers = (): number =>
    mode === 'asyncBatch' ? (ctx.client.inFlight?.().level ?? shape.concurrency) : shape.concurrency
  const stopped = (): boolean => ctx.stop.reason !== null
  const queue = new WorkQueue({
    orders: rowSource(ctx, options, board, 'orders'),
    lines: rowSource(ctx, options, board, 'lines'),
    size,
    stopped
  })
  progress.phase = 'items'
  await runWorkers(
    workers,
    () => queue.next(),
    async work => {
      try {
        await sendBatch(ctx, work.table, work.batch)
      } finally {
        queue.done(work)
      }
      if (queue.ordersDone) progress.phase = 'subitems'
      await progress.batchDone()
    },
    stopped
  )
}

/** Pending rows of `table`, adopted by key where their item exists, validated and encoded. */
function rowSource(ctx: SenderContext, options: SyncOptions, board: BoardContext, table: SyncTable): RowSource {
  const { config } = options
  const { store } = ctx
  const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store)
  return new RowSource(
    read,
    async rows =>
      await preparePageForSend(
        config,
        board,
        store,
        table,
        await adoptByKey(ctx, table, rows),
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
}

/**
 * Pending rows without an item id whose key is already on the board (an item made by hand, or
 * whose id was lost) are adopted: they get that item's id and are sent as updates. Rows whose
 * lookup failed wait for the next run.
 */
async function adoptByKey(
  ctx: SenderContext,
  table: SyncTable,
  rows: (SyncRow | LineRow)[]
): Promise<(SyncRow | LineRow)[]> {
  const fresh = rows.filter(r => r.itemId === null && !('parentItemId' in r && ctx.created.has(r.parentItemId)))
  if (fresh.length === 0) return rows
  let found: Map<string, string>
  try {
    found = await findByKey(ctx, table, fresh)
  } catch (e) {
    ctx.log(
      'warning',
      `${fresh.length} ${table} not looked up on the board; they wait for the next run: ${messageOf(e)}`
    )
    return rows.filter(r => r.itemId !== null)
  }
  for (const row of fresh) {
    const id = found.get(row.key)
    if (id === undefined) continue
    row.itemId = id
    row.adopted = true
  }
  return rows
}
