import type { Clock } from './clock.js'

/** What the server said about one limit after a request: what is left and when it resets. */
export interface WindowReport {
  /** Units (points or requests) left in the account's current window. */
  remaining: number
  /** Milliseconds (already divided by the time scale) until the window resets; unknown when absent. */
  resetInMs?: number
}

export interface PacedWindowOptions {
  /** Units per window (points or requests). */
  limit: number
  /** Window length in milliseconds (already divided by the time scale). */
  windowMs: number
  clock: Clock
  /** Bucket capacity as a fraction of `limit` that may be spent at once; default 0.2. */
  burst?: number
  /** Fraction of `limit` always kept unspent; default 0. */
  margin?: number
  /** Behave as if another job shared the account for the first two windows; default true. */
  assumeShared?: boolean
  /**
   * Milliseconds (clock) within which a request admitted before the one that reported may still
   * have reached monday after it; default 250 (a new TLS connection). Older ones had started, so
   * the report counted them.
   */
  overtakeMs?: number
}

/** A request admitted by the window; settle it when the response arrives. */
export type Ticket = number

type Take = { ok: true; ticket: Ticket } | { ok: false; waitMs: number }

interface Entry {
  seq: number
  at: number
  cost: number
  settled: boolean
}

interface ServerView {
  remaining: number
  resetAt: number | undefined
  at: number
  /**
   * Admission sequence of the request that reported. monday charges a query when it starts
   * (the cost is estimated up front [CPLX]), so `remaining` counts none admitted after it, and
   * those admitted before it unless the reporter overtook them on the way: requests admitted
   * shortly before it (`overtakeMs`) and still unanswered are counted as not yet charged.
   */
  seq: number
  /**
   * Ours admitted shortly before the reporter and still in flight: it may have overtaken them.
   * Counting every earlier request in flight instead left a window's last in-flight × cost points
   * unspent (30% of the budget with 60 subitem requests in flight).
   */
  inFlightBefore: number
  /** Every earlier request of ours still in flight: what detecting other jobs allows for (no false alarm). */
  allInFlightBefore: number
}

/**
 * Hand-written admission for one per-minute limit (complexity points or requests). Two checks:
 *
 * - a hard cap: what is left must cover the request. Without news from the server that is a
 *   sliding window of our own admissions; with news it is the server's `remaining` minus what we
 *   sent that it may not have counted, until the reported reset.
 * - pacing: a token bucket refilled at `remaining / time to reset` (or `limit / window` without
 *   news), so spending is spread over the window. Several jobs on one account each see the
 *   others' spending in `remaining` and slow down together [RL: limits are per account].
 *
 * When `remaining` falls faster than our own requests explain, another job shares the account;
 * for two windows after that, what we have in flight may use at most half of what is left, so
 * two jobs racing for the last points of a window do not both get refused. A new client assumes
 * so from the start, until the reports have explained a tenth of a window of our own spending
 * with nobody else's (holding half back for two whole windows cost a single job most of a short
 * run's budget).
 */
export class PacedWindow {
  private readonly entries: Entry[] = []
  private server: ServerView | undefined
  private tokens: number
  private refilledAt: number
  private seq = 0
  private othersSeenAt: number | undefined
  /**
   * Our part of the account's recent spending (smoothed, 0..1): 1 alone, about 1/4 among four equal
   * jobs. A quarter while sharing is only assumed: jobs starting together do not know how many they are.
   */
  private ourShare = 1
  /** Only assumed so far (no report has shown another job): our spending the reports explained since. */
  private assumedClean: number | undefined

  constructor(private readonly options: PacedWindowOptions) {
    this.tokens = this.capacity
    this.refilledAt = options.clock.now()
    // Until the reports show otherwise, assume another job may be starting at the same moment.
    this.othersSeenAt = options.assumeShared === false ? undefined : this.refilledAt
    if (this.othersSeenAt !== undefined) {
      this.assumedClean = 0
      this.ourShare = 0.25
    }
  }

  get limit(): number {
    return this.options.limit
  }

