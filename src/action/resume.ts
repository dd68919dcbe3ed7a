import type { ArtifactClient } from '@actions/artifact'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findResumeCheckpoint } from '../adapters/github/checkpoint-lookup.js'
import type { GitHubApi } from '../adapters/github/github-api.js'
import type { Checkpoint } from '../engine/run-types.js'
import { messageOf } from '../errors.js'
import { type LoadBoardState, parseLoadBoardState } from '../pipelines/load-board/state.js'
import type { ActionContext } from './context.js'
import type { ActionInputs } from './inputs.js'

/** A checkpoint file to resume from and how to describe it, or nothing and why. */
export type ResumeChoice = { kind: 'resume'; file: string; description: string } | { kind: 'fresh'; note: string }

/** Options of chooseResume. */
export interface ChooseResumeOptions {
  inputs: ActionInputs
  context: ActionContext
  client: Pick<ArtifactClient, 'downloadArtifact'>
  api: GitHubApi
  downloadDir: string
  /** The artifacts' scope (job, command and work, see artifactScope). */
  scope?: string
  /** Told what the lookup skipped (expired artifacts). */
  note?: (message: string) => void
}

function loadBoardState(checkpoint: Checkpoint): LoadBoardState | null {
  try {
    return parseLoadBoardState(checkpoint.state)
  } catch {
    return null
  }
}

/** Nothing is left to do when every board of the checkpoint was swapped into its target table. */
export function finishedCheckpoint(checkpoint: Checkpoint): boolean {
  const state = loadBoardState(checkpoint)
  return state !== null && state.boards.length > 0 && state.boards.every(b => b.swapped)
}

/**
 * Looks up the checkpoint to resume from (see findResumeCheckpoint). Another run's checkpoint
 * resumes only its unfinished boards: the boards that run finished load again, so a new run never
 * keeps an older run's rows. A lookup that fails (no `actions: read`, network) is a note, not a
 * failure: the run then starts over, which is safe.
 */
export async function chooseResume(options: ChooseResumeOptions): Promise<ResumeChoice> {
  const { inputs, context } = options
  if (inputs.resumeFrom === 'none') return { kind: 'fresh', note: 'resume-from is none: starting fresh' }
  if (inputs.command === 'sync') {
    return { kind: 'fresh', note: 'sync resumes from the database (rows not yet SYNCED are picked up)' }
  }
  if (!inputs.githubToken || context.runId === 0)
    return { kind: 'fresh', note: 'not in a workflow run: starting fresh' }
  try {
    const found = await findResumeCheckpoint({
      resumeFrom: inputs.resumeFrom,
      pipeline: inputs.command,
      context,
      token: inputs.githubToken,
      client: options.client,
      api: options.api,
      downloadDir: join(options.downloadDir, 'resume'),
      scope: options.scope,
      finished: finishedCheckpoint,
      maxAgeHours: inputs.resumeMaxAgeHours,
      note: options.note
    })
    if (!found.found) return { kind: 'fresh', note: `${found.reason}: starting fresh` }
    const { artifact } = found
    const what = `checkpoint ${artifact.sequence} of run ${found.runId} attempt ${artifact.attempt} (${artifact.name})`
    if (found.sameRun) return { kind: 'resume', file: found.file, description: `${what}, because ${found.why}` }
    const trimmed = unfinishedBoardsOnly(found.checkpoint, found.file)
    return { kind: 'resume', file: trimmed.file, description: `${what}, because ${found.why}${trimmed.note}` }
  } catch (e) {
    return { kind: 'fresh', note: `could not look up a checkpoint (${messageOf(e)}); starting fresh` }
  }
}

/** Another run's checkpoint without the boards that run finished (they load again). */
function unfinishedBoardsOnly(checkpoint: Checkpoint, file: string): { file: string; note: string } {
  const state = loadBoardState(checkpoint)
  const done = state?.boards.filter(b => b.swapped).map(b => b.boardId) ?? []
  if (!state || done.length === 0) return { file, note: '' }
  const trimmed = { ...checkpoint, state: { ...state, boards: state.boards.filter(b => !b.swapped) } }
  const out = file.replace(/\.json$/, '.unfinished.json')
  writeFileSync(out, JSON.stringify(trimmed))
  return { file: out, note: `; board(s) ${done.join(', ')} finished in that run and load again` }
}
