import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { redact } from '../../redaction.js'
import { ArtifactUploadError } from './errors.js'

/** One file of an artifact; `path` is relative to the artifact's root. */
export interface ArtifactFile {
  path: string
  content: string
}

/** Where an artifact landed. */
export interface StoredArtifact {
  name: string
  /** The artifact id (workflow artifacts); null for a local folder. */
  id: number | null
  /** Bytes stored (the zip for workflow artifacts). */
  size: number
  /** A folder path or a URL a person can open. */
  location: string
}

/** Stores named artifacts; a name can be stored once. */
export interface ArtifactStore {
  upload(options: { name: string; files: readonly ArtifactFile[] }): Promise<StoredArtifact>
  /** Deletes an artifact this store uploaded (older checkpoints); optional. */
  delete?(name: string): Promise<void>
}

/** Checks a relative file path stays inside its artifact. */
export function safeRelative(path: string): string {
  if (!path || path.startsWith('/') || path.split(/[\\/]/).includes('..')) {
    throw new TypeError(`artifact file path must be relative and inside the artifact: ${path}`)
  }
  return path
}

/** Writes the files under `root/<name>/`, as the workflow artifact would contain them. */
export function writeArtifactFiles(root: string, name: string, files: readonly ArtifactFile[]): string[] {
  const folder = join(root, name)
  return files.map(file => {
    const target = join(folder, safeRelative(file.path))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, redact(file.content))
    return target
  })
}

/** Options of LocalArtifactStore. */
export interface LocalArtifactStoreOptions {
  /** Folder holding one sub-folder per artifact. */
  root: string
}

/** Artifacts as folders under a root (the CLI's store); a name already stored is refused. */
export class LocalArtifactStore implements ArtifactStore {
  readonly root: string

  constructor(options: LocalArtifactStoreOptions) {
    this.root = resolve(options.root)
  }

  // async: a refused name or path rejects instead of throwing
  async upload(options: { name: string; files: readonly ArtifactFile[] }): Promise<StoredArtifact> {
    const folder = join(this.root, options.name)
    if (existsSync(folder)) throw new ArtifactUploadError(`artifact ${options.name} already exists`, options.name)
    const written = writeArtifactFiles(this.root, options.name, options.files)
    const size = written.reduce((n, file) => n + statSync(file).size, 0)
    return { name: options.name, id: null, size, location: folder }
  }

  async delete(name: string): Promise<void> {
    rmSync(join(this.root, safeRelative(name)), { recursive: true, force: true })
  }
}
