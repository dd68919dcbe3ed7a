/**
 * A cut create batch (the request timed out, got 504 or lost its connection): monday may have
 * created some, all or none of its items, goes on executing its aliases one after another after
 * the cut, and keeps no idempotency replay for it (API-FACTS.md "Time"). So it is never sent
 * again blind. The client waited until its work must be over (`cutIsUnknown`); here its rows are
 * looked up by sync key until a whole step passes with no new item, what exists is adopted (its
 * monday id written back), and only the rows still missing are sent again, with a new key.
 */
import type { MondayClient } from '../../adapters/monday/types.js'
import { messageOf } from '../../errors.js'
import { CREATE_KIND, type SenderContext } from './context.js'
import { findByKey } from './reconcile.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, SyncTable } from './store.js'

/** Sends of a row whose batch was cut and found missing, before it waits for the next run. */
export const CUT_ATTEMPTS = 5
/** Lookups of one cut batch while its items keep appearing, at most. */
const MAX_CUT_LOOKUPS = 20
/** monday cuts a request at 60 s [BP]; a lookup takes about a second (monday ms). */
const CUT_AT_MS = 60_000
const LOOKUP_MS = 1_000
/** monday ms per operation assumed when the client has no figure (create_subitem's p90). */
const UNKNOWN_OPERATION_MS = 4_400

/**
 * Settles a cut batch this run holds (`cuts`: how often these rows were cut in this run, this one
 * included): adopts the rows whose item exists and returns the rows to send again. A row cut
 * `CUT_ATTEMPTS` times goes back to pending for the next run; if the lookup
 * itself fails (or the run is stopping), the rows stay in progress and the next run reconciles them.
 */
export async function settleCut(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[],
  why: string,
  cuts: number
): Promise<ReadyRow[]> {
  const kind = CREATE_KIND[table]
  ctx.log('info', `${batch.length} ${kind} cut before an answer (${why}); looking them up by sync key`)
  const found = await lookUpRows(ctx, table, batch)
  if (found === null) {
    ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${why}`)
    return []
  }
  const outcome: BatchOutcome = { synced: [], failed: [], released: [] }
  const missing: ReadyRow[] = []
  for (const r of batch) {
    const id = found.get(r.row.key)
    if (id !== undefined) outcome.synced.push({ rawKey: r.row.rawKey, itemId: id })
    else if (cuts >= CUT_ATTEMPTS) outcome.released.push(r.row.rawKey)
    else missing.push(r)
  }
  await ctx.store.record(table, outcome, ctx.stamp())
  ctx.stats[table].adopted += outcome.synced.length
  ctx.stats[table].released += outcome.released.length
  if (outcome.released.length > 0) {
    ctx.log('warning', `${outcome.released.length} ${kind} cut ${cuts} times; they wait for the next run`)
  }
  return missing
}

/** The batch's rows looked up until settled; null when a lookup failed or the run is stopping. */
async function lookUpRows(
  ctx: SenderContext,
  table: SyncTable,
  batch: readonly ReadyRow[]
): Promise<Map<string, string> | null> {
  const rows = batch.map(r => r.row)
  try {
    return await lookUpUntilSettled(
      ctx.client,
      CREATE_KIND[table],
      rows.length,
      async () => await findByKey(ctx, table, rows),
      () => ctx.stop.reason !== null
    )
  } catch (e) {
    ctx.log('warning', `looking up a cut batch failed: ${messageOf(e)}`)
    return null
  }
}

/**
 * Looks up what a cut request of `wanted` creates of `kind` made (`lookUp`: what exists now, by
 * key) until all exist or a whole step passes with nothing new. The step outlasts one operation:
 * twice the kind's p90, and twice the time per creation seen so far (the request ran 60 s before
 * the cut; the time since is what this loop waited). Null when the run is stopping; a failed
 * lookup rejects.
 */
export async function lookUpUntilSettled<T>(
  client: MondayClient,
  kind: string,
  wanted: number,
  lookUp: () => Promise<Map<string, T>>,
  stopped: () => boolean
): Promise<Map<string, T> | null> {
  if (stopped()) return null
  let found = await lookUp()
  let elapsed = CUT_AT_MS + LOOKUP_MS
  for (let i = 0; i < MAX_CUT_LOOKUPS && found.size < wanted && client.pause; i++) {
    const p90 = client.serverTimeMs?.(kind) ?? UNKNOWN_OPERATION_MS
    const step = Math.max(2 * p90, (2 * elapsed) / Math.max(1, found.size))
    await client.pause(step)
    if (stopped()) return null
    const now = await lookUp()
    elapsed += step + LOOKUP_MS
    const grew = now.size > found.size
    found = now
    if (!grew) break
  }
  return found
}
