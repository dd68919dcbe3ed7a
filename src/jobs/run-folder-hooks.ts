import type { PipelineHooks, Progress } from '../engine/run-types.js'
import type { RunDirectory } from '../pipelines/load-board/run-dir.js'
import type { JobOutput } from './output.js'

/** Milliseconds between two progress lines of a job's output. */
const PROGRESS_LINE_MS = 1000

/** What a job's hooks write and whom they forward to. */
export interface RunFolderHooksOptions {
  runDir: RunDirectory
  output: JobOutput
  /** The caller's hooks, called after the run folder is written (the action uploads artifacts here). */
  extra: Partial<PipelineHooks>
  /** One progress line, ending in a newline. */
  progressLine: (progress: Progress) => string
}

/**
 * A job's hooks: task graph and checkpoints land in the run folder, warnings and errors on stderr,
 * a progress line at most once a second (and always the last one), then the caller's hooks.
 */
export function runFolderHooks(options: RunFolderHooksOptions): PipelineHooks {
  const { runDir, output, extra } = options
  let lastProgress = 0
  return {
    onTaskGraph: async graph => {
      runDir.write('task-graph.json', graph)
      await extra.onTaskGraph?.(graph)
    },
    onCheckpoint: async checkpoint => {
      runDir.write('checkpoint.json', checkpoint)
      await extra.onCheckpoint?.(checkpoint)
    },
    onLog: (level, message) => {
      if (level !== 'debug') output.stderr(`${level}: ${message}\n`)
      extra.onLog?.(level, message)
    },
    onProgress: progress => {
      extra.onProgress?.(progress)
      const now = Date.now()
      if (now - lastProgress < PROGRESS_LINE_MS && progress.done < progress.total) return
      lastProgress = now
      output.stdout(options.progressLine(progress))
    }
  }
}

/** `eta 12s`, or `eta ?` before the first estimate. */
export function etaText(progress: Progress): string {
  return progress.etaMs === null ? '?' : `${Math.round(progress.etaMs / 1000)}s`
}
