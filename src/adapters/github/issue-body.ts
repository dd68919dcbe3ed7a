import { createHash } from 'node:crypto'
import type { ErrorClass, FailedBatch } from '../../engine/run-types.js'
import { escapeHtml, fence } from './html.js'

/** GitHub's limit on an issue or comment body, in characters. */
export const ISSUE_BODY_LIMIT = 65_536

/** The pipeline a failure comes from: sync's and load-board's issues never close each other. */
export type FailurePipeline = 'sync' | 'load-board'

/** The failures of one fingerprint (pipeline, board, operation, error class), merged. */
export interface FailureGroup extends FailedBatch {
  fingerprint: string
  pipeline: FailurePipeline
}

const MARKER = 'monday-sync-failure'
/** What a marker starts with, followed by the fingerprint (for search). */
export const MARKER_PREFIX = `${MARKER}:`
const safe = (value: string): string => value.replace(/[^\w.:-]/g, '_')

/** A stable id of (pipeline, board, operation, error class). */
export function fingerprintOf(
  failure: Pick<FailedBatch, 'boardId' | 'operation' | 'errorClass'>,
  pipeline: FailurePipeline
): string {
  const key = `${pipeline}\n${failure.boardId}\n${failure.operation}\n${failure.errorClass}`
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}

/** Merges failed batches by fingerprint, keeping each row key once. */
export function groupFailures(failures: readonly FailedBatch[], pipeline: FailurePipeline): FailureGroup[] {
  const groups = new Map<string, FailureGroup>()
  for (const failure of failures) {
    const fingerprint = fingerprintOf(failure, pipeline)
    const group = groups.get(fingerprint)
    if (group) {
      group.rowKeys.push(...failure.rowKeys.filter(k => !group.rowKeys.includes(k)))
      group.attempts = Math.max(group.attempts, failure.attempts)
      continue
    }
    const { boardId, operation, errorClass, message, attempts } = failure
    groups.set(fingerprint, {
      fingerprint,
      pipeline,
      boardId,
      operation,
      errorClass,
      message,
      attempts,
      rowKeys: [...new Set(failure.rowKeys)]
    })
  }
  return [...groups.values()]
}

/** The hidden marker an issue is found again by. */
export function markerOf(
  group: Pick<FailureGroup, 'fingerprint' | 'pipeline' | 'boardId' | 'operation' | 'errorClass'>
): string {
  const fields = `board=${safe(group.boardId)} operation=${safe(group.operation)} class=${safe(group.errorClass)}`
  return `<!-- ${MARKER}:${group.fingerprint} ${fields} pipeline=${group.pipeline} -->`
}

/** What a body's marker says; null when the body has none. */
export interface ParsedMarker {
  fingerprint: string
  boardId: string
  operation: string
  pipeline: FailurePipeline
}

/**
 * The fingerprint, board, operation and pipeline of a body's marker; null when the body has none.
 * Markers written before the pipeline was recorded name sync by its create_* operations.
 */
export function parseMarker(body: string): ParsedMarker | null {
  const match = new RegExp(
    `<!-- ${MARKER}:([0-9a-f]{16}) board=(\\S*) operation=(\\S*)[^>]*?(?: pipeline=(\\S+))? -->`
  ).exec(body)
  if (!match) return null
  const operation = match[3]!
  const pipeline = (match[4] ?? (operation.startsWith('create_') ? 'sync' : 'load-board')) as FailurePipeline
  return { fingerprint: match[1]!, boardId: match[2]!, operation, pipeline }
}

/** The heading above an issue body's failed row keys. */
const KEYS_HEADING = '### Failed rows (keys only)'

/** The fenced blocks of a Markdown text, in order. */
function fencedBlocks(text: string): string[][] {
  const blocks: string[][] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*$/.exec(lines[i]!)
    if (!open) continue
    const block: string[] = []
    for (i++; i < lines.length && lines[i] !== open[1]; i++) block.push(lines[i]!)
    blocks.push(block)
  }
  return blocks
}

/**
 * The row keys an issue lists: under the body's keys heading, and in each "Failed again" comment
 * (its second fenced block; the first is the error). Lists cut to fit GitHub's limit name only the
 * first keys; the rest are in the replay artifact.
 */
export function listedKeys(body: string, comments: readonly string[] = []): string[] {
  const at = body.indexOf(KEYS_HEADING)
  const keys = at < 0 ? [] : (fencedBlocks(body.slice(at))[0] ?? [])
  for (const comment of comments.filter(c => c.startsWith('Failed again')))
    keys.push(...(fencedBlocks(comment)[1] ?? []))
  return [...new Set(keys.filter(Boolean))]
}

