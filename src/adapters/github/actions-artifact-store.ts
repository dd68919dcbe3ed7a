import type { ArtifactClient } from '@actions/artifact'
import { join } from 'node:path'
import { messageOf } from '../../errors.js'
import { type ArtifactFile, type ArtifactStore, type StoredArtifact, writeArtifactFiles } from './artifact-store.js'
import { ArtifactUploadError } from './errors.js'

/** Options of ActionsArtifactStore. */
export interface ActionsArtifactStoreOptions {
  /** The artifact client (`new DefaultArtifactClient()` in the action). */
  client: Pick<ArtifactClient, 'uploadArtifact' | 'deleteArtifact'>
  /** Scratch folder the files are written to before upload (e.g. under RUNNER_TEMP). */
  workDir: string
  /** Days GitHub keeps the artifacts; default: the repository's setting. */
  retentionDays?: number
  /** Link shown for an artifact, e.g. the run page; default none. */
  runUrl?: string
}

/** Workflow artifacts through `@actions/artifact`. */
export class ActionsArtifactStore implements ArtifactStore {
  constructor(private readonly options: ActionsArtifactStoreOptions) {}

  async upload(options: { name: string; files: readonly ArtifactFile[] }): Promise<StoredArtifact> {
    const files = writeArtifactFiles(this.options.workDir, options.name, options.files)
    try {
      const result = await this.options.client.uploadArtifact(
        options.name,
        files,
        join(this.options.workDir, options.name),
        {
          ...(this.options.retentionDays ? { retentionDays: this.options.retentionDays } : {}),
          compressionLevel: 6
        }
      )
      const id = result.id ?? null
      const location =
        this.options.runUrl && id !== null
          ? `${this.options.runUrl.replace(/\/attempts\/\d+$/, '')}/artifacts/${id}`
          : options.name
      return { name: options.name, id, size: result.size ?? 0, location }
    } catch (e) {
      throw new ArtifactUploadError(`artifact ${options.name} was not uploaded: ${messageOf(e)}`, options.name, {
        cause: e
      })
    }
  }

  /** Deletes an artifact of this attempt (the results service's DeleteArtifact). */
  async delete(name: string): Promise<void> {
    await this.options.client.deleteArtifact(name)
  }
}