  /** The window's length, clock milliseconds. */
  get windowMs(): number {
    return this.options.windowMs
  }

  /** Changes the limit (e.g. from a `RateLimit-Policy` header). */
  setLimit(limit: number): void {
    this.options.limit = limit
  }

  /** Another job was seen spending from the same account within the last two windows. */
  contended(now = this.options.clock.now()): boolean {
    return this.othersSeenAt !== undefined && now - this.othersSeenAt < 2 * this.options.windowMs
  }

  /** Our part of the account's recent spending while it is shared, at most a half; 1 alone. */
  share(now = this.options.clock.now()): number {
    return this.contended(now) ? Math.min(0.5, this.ourShare) : 1
  }

  /** Milliseconds to wait before `cost` fits (0: it fits now). Takes nothing. */
  waitFor(cost: number): number {
    const now = this.options.clock.now()
    this.refill(now)
    this.prune(now)
    const contended = this.contended(now)
    const server = this.server && this.isFresh(this.server, now) ? this.server : undefined
    // After a reset nobody knows how the new window is shared: send one request and wait for
    // its report before sending more (only where the server reports at all).
    if (contended && this.server && !server && this.sum(e => !e.settled && this.inWindow(e, now)) > 0) {
      return this.options.windowMs / 10
    }
    const need = Math.min(cost, this.options.limit - this.marginUnits)
    // Sharing the account: keep what we have in flight plus this request within half our share of
    // what the server says is left (the share is an estimate, at most half). Jobs that all do so do
    // not overdraw even when none sees the others' requests in flight: each saw at most the same
    // `remaining`, and the shares add up to about 1.
    const room =
      server && contended ? this.available(now) - server.remaining * (1 - this.share() / 2) : this.available(now)
    if (room < need) return Math.max(1, this.roomWait(now, need))
    const bucketNeed = Math.min(cost, this.capacity)
    if (this.tokens < bucketNeed) return Math.max(1, (bucketNeed - this.tokens) / this.rate(now))
    return 0
  }

  /** Records `cost` as admitted now (call after `waitFor` returned 0). */
  take(cost: number): Ticket {
    this.tokens -= cost
    const ticket = ++this.seq
    this.entries.push({ seq: ticket, at: this.options.clock.now(), cost, settled: false })
    return ticket
  }

  /** Admits `cost` now, or says how long to wait before asking again. */
  tryTake(cost: number): Take {
    const waitMs = this.waitFor(cost)
    return waitMs > 0 ? { ok: false, waitMs } : { ok: true, ticket: this.take(cost) }
  }

  /** Replaces the estimate by the actual cost and takes in the server's report, if any. */
  settle(ticket: Ticket, actualCost: number | undefined, report?: WindowReport): void {
    const now = this.options.clock.now()
    const entry = this.entries.find(e => e.seq === ticket)
    if (entry) {
      if (actualCost !== undefined) {
        this.tokens += entry.cost - actualCost
        entry.cost = actualCost
      }
      entry.settled = true
    }
    if (!report) return
    const previous = this.server && this.isFresh(this.server, now) ? this.server : undefined
    if (previous && previous.seq > ticket) return
    const resetAt = report.resetInMs === undefined ? undefined : now + report.resetInMs
    if (previous) this.detectOthers(previous, ticket, report.remaining, resetAt, now)
    const admittedAt = entry?.at ?? now
    const overtake = this.options.overtakeMs ?? 250
    const inFlightBefore = this.sum(e => e.seq < ticket && !e.settled && e.at > admittedAt - overtake)
    const allInFlightBefore = this.sum(e => e.seq < ticket && !e.settled)
    this.server = { remaining: report.remaining, resetAt, at: now, seq: ticket, inFlightBefore, allInFlightBefore }
  }

  /** Units that may still be admitted now under the hard cap. */
  available(now = this.options.clock.now()): number {
    const server = this.server
    if (server && this.isFresh(server, now)) {
      return server.remaining - server.inFlightBefore - this.sum(e => e.seq > server.seq) - this.marginUnits
    }
    const since = this.resetSince(now)
    if (since !== undefined) return this.options.limit - this.sum(e => e.at >= since) - this.marginUnits
    return this.options.limit - this.used() - this.marginUnits
  }

