/** Signals the runner sends a step it cancels: SIGINT, then SIGTERM 7 500 ms later, then a kill 2 500 ms after that. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const
export type StopSignal = (typeof STOP_SIGNALS)[number]

/**
 * Milliseconds the stop work may take before the process exits anyway: inside the runner's 10 000
 * (7 500 after SIGINT, then 2 500 after SIGTERM, then the kill), with a second to spare.
 */
export const STOP_GRACE_MS = 9_000

/** Options of onStopSignal. */
export interface StopSignalOptions {
  /** Runs once, on the first signal: upload the last checkpoint, write the summary. */
  onStop: (signal: StopSignal) => Promise<void>
  /** Ends the process (process.exit in the action). */
  exit: (code: number) => void
  /** Milliseconds `onStop` may take; default STOP_GRACE_MS. */
  graceMs?: number
  /** Where signals come from; default the process. */
  emitter?: Pick<NodeJS.Process, 'on' | 'off'>
  /** Told when `onStop` failed or ran out of time. */
  warn?: (message: string) => void
}

/**
 * On the first SIGINT or SIGTERM (GitHub's cancel and timeout, see "Workflow cancellation
 * reference"), runs `onStop` within the grace period and exits with 1. The runner's SIGTERM that
 * follows a SIGINT does not cut the stop work short (the kill only comes 2 500 ms after it).
 * Returns a function that removes the handlers.
 */
export function onStopSignal(options: StopSignalOptions): () => void {
  const emitter = options.emitter ?? process
  let stopping = false
  const handle = (signal: StopSignal): void => {
    if (stopping) {
      options.warn?.(`${signal} while stopping: still uploading the last checkpoint`)
      return
    }
    stopping = true
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>(resolve => {
      timer = setTimeout(() => {
        options.warn?.(`the stop work did not finish within ${options.graceMs ?? STOP_GRACE_MS} ms`)
        resolve()
      }, options.graceMs ?? STOP_GRACE_MS)
    })
    const work = options.onStop(signal).catch((e: unknown) => {
      options.warn?.(`stopping failed: ${e instanceof Error ? e.message : String(e)}`)
    })
    void Promise.race([work, grace]).then(() => {
      clearTimeout(timer)
      options.exit(1)
    })
  }
  const listeners = STOP_SIGNALS.map(signal => [signal, () => handle(signal)] as const)
  for (const [signal, listener] of listeners) emitter.on(signal, listener)
  return () => {
    for (const [signal, listener] of listeners) emitter.off(signal, listener)
  }
}
