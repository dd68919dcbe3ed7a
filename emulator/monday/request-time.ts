/**
 * One request's server time: aliased mutations one after another, each taking effect at the end
 * of its own time; a read's time growing with what it returns; monday's 60 s timeout, after which
 * the client gets 504 while the request's mutations keep executing (all, or a seeded number).
 */
import { MondayApplicationError } from './errors.js'
import type { EmulatorState } from './state.js'

/** What the server reports for an alias the cut stopped (nobody sees it: the client got 504). */
class StoppedAfterTimeout extends MondayApplicationError {
  constructor() {
    super('The request timed out and its execution stopped', 'INTERNAL_SERVER_ERROR', {}, 500)
  }
}

export type Raced<T> = { ok: true; value: T } | { ok: false; cut: true }

export class RequestTime {
  private readonly done = new AbortController()
  private readonly deadline: Promise<boolean>
  private aliases = 0
  private completed = 0
  /** aliases still to execute after the cut; null while the request runs within the timeout */
  private left: number | null = null
  /** the request got as far as execution (parsed, admitted, charged) */
  executed = false

  constructor(private readonly state: EmulatorState) {
    this.deadline = state.sleep(state.time.timeoutMs, this.done.signal).then(
      () => true,
      () => false
    )
  }

  /** Execution begins with `fields` root fields. */
  start(fields: string[]): void {
    this.executed = true
    this.aliases = fields.length
  }

  /** Spends one alias's server time; throws when the cut stopped the work before it. */
  async alias(field: string): Promise<void> {
    if (this.left !== null && this.left <= 0) throw new StoppedAfterTimeout()
    await this.state.sleep(this.state.time.aliasMs(field, this.state.timeRandom))
    if (this.left !== null) {
      if (this.left <= 0) throw new StoppedAfterTimeout()
      this.left -= 1
    }
    this.completed += 1
  }

  /** Spends the time a request takes after execution (a read's whole time). */
  async after(request: { mutation: boolean; fields: string[]; items: number; columnValues: number }): Promise<void> {
    await this.state.sleep(this.state.time.afterMs(request, this.state.timeRandom))
  }

  /** Spends the time of a request refused before execution. */
  async refused(): Promise<void> {
    await this.state.sleep(this.state.time.refusedMs(this.state.timeRandom))
  }

  /**
   * The execution's result, or a cut at the timeout. After a cut the execution goes on: every
   * remaining alias with probability `continueAllShare`, otherwise a seeded number of them.
   */
  async race<T>(execution: Promise<T>): Promise<Raced<T>> {
    const finished = execution.then(
      value => ({ ok: true, value }) as const,
      (e: unknown) => ({ ok: true, error: e }) as const
    )
    const winner = await Promise.race([finished, this.deadline.then(cut => (cut ? null : finished))])
    if (winner === null) {
      const remaining = this.aliases - this.completed
      const { timeRandom } = this.state
      this.left = timeRandom.next() < this.state.time.continueAllShare ? remaining : timeRandom.int(remaining + 1)
      void finished
      return { ok: false, cut: true }
    }
    this.done.abort()
    if ('error' in winner) throw winner.error
    return { ok: true, value: winner.value }
  }
}
