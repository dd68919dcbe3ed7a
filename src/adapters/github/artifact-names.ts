import { createHash } from 'node:crypto'

/** Artifact names: unique per attempt and sequence, since a name cannot be uploaded twice in one run. */
export const ARTIFACT_PREFIX = 'monday-sync'

/**
 * Longest scope: GitHub refuses artifact names over 256 characters ("name invalid length for
 * artifact name"), and the longest suffix (`-checkpoint-a<attempt>-<sequence>-r<retry>`) stays under 56.
 */
const SCOPE_MAX = 180
const clean = (part: string): string => part.replace(/[^A-Za-z0-9_.-]+/g, '-')
const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8)

/**
 * What a step works on, for its artifact names: the `artifact-scope` input when given, else its
 * boards (up to three by id, more as a count and a hash), else its configuration file's name.
 * Every leg of a matrix shares `GITHUB_JOB`; this part keeps their names (and checkpoints) apart.
 */
export function workScope(options: {
  artifactScope?: string
  boardIds: readonly string[]
  configPath?: string
}): string {
  if (options.artifactScope) return clean(options.artifactScope)
  const boards = [...new Set(options.boardIds)].sort()
  if (boards.length > 3) return `${boards.length}-boards-${shortHash(boards.join(','))}`
  if (boards.length > 0) return boards.join('-')
  const config = options.configPath
    ?.split(/[\\/]/)
    .at(-1)
    ?.replace(/\.[^.]*$/, '')
  return config ? clean(config) : ''
}

/**
 * The scope of one step's artifacts: the job, the command and the work (see workScope), so that two
 * monday-sync steps of one workflow run (sync then load-board, two jobs, or the legs of a matrix)
 * never reuse a name nor resume each other's checkpoint. Empty outside a workflow.
 */
export function artifactScope(job: string | undefined, command: string, work = ''): string {
  const scope = [job, command, work]
    .filter((part): part is string => Boolean(part))
    .map(clean)
    .join('-')
  return scope.length <= SCOPE_MAX ? scope : `${scope.slice(0, SCOPE_MAX - 9)}-${shortHash(scope)}`
}

const prefixOf = (scope: string): string => (scope ? `${ARTIFACT_PREFIX}-${scope}` : ARTIFACT_PREFIX)

/** The names of one scope's artifacts. */
export function artifactNamesFor(scope = '') {
  const prefix = prefixOf(scope)
  return {
    taskGraph: (attempt: number): string => `${prefix}-task-graph-a${attempt}`,
    /** `retry` > 0 names a second upload of the same checkpoint (a failed finalize can keep a name reserved). */
    checkpoint: (attempt: number, sequence: number, retry = 0): string =>
      `${prefix}-checkpoint-a${attempt}-${sequence}${retry > 0 ? `-r${retry}` : ''}`,
    report: (attempt: number): string => `${prefix}-report-a${attempt}`,
    replay: (attempt: number): string => `${prefix}-replay-a${attempt}`
  } as const
}

/** Names without a scope. */
export const artifactNames = artifactNamesFor()

/** The attempt and sequence a checkpoint artifact's name (of `scope`) carries; null for any other name. */
export function parseCheckpointName(name: string, scope = ''): { attempt: number; sequence: number } | null {
  const prefix = prefixOf(scope).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`^${prefix}-checkpoint-a(\\d+)-(\\d+)(?:-r\\d+)?$`).exec(name)
  return match ? { attempt: Number(match[1]), sequence: Number(match[2]) } : null
}

/** A listed checkpoint artifact with its parsed attempt and sequence. */
export interface CheckpointArtifact {
  id: number
  name: string
  attempt: number
  sequence: number
}

/**
 * The newest checkpoint among `artifacts`: highest attempt, then highest sequence. With
 * `beforeAttempt`, only attempts earlier than it count (a re-run never resumes from itself).
 */
export function newestCheckpoint(
  artifacts: readonly { id: number; name: string }[],
  options: { beforeAttempt?: number; scope?: string } = {}
): CheckpointArtifact | null {
  let best: CheckpointArtifact | null = null
  for (const artifact of artifacts) {
    const parsed = parseCheckpointName(artifact.name, options.scope)
    if (!parsed || parsed.attempt >= (options.beforeAttempt ?? Infinity)) continue
    const newer =
      !best || parsed.attempt > best.attempt || (parsed.attempt === best.attempt && parsed.sequence > best.sequence)
    if (newer) best = { id: artifact.id, name: artifact.name, ...parsed }
  }
  return best
}