  /**
   * The server's window reset at the time it reported and no report of the new one came yet: the
   * new window holds what we admitted since (and shortly before: not started by then). A sliding
   * window of our own admissions would still count the whole last window and hold every request
   * until the first one admitted after the reset answered.
   */
  private resetSince(now: number): number | undefined {
    const resetAt = this.server?.resetAt
    if (resetAt === undefined || now < resetAt || now >= resetAt + this.options.windowMs) return undefined
    return resetAt - (this.options.overtakeMs ?? 250)
  }

  /** Units admitted in the current sliding window. */
  used(): number {
    const now = this.options.clock.now()
    this.prune(now)
    return this.sum(e => this.inWindow(e, now))
  }

  /** Units per millisecond the bucket refills at. */
  rate(now = this.options.clock.now()): number {
    const server = this.server
    const even = this.options.limit / this.options.windowMs
    if (!server || !this.isFresh(server, now) || server.resetAt === undefined) return even
    const left = Math.max(0, this.available(now) + this.marginUnits)
    return Math.max(even / 100, left / Math.max(1, server.resetAt - now))
  }

  private detectOthers(
    previous: ServerView,
    ticket: Ticket,
    remaining: number,
    resetAt: number | undefined,
    now: number
  ): void {
    const sameWindow =
      previous.resetAt === undefined ||
      resetAt === undefined ||
      Math.abs(previous.resetAt - resetAt) <= this.options.windowMs / 4
    if (!sameWindow) return
    const ours = this.sum(e => e.seq > previous.seq && e.seq <= ticket)
    // Only what none of our requests can explain counts: no false alarm from reordering.
    const others = previous.remaining - remaining - ours - previous.allInFlightBefore
    if (ours + Math.max(0, others) > 0) this.ourShare += 0.2 * (ours / (ours + Math.max(0, others)) - this.ourShare)
    if (others > this.options.limit * 0.005) {
      this.othersSeenAt = now
      this.assumedClean = undefined
    } else if (this.assumedClean !== undefined) {
      // The assumption ends once the reports have explained a tenth of a window of our own
      // spending with nobody else's: a job starting with us would have shown by then.
      this.assumedClean += ours
      if (this.assumedClean >= this.options.limit * 0.1) {
        this.othersSeenAt = this.assumedClean = undefined
      }
    }
  }

  private sum(filter: (e: Entry) => boolean): number {
    let total = 0
    for (const e of this.entries) if (filter(e)) total += e.cost
    return total
  }

  private get capacity(): number {
    return this.options.limit * (this.options.burst ?? 0.2)
  }

  private get marginUnits(): number {
    return this.options.limit * (this.options.margin ?? 0)
  }

  private isFresh(server: ServerView, now: number): boolean {
    return server.resetAt !== undefined ? now < server.resetAt : now - server.at < this.options.windowMs
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.rate(now) * (now - this.refilledAt))
    this.refilledAt = now
  }

  private inWindow(e: Entry, now: number): boolean {
    return e.at > now - this.options.windowMs
  }

  private prune(now: number): void {
    // Requests still in flight stay a while longer: their reports are matched against them.
    const old = now - this.options.windowMs
    const ancient = now - 3 * this.options.windowMs
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]
      if (e && e.at <= old && (e.settled || e.at <= ancient)) this.entries.splice(i, 1)
    }
  }

  private roomWait(now: number, need: number): number {
    const server = this.server
    if (server && this.isFresh(server, now)) {
      return server.resetAt !== undefined ? server.resetAt - now : server.at + this.options.windowMs - now
    }
    const since = this.resetSince(now)
    if (since !== undefined && server?.resetAt !== undefined) return server.resetAt + this.options.windowMs - now
    let freed = this.available(now)
    for (const e of this.entries) {
      if (!this.inWindow(e, now)) continue
      freed += e.cost
      if (freed >= need) return e.at + this.options.windowMs - now
    }
    return this.options.windowMs
  }
}
