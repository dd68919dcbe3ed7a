import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from '../../errors.js'
import { secrets } from '../../redaction.js'
import type { Checkpoint } from '../../engine/run-types.js'
import { parseLoadBoardState } from './state.js'

/** The folder of one run's artifacts: task-graph.json, checkpoint.json, report.json. */
export class RunDirectory {
  constructor(readonly path: string) {
    mkdirSync(path, { recursive: true })
  }

  /** Writes JSON atomically (a kill mid-write leaves the previous file whole). */
  write(name: string, value: unknown): void {
    const file = join(this.path, name)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(secrets.redactValue(value), null, 2))
    renameSync(tmp, file)
  }

  get checkpointFile(): string {
    return join(this.path, 'checkpoint.json')
  }
}

/**
 * The checkpoint to resume from: `--resume-from` (a checkpoint file or a run folder), else the
 * run folder's own checkpoint when some board in it is not finished. Null for a fresh load.
 */
export function findResumeCheckpoint(runDir: RunDirectory, resumeFrom?: string): Checkpoint | null {
  let file = runDir.checkpointFile
  if (resumeFrom) {
    file =
      existsSync(resumeFrom) && statSync(resumeFrom).isDirectory() ? join(resumeFrom, 'checkpoint.json') : resumeFrom
    if (!existsSync(file)) throw new ConfigError(`--resume-from: no checkpoint at ${file}`, '--resume-from')
  } else if (!existsSync(file)) {
    return null
  }
  let checkpoint: Checkpoint
  try {
    checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint
  } catch (e) {
    throw new ConfigError(`--resume-from: ${file} is not valid JSON`, '--resume-from', { cause: e })
  }
  if (checkpoint.pipeline !== 'load-board') {
    throw new ConfigError(`--resume-from: ${file} is a ${String(checkpoint.pipeline)} checkpoint`, '--resume-from')
  }
  const state = parseLoadBoardState(checkpoint.state, '--resume-from')
  if (!resumeFrom && state.boards.every(b => b.swapped)) return null
  return checkpoint
}