export function issueTitle(group: FailureGroup): string {
  return `monday-sync: ${group.operation} failed on board ${group.boardId} (${group.errorClass})`
}

const HINTS: Partial<Record<ErrorClass, string>> = {
  auth: 'Check that the monday token is valid and its user can reach the board.',
  validation: 'Check the listed rows against the board: column ids, types and values monday refuses.',
  not_found: 'The board or item no longer exists, or the token cannot see it; check the board id.',
  rate_limit: 'monday throttled the run; lower `concurrency` or `batch-size`, or run outside busy hours.',
  complexity: 'The complexity budget ran out; lower `batch-size` or `concurrency`.',
  daily_limit: 'The account reached its daily call limit; re-run after the reset.',
  locked: 'The board was locked by another change; re-run when it is free.'
}

/** What the issue and comment bodies say about the run. */
export interface RunLinks {
  runUrl: string
  runId: number
  attempt: number
  replayArtifact?: string
}

function runLink(run: RunLinks): string {
  return `[run ${run.runId}, attempt ${run.attempt}](${run.runUrl})`
}

/** Renders a body, showing fewer row keys (then a shorter message) until it fits `limit`. */
function fit(render: (keys: number, messageChars: number) => string, total: number, limit: number): string {
  for (const messageChars of [4000, 500]) {
    for (const keys of [total, 2000, 500, 100, 20, 0]) {
      if (keys > total) continue
      const body = render(keys, messageChars)
      if (body.length <= limit) return body
    }
  }
  const note = '\n\n…(cut to fit GitHub’s size limit)'
  return render(0, 200).slice(0, limit - note.length) + note
}

function keyList(group: FailureGroup, shown: number): string {
  const keys = group.rowKeys.slice(0, shown).map(k => k.replace(/[\r\n]/g, ' '))
  const more = group.rowKeys.length - keys.length
  const rest = more > 0 ? `\n…and ${more} more (every key is in the replay artifact).` : ''
  return (keys.length > 0 ? fence(keys.join('\n')) : '') + rest
}

/** The body of a new issue: marker, table, error, failed row keys (keys only), how to re-run. */
export function issueBody(group: FailureGroup, run: RunLinks, limit = ISSUE_BODY_LIMIT): string {
  const replay = run.replayArtifact ? `\`${escapeHtml(run.replayArtifact)}\`` : '(not uploaded)'
  const hint = HINTS[group.errorClass] ?? 'Look at the error below; the replay artifact holds the batches and settings.'
  return fit(
    (keys, chars) =>
      [
        markerOf(group),
        `## monday-sync: ${escapeHtml(group.operation)} failed on board ${escapeHtml(group.boardId)}`,
        '',
        '| | |',
        '|---|---|',
        `| Board | ${escapeHtml(group.boardId)} |`,
        `| Operation | ${escapeHtml(group.operation)} |`,
        `| Error class | ${escapeHtml(group.errorClass)} |`,
        `| Rows | ${group.rowKeys.length} |`,
        `| Attempts | ${group.attempts} |`,
        `| Run | ${runLink(run)} |`,
        `| Replay artifact | ${replay} |`,
        '',
        '### Error',
        fence(group.message.slice(0, chars)),
        '',
        KEYS_HEADING,
        keyList(group, keys),
        '',
        '### How to re-run',
        `- ${hint}`,
        '- Then use **Re-run failed jobs** on the run: it resumes from the last checkpoint and retries only what is left.',
        '- Or start the workflow with the input `resume-from` set to this run id.',
        '',
        group.pipeline === 'sync'
          ? 'This issue is closed automatically once every row listed here is SYNCED (fix the rows, set them back to a pending state, run again).'
          : 'This issue is closed automatically when a later run loads this board without this failure.'
      ].join('\n'),
    group.rowKeys.length,
    limit
  )
}

/** The comment a re-run that failed the same way leaves on the open issue. */
export function failedAgainComment(group: FailureGroup, run: RunLinks, limit = ISSUE_BODY_LIMIT): string {
  return fit(
    (keys, chars) =>
      [
        `Failed again in ${runLink(run)}: ${group.rowKeys.length} row(s)` +
          (run.replayArtifact ? `, replay artifact \`${escapeHtml(run.replayArtifact)}\`.` : '.'),
        '',
        fence(group.message.slice(0, chars)),
        '',
        keyList(group, keys)
      ].join('\n'),
    group.rowKeys.length,
    limit
  )
}

export function resolvedComment(run: RunLinks, pipeline: FailurePipeline): string {
  return pipeline === 'sync'
    ? `The rows of this failure were synced by ${runLink(run)}: every row listed here is SYNCED now. Closing.`
    : `The board was loaded without this failure by ${runLink(run)}. Closing.`
}
