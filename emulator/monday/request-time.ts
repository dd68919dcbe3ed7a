/**
 * One request's server time: aliased mutations one after another, each taking effect at the end
 * of its own time; a read's time growing with what it returns; monday's 60 s timeout, after which
 * the client gets 504 while the request's mutations keep executing (all, or a seeded number).
 *
 * The timeout is measured on the request's modelled server time, not on the wall clock: the
 * emulator's own CPU time is not monday's time, and at a large time scale (60 s ÷ 600 = 100 ms) a
 * busy test machine would otherwise cut requests that monday would have answered.
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
  /** emulated ms of server time this request has spent so far */
  private spentMs = 0
  private cutNow: () => void = () => undefined
  private readonly cut = new Promise<null>(resolve => (this.cutNow = () => resolve(null)))
  private aliases = 0
  private completed = 0
  /** aliases still to execute after the cut; null while the request runs within the timeout */
  private left: number | null = null
  /** the request got as far as execution (parsed, admitted, charged) */
  executed = false

  constructor(private readonly state: EmulatorState) {}

  /** Execution begins with `fields` root fields. */
  start(fields: string[]): void {
    this.executed = true
    this.aliases = fields.length
  }

  /** Spends one alias's server time; throws when the cut stopped the work before it. */
  async alias(field: string): Promise<void> {
    if (this.left !== null && this.left <= 0) throw new StoppedAfterTimeout()
    await this.spend(this.state.time.aliasMs(field, this.state.timeRandom))
    if (this.left !== null) {
      if (this.left <= 0) throw new StoppedAfterTimeout()
      this.left -= 1
    }
    this.completed += 1
  }

  /** Spends the time a request takes after execution (a read's whole time). */
  async after(request: { mutation: boolean; fields: string[]; items: number; columnValues: number }): Promise<void> {
    await this.spend(this.state.time.afterMs(request, this.state.timeRandom))
  }

  /** Spends the time of a request refused before execution. */
  async refused(): Promise<void> {
    await this.state.sleep(this.state.time.refusedMs(this.state.timeRandom))
  }

  /**
   * Sleeps `ms` of server time. When the request's total passes the timeout, the cut happens at
   * that moment: the client is answered 504, and the remaining aliases are decided (every one with
   * probability `continueAllShare`, otherwise a seeded number of them) while the work goes on.
   */
  private async spend(ms: number): Promise<void> {
    const { timeoutMs } = this.state.time
    if (this.left === null && this.spentMs + ms > timeoutMs) {
      const before = timeoutMs - this.spentMs
      if (before > 0) await this.state.sleep(before)
      this.spentMs = timeoutMs
      const remaining = this.aliases - this.completed
      const { timeRandom } = this.state
      this.left = timeRandom.next() < this.state.time.continueAllShare ? remaining : timeRandom.int(remaining + 1)
      this.cutNow()
      ms -= before
    }
    this.spentMs += ms
    await this.state.sleep(ms)
  }

  /** The execution's result, or a cut at the timeout (the execution then goes on unseen). */
  async race<T>(execution: Promise<T>): Promise<Raced<T>> {
    const finished = execution.then(
      value => ({ ok: true, value }) as const,
      (e: unknown) => ({ ok: true, error: e }) as const
    )
    const winner = await Promise.race([finished, this.cut])
    if (winner === null) return { ok: false, cut: true }
    if ('error' in winner) throw winner.error
    return { ok: true, value: winner.value }
  }
}
