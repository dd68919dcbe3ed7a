/**
 * Removed rows (`[source.states] removed`, e.g. DELETED): their items are archived with aliased
 * `archive_item`, then the rows move to the archived state. Archiving is idempotent, so a removed
 * row is not claimed: a crash leaves it removed and the next run archives it again. An item
 * already archived or gone (deleted) counts as archived.
 */
import { isMondayApiError } from '../../adapters/monday/types.js'
import type { ErrorClass } from '../../engine/run-types.js'
import { messageOf } from '../../errors.js'
import { idempotencyKey } from './board.js'
import { aliasErrors, FailureTally, type SenderContext } from './context.js'
import { archiveItemsDocument } from './documents.js'
import { chunks } from './sql-text.js'
import type { SyncRow, SyncTable } from './store.js'
import { isItemMissing } from './updater.js'

/** Archives the items of every removed row of `table`, `batchSize` per request. */
export async function archiveRemoved(
  ctx: SenderContext,
  table: SyncTable,
  pageSize: number,
  batchSize: number
): Promise<void> {
  let after = null
  while (!ctx.stop.reason) {
    const rows = await ctx.store.removedRows(table, after, pageSize)
    for (const batch of chunks(rows, batchSize)) {
      if (ctx.stop.reason) return
      await archiveBatch(ctx, table, batch)
    }
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]!.rawKey
  }
}

async function archiveBatch(ctx: SenderContext, table: SyncTable, batch: readonly SyncRow[]): Promise<void> {
  const done = batch.filter(r => r.itemId === null).map(r => r.rawKey)
  const withItem = batch.filter(r => r.itemId !== null)
  if (withItem.length > 0) {
    const { document, variables } = archiveItemsDocument(withItem.map(r => r.itemId ?? ''))
    try {
      const response = await ctx.client.send<Record<string, { id: string } | null>>(document, variables, {
        kind: 'archive_item',
        items: withItem.length,
        idempotencyKey: idempotencyKey(ctx.boardId, 'archive_item', ctx.claim.runId, ...withItem.map(r => r.key))
      })
      const failedBy = new FailureTally()
      const byAlias = aliasErrors(response.errors)
      withItem.forEach((r, i) => {
        const error = byAlias.get(`a${i}`)
        if (response.data?.[`a${i}`]?.id || (error && isItemMissing(error))) {
          done.push(r.rawKey)
          ctx.stats[table].archived += 1
          return
        }
        failedBy.add(error?.classified?.errorClass ?? 'unknown', error?.message ?? 'no answer for the archive', r.key)
        ctx.stats[table].failed += 1
      })
      failedBy.note(ctx, 'archive_item', 1)
    } catch (e) {
      const errorClass: ErrorClass = isMondayApiError(e) ? e.errorClass : 'unknown'
      if (errorClass === 'auth' || errorClass === 'daily_limit') ctx.stop.reason ??= messageOf(e)
      ctx.log('warning', `${withItem.length} removed ${table} stay removed; archived next run: ${messageOf(e)}`)
      const tally = new FailureTally()
      for (const r of withItem) tally.add(errorClass, messageOf(e), r.key)
      tally.note(ctx, 'archive_item', 1)
    }
  }
  await ctx.store.markArchived(table, done)
}
