import type { PipelineReport } from '../../engine/run-types.js'
import { runLoadBoardJob } from '../../jobs/load-board.js'
import { loadBoardSettings } from '../../jobs/load-board-settings.js'
import type { BoardVerification } from '../../pipelines/load-board/verify.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

/** The final table, one line per board. */
export function reportTable(report: PipelineReport): string {
  const boards = (report.details.boards ?? []) as BoardVerification[]
  const head = ['board', 'items_count', 'walked', 'loaded', 'subitems', 'missing', 'rewalks', 'swapped', 'verified']
  const lines = boards.map(b => [
    b.boardId,
    b.expectedItems ?? '-',
    b.walked,
    b.loaded,
    b.subitems,
    b.missing,
    b.rewalks,
    b.swapped ? 'yes' : 'no',
    b.verified ? 'yes' : 'NO'
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map(l => String(l[i]).length)))
  const fmt = (cells: readonly unknown[]): string => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ')
  const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000)
  const notes = boards
    .flatMap(b => [...tableNotes(b), ...b.mismatches].map(m => `  board ${b.boardId}: ${m}\n`))
    .join('')
  return (
    `${fmt(head)}\n${lines.map(fmt).join('\n')}\n` +
    `${report.itemsDone} items loaded, ${report.itemsSkipped} from an earlier attempt, ${report.failures.length} failed ` +
    `request(s), ${Math.round(rate)} items/s, ${(report.durationMs / 1000).toFixed(1)} s\n${metricsLine(report)}${notes}`
  )
}

/** Where a board landed and how its columns changed (added, removed on monday). */
function tableNotes(b: BoardVerification): string[] {
  const where = b.subitemsTable ? `table ${b.table}, subitems ${b.subitemsTable}` : `table ${b.table}`
  const tables = b.table ? [`${b.name ? `${b.name}: ` : ''}${where}`] : []
  const added = b.columnsAdded?.length ? [`columns added: ${b.columnsAdded.join(', ')}`] : []
  const removed = (b.columnsRemoved ?? []).map(c => `column removed on monday, kept with NULLs from now on: ${c}`)
  const legacy = b.legacy
    ? [
        `${b.legacy.table} (the generic table of earlier versions) still holds ${b.legacy.rows} rows of this board, ` +
          `no longer updated; move your queries to ${b.table ?? 'its typed table'} (docs/load-board.md, "Moving from monday_items")`
      ]
    : []
  return [...tables, ...added, ...removed, ...legacy]
}

/** What the engine measured: requests, complexity against the budget, retries and throttled time. */
function metricsLine(report: PipelineReport): string {
  const m = report.metrics
  if (m.budgetPerMinute <= 0) return ''
  const retries = Object.values(m.retries).reduce((n, v) => n + (v ?? 0), 0)
  const throttled = Object.values(m.throttledMs).reduce((n, v) => n + (v ?? 0), 0)
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
  return (
    `${fmt(m.requests)} requests, ${fmt(m.complexityUsed)} complexity points (budget ${fmt(m.budgetPerMinute)}/min), ` +
    `${retries} retries, ${(throttled / 1000).toFixed(1)} s throttled\n`
  )
}

/** `monday-sync load-board`: returns the process exit code (1 when a board is not loaded). */
export async function loadBoardCommand(args: CliArgs, io: CliIo): Promise<number> {
  const options = await loadBoardSettings(args, io.env)
  io.stdout(`Loading board(s) ${options.boardIds.join(', ')} (run folder ${options.runDir})\n`)
  const report = await runLoadBoardJob(options, { output: io })
  io.stdout(reportTable(report))
  return report.failures.length > 0 ? 1 : 0
}
