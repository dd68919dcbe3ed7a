import type { ArtifactClient } from '@actions/artifact'
import { join } from 'node:path'
import { findResumeCheckpoint } from '../adapters/github/checkpoint-lookup.js'
import type { GitHubApi } from '../adapters/github/github-api.js'
import { messageOf } from '../errors.js'
import type { ActionContext } from './context.js'
import type { ActionInputs } from './inputs.js'

/** A checkpoint file to resume from and how to describe it, or nothing. */
export type ResumeChoice = { kind: 'resume'; file: string; description: string } | { kind: 'fresh'; note: string }

/** Options of chooseResume. */
export interface ChooseResumeOptions {
  inputs: ActionInputs
  context: ActionContext
  client: Pick<ArtifactClient, 'listArtifacts' | 'downloadArtifact'>
  api: GitHubApi
  downloadDir: string
  /** The artifacts' scope (job and command, see artifactScope). */
  scope?: string
}

/**
 * Looks up the checkpoint to resume from (see findResumeCheckpoint). A lookup that fails (no
 * `actions: read`, network) is a note, not a failure: the run then starts over, which is safe.
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
      scope: options.scope
    })
    if (!found.found) return { kind: 'fresh', note: `${found.reason}: starting fresh` }
    const { artifact } = found
    return {
      kind: 'resume',
      file: found.file,
      description: `checkpoint ${artifact.sequence} of run ${found.runId} attempt ${artifact.attempt} (${artifact.name})`
    }
  } catch (e) {
    return { kind: 'fresh', note: `could not look up a checkpoint (${messageOf(e)}); starting fresh` }
  }
}
