/** Artifact names: unique per attempt and sequence, since a name cannot be uploaded twice in one run. */
export const ARTIFACT_PREFIX = 'monday-sync'

export const artifactNames = {
  taskGraph: (attempt: number): string => `${ARTIFACT_PREFIX}-task-graph-a${attempt}`,
  /** `retry` > 0 names a second upload of the same checkpoint (a failed finalize can keep a name reserved). */
  checkpoint: (attempt: number, sequence: number, retry = 0): string =>
    `${ARTIFACT_PREFIX}-checkpoint-a${attempt}-${sequence}${retry > 0 ? `-r${retry}` : ''}`,
  report: (attempt: number): string => `${ARTIFACT_PREFIX}-report-a${attempt}`,
  replay: (attempt: number): string => `${ARTIFACT_PREFIX}-replay-a${attempt}`
} as const

/** The attempt and sequence a checkpoint artifact's name carries; null for any other name. */
export function parseCheckpointName(name: string): { attempt: number; sequence: number } | null {
  const match = new RegExp(`^${ARTIFACT_PREFIX}-checkpoint-a(\\d+)-(\\d+)(?:-r\\d+)?$`).exec(name)
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
  options: { beforeAttempt?: number } = {}
): CheckpointArtifact | null {
  let best: CheckpointArtifact | null = null
  for (const artifact of artifacts) {
    const parsed = parseCheckpointName(artifact.name)
    if (!parsed || parsed.attempt >= (options.beforeAttempt ?? Infinity)) continue
    const newer =
      !best || parsed.attempt > best.attempt || (parsed.attempt === best.attempt && parsed.sequence > best.sequence)
    if (newer) best = { id: artifact.id, name: artifact.name, ...parsed }
  }
  return best
}
