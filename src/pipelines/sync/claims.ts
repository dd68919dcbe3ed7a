/**
 * Claims of a run. A claimed row is in the in-progress state and its error column says which run
 * holds it, from which process, since when: `syncing: run <id> pid <pid>@<host> since <ISO time>`.
 * Another run leaves such a row alone while the claim is live: it may still be on its way to
 * monday, whose aliases take effect one after another, so looking it up now could miss an item
 * that appears a second later and create it twice. A claim can be taken over (reconciled) when
 * its lease has expired, when its run ended (`ended` text) or when its process is gone from this
 * host. Rows in progress without a readable claim (an older version) are reconciled at once.
 */
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'

/**
 * Lease of a claim, in monday milliseconds (divided by the time scale): longer than the longest
 * request the engine allows, 8 attempts of up to the 60 s request timeout [BP] each with a wait of
 * up to 60 s between them (rate-limit `retry_in_seconds`), renewed before every send.
 */
export const DEFAULT_LEASE_MS = 20 * 60_000

const LIVE = /^syncing: run (\S+) pid (\d+)@(\S+) since (\S+)$/

/** The claim of one run, as written to and matched in the error column. */
export class RunClaim {
  /** A LIKE pattern matching every claim of this run (live texts only). */
  readonly pattern: string

  constructor(
    readonly runId: string,
    readonly leaseMs: number,
    readonly pid = process.pid,
    readonly host = hostname().replace(/\s+/g, '-') || 'localhost'
  ) {
    if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new TypeError(`run id "${runId}": letters, digits and - only`)
    this.pattern = `syncing: run ${runId} pid %`
  }

  /** The text of a claim made or renewed at `at` (milliseconds since the epoch). */
  text(at: number): string {
    return `syncing: run ${this.runId} pid ${this.pid}@${this.host} since ${new Date(at).toISOString()}`
  }

  /** What a claim becomes when its run ends with its outcome unknown. */
  ended(at: number): string {
    return `syncing: run ${this.runId} ended at ${new Date(at).toISOString()} before its outcome was known`
  }

  /** True when a row in progress with this claim text may be reconciled by this run now. */
  reclaimable(text: string | null, now: number, alive: (pid: number) => boolean = processAlive): boolean {
    const m = text === null ? null : LIVE.exec(text)
    if (!m) return true
    const [, runId, pid, host, since] = m
    if (runId === this.runId) return false
    const at = Date.parse(since ?? '')
    if (Number.isNaN(at) || now - at > this.leaseMs) return true
    return host === this.host && Number(pid) !== this.pid && !alive(Number(pid))
  }
}

/**
 * Whether a process of this host is still running. On Linux a zombie (killed, not yet reaped by
 * its parent) counts as ended; elsewhere signal 0 tells.
 */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return false
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
