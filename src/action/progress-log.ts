import { inFlightShort } from '../engine/control-text.js'
import type { Progress } from '../engine/run-types.js'

/** Options of progressLogger. */
export interface ProgressLoggerOptions {
  /** Writes one line. */
  write: (line: string) => void
  /** Milliseconds between lines; default 10 000. */
  intervalMs?: number
  now?: () => number
}

/** One progress line per interval, never one per item. */
export function progressLogger(options: ProgressLoggerOptions): (progress: Progress) => void {
  const interval = options.intervalMs ?? 10_000
  const now = options.now ?? Date.now
  let last = -Infinity
  let finished = false
  return progress => {
    const at = now()
    const done = progress.total > 0 && progress.done >= progress.total
    if (at - last < interval && (finished || !done)) return
    last = at
    finished = done
    const eta = progress.etaMs === null ? '?' : `${Math.round(progress.etaMs / 1000)} s`
    const failed = progress.failed > 0 ? `, ${progress.failed} failed` : ''
    const inFlight = progress.inFlight ? `, ${inFlightShort(progress.inFlight)}` : ''
    options.write(
      `${progress.done}/${progress.total} items${failed}, ${progress.itemsPerSecond.toFixed(1)} items/s, eta ${eta}${inFlight}`
    )
  }
}
