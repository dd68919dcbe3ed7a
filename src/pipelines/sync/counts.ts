/**
 * The counts of a sync report for the wiring (CLI table, job summary, action outputs): what was
 * written per items and subitems, and the lines waiting for a FAILED order.
 */
import type { FailedBatch, PipelineReport } from '../../engine/run-types.js'
import { emptyStats, type TableStats } from './context.js'
import type { WaitingOrder } from './store-types.js'

/** Counts of the report's items (orders) and subitems (lines); zeros for another pipeline. */
export function syncCounts(report: Pick<PipelineReport, 'details'>): { items: TableStats; subitems: TableStats } {
  const d = report.details as { orders?: Partial<TableStats>; lines?: Partial<TableStats> }
  return { items: { ...emptyStats(), ...d.orders }, subitems: { ...emptyStats(), ...d.lines } }
}

/** The lines waiting for their FAILED order, as the report holds them. */
export function waitingLines(report: Pick<PipelineReport, 'details'>): { lines: number; orders: WaitingOrder[] } {
  const w = report.details.waiting as { lines?: number; orders?: WaitingOrder[] } | undefined
  return { lines: w?.lines ?? 0, orders: w?.orders ?? [] }
}

/** One line of counts: "5 created, 2 updated, …" (zeros left out; "nothing" when all are). */
export function countsText(s: TableStats): string {
  const parts = (['created', 'updated', 'moved', 'archived', 'adopted', 'recreated', 'failed'] as const)
    .filter(k => s[k] > 0)
    .map(k => `${s[k]} ${k}`)
  return parts.length === 0 ? 'nothing' : parts.join(', ')
}

/**
 * A failure that lists FAILED orders whose lines wait says so: the lines sync once the order is
 * fixed and set back to pending (never by themselves on the next run).
 */
export function noteWaitingLines(failures: FailedBatch[], waiting: readonly WaitingOrder[]): void {
  const lines = new Map(waiting.map(w => [w.orderKey, w.lines]))
  for (const f of failures) {
    if (f.operation === 'create_subitem') continue
    const held = f.rowKeys.reduce((n, k) => n + (lines.get(k) ?? 0), 0)
    if (held === 0) continue
    f.message += ` (${held} line(s) of these orders wait for them: they sync once the order is fixed and set back to pending)`
  }
}
