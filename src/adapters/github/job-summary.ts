import { inFlightText, serverTimesText } from '../../engine/control-text.js'
import type { PipelineReport } from '../../engine/run-types.js'
import { countsText, syncCounts, waitingLines } from '../../pipelines/sync/counts.js'
import type { StoredArtifact } from './artifact-store.js'
import { escapeHtml } from './html.js'
import { groupFailures } from './issue-body.js'
import type { IssueOutcome } from './issue-reporter.js'
import { throughputChart } from './throughput-chart.js'

/** Options of buildJobSummary. */
export interface JobSummaryOptions {
  report: PipelineReport
  attempt: number
  /** Where the run resumed from, e.g. "checkpoint 3 of run 123 attempt 1". */
  resumedFrom?: string
  /** Artifacts uploaded by this run (checkpoints and replays are counted and named). */
  artifacts: readonly StoredArtifact[]
  /** Issues touched, to link each failure to its issue. */
  issues: readonly IssueOutcome[]
  /** A warning to show (e.g. issues not written). */
  warnings?: readonly string[]
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '–')

function row(label: string, value: unknown): string {
  return `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`
}

function byClass(values: Partial<Record<string, number>>, format: (n: number) => string): string {
  const entries = Object.entries(values).filter(([, n]) => (n ?? 0) > 0)
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${format(n ?? 0)}`).join(', ')
}

/** sync: what was written per items and subitems, and the lines waiting for a FAILED order. */
function syncRows(report: PipelineReport): string[] {
  if (report.pipeline !== 'sync' || report.dryRun || report.details.orders === undefined) return []
  const { items, subitems } = syncCounts(report)
  const waiting = waitingLines(report)
  const rows = [row('Items (orders)', countsText(items)), row('Subitems (lines)', countsText(subitems))]
  if (waiting.lines > 0) {
    const orders = waiting.orders.map(o => `order ${o.orderKey} (${o.lines}): ${o.reason.slice(0, 120)}`).join('; ')
    rows.push(
      row(
        'Lines waiting for their FAILED order',
        `${waiting.lines}; they sync once the order is fixed and set back to pending. ${orders}`
      )
    )
  }
  return rows
}

/** The engine's control loop: requests in flight and what set them, server time per operation. */
function controlRows(m: PipelineReport['metrics']): string[] {
  const inFlight = inFlightText(m.inFlight)
  const times = serverTimesText(m.serverTimes)
  return [
    ...(inFlight ? [row('Requests in flight', inFlight)] : []),
    ...(times ? [row('Server time per operation (p50 / p90)', times)] : [])
  ]
}

function performanceTable(options: JobSummaryOptions): string {
  const { report } = options
  const m = report.metrics
  const total = report.itemsDone + report.itemsFailed
  const sizes = m.batchSizes.filter(b => b.kind !== 'concurrency')
  const inUse = sizes.at(-1)?.size ?? report.details.batchSize ?? '–'
  // shares of the budget are over monday's minutes (shorter against a time-scaled emulator)
  const minutes = Math.max(1 / 60, report.durationMs / (report.metrics.minuteMs ?? 60_000))
  const names = (prefix: string): StoredArtifact[] => options.artifacts.filter(a => a.name.includes(prefix))
  return [
    '<table>',
    row('Items', `${report.itemsDone} done, ${report.itemsFailed} failed, ${report.itemsSkipped} from earlier runs`),
    ...syncRows(report),
    row('Success rate', percent(report.itemsDone, total)),
    row('Total time', seconds(report.durationMs)),
    row('Items/s', (report.itemsDone / Math.max(0.001, report.durationMs / 1000)).toFixed(1)),
    row('Batch size in use', inUse),
    row('Requests', m.requests),
    row(
      'Complexity used',
      `${m.complexityUsed} points (${percent(m.complexityUsed, m.budgetPerMinute * minutes)} of the budget)`
    ),
    row(
      'Retries by class',
      byClass(m.retries, n => String(n))
    ),
    row('Throttled time by class', byClass(m.throttledMs, seconds)),
    ...controlRows(m),
    row('Checkpoints', `${report.checkpoints} written, ${names('-checkpoint-').length} uploaded`),
    row(
      'Replay artifacts',
      names('-replay-')
        .map(a => a.name)
        .join(', ') || 'none'
    ),
    '</table>'
  ].join('\n')
}

/** Failure groups listed in the summary; the rest are counted ("…and N more"). */
export const SUMMARY_GROUPS = 25
/** Row keys shown per group (every key is in the replay artifact and the issue). */
export const SUMMARY_KEYS = 10

/**
 * The failures grouped by fingerprint (as the issues are), at most SUMMARY_GROUPS of them with a few
 * keys each: the runner drops a summary above 1 MiB whole, so the list stays small however many
 * rows failed.
 */
function failureList(options: JobSummaryOptions): string {
  const { failures } = options.report
  if (failures.length === 0) return ''
  const links = new Map(options.issues.map(i => [i.fingerprint, i]))
  const groups = groupFailures(failures, options.report.pipeline).sort((a, b) => b.rowKeys.length - a.rowKeys.length)
  const items = groups.slice(0, SUMMARY_GROUPS).map(group => {
    const issue = links.get(group.fingerprint)
    const link = issue ? ` (<a href="${escapeHtml(issue.url)}">issue #${issue.number}</a>)` : ''
    const what = `board ${escapeHtml(group.boardId)}, ${escapeHtml(group.operation)}, ${escapeHtml(group.errorClass)}`
    const keys = group.rowKeys.slice(0, SUMMARY_KEYS).map(k => escapeHtml(k.slice(0, 100)))
    const more = group.rowKeys.length > keys.length ? `, …and ${group.rowKeys.length - keys.length} more` : ''
    const rows = keys.length > 0 ? ` (<code>${keys.join('</code>, <code>')}</code>${more})` : ''
    return `<li>${what}: ${group.rowKeys.length} row(s)${rows}: ${escapeHtml(group.message.slice(0, 300))}${link}</li>`
  })
  const rest = groups.length - items.length
  const more = rest > 0 ? `\n<li>…and ${rest} more failure group(s): see the replay artifact and the issues</li>` : ''
  return `\n\n### Failures\n\n<ul>\n${items.join('\n')}${more}\n</ul>`
}

/** The job summary: a performance table, a throughput chart and the failures with their issues. */
export function buildJobSummary(options: JobSummaryOptions): string {
  const { report } = options
  const mode = report.dryRun ? ' (dry run)' : ''
  const resumed = options.resumedFrom ? `\n\nResumed from ${escapeHtml(options.resumedFrom)}.` : ''
  const chart = throughputChart({
    metrics: report.metrics,
    durationMs: report.durationMs,
    startedAtMs: Date.parse(report.startedAt)
  })
  const warnings = (options.warnings ?? []).map(w => `\n\n> [!WARNING]\n> ${escapeHtml(w)}`).join('')
  return (
    `## monday-sync ${escapeHtml(report.pipeline)}${mode}: attempt ${options.attempt}${resumed}\n\n` +
    performanceTable(options) +
    (chart ? `\n\n${chart}` : '') +
    failureList(options) +
    warnings +
    '\n'
  )
}
