/** Named errors of the GitHub adapters. Each sets `name`, wraps its cause and has a type guard. */

/** An artifact could not be uploaded (the name was taken, the service refused, the network failed). */
export class ArtifactUploadError extends Error {
  override name = 'ArtifactUploadError'
  constructor(
    message: string,
    readonly artifactName: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}
export const isArtifactUploadError = (e: unknown): e is ArtifactUploadError => e instanceof ArtifactUploadError

/** A checkpoint was found but cannot be used (unreadable, another pipeline's). */
export class CheckpointLookupError extends Error {
  override name = 'CheckpointLookupError'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }
}
export const isCheckpointLookupError = (e: unknown): e is CheckpointLookupError => e instanceof CheckpointLookupError

/** The HTTP status of an Octokit (or artifact client) error, when it has one. */
export function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}
