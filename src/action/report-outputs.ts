import * as core from '@actions/core'
import { groupFailures, issueTitle } from '../adapters/github/issue-body.js'
import type { PipelineReport } from '../engine/run-types.js'
import { syncCounts } from '../pipelines/sync/counts.js'

/** Output names as action.yml declares them. */
export const OUTPUTS = {
  itemsCreated: 'items-created',
  itemsUpdated: 'items-updated',
  itemsFailed: 'items-failed',
  reportPath: 'report-path'
} as const

/** Sets the step outputs from the report. */
export function setOutputs(report: PipelineReport, reportPath: string): void {
  if (report.pipeline === 'sync') {
    // sync: items and subitems created (deleted ones created again too) and updated (moves included)
    const { items, subitems } = syncCounts(report)
    core.setOutput(OUTPUTS.itemsCreated, items.created + items.recreated + subitems.created + subitems.recreated)
    core.setOutput(OUTPUTS.itemsUpdated, items.updated + subitems.updated)
  } else {
    core.setOutput(OUTPUTS.itemsCreated, report.itemsDone)
  }
  core.setOutput(OUTPUTS.itemsFailed, report.itemsFailed)
  core.setOutput(OUTPUTS.reportPath, reportPath)
}

/** One error annotation per failed-batch fingerprint. */
export function annotateFailures(report: PipelineReport, issueUrls: ReadonlyMap<string, string>): void {
  for (const group of groupFailures(report.failures, report.pipeline)) {
    const issue = issueUrls.get(group.fingerprint)
    const where = issue ? ` See ${issue}` : ''
    core.error(`${group.rowKeys.length} row(s) failed after ${group.attempts} attempt(s): ${group.message}.${where}`, {
      title: issueTitle(group)
    })
  }
}

/** Boards this run finished without a failure (their failure issues can be closed). */
export function settledBoards(report: PipelineReport, boardIds: readonly string[]): string[] {
  const failing = new Set(report.failures.map(f => f.boardId))
  const verified = report.details.boards as { boardId: string; verified?: boolean }[] | undefined
  if (verified) return verified.filter(b => b.verified === true && !failing.has(b.boardId)).map(b => b.boardId)
  return report.dryRun ? [] : boardIds.filter(id => !failing.has(id))
}
