import type { Clock } from './clock.js'

/** What the server said about one limit after a request: what is left and when it resets. */
export interface WindowReport {
  /** Units (points or requests) left in the account's current window. */
  remaining: number
  /** Milliseconds (already divided by the time scale) until the window resets; unknown when absent. */
  resetInMs?: number
  /**
   * When the server took the figures: `request` (default) when it charged the request that reports
   * (monday's `complexity` field is computed as the query starts [CPLX]), `response` when it answered
   * (the `RateLimit` header). A request runs for seconds (a batch of creates for tens of seconds), so
   * the two differ: what `remaining` counts of ours, and when the reset is.
   */
  asOf?: 'request' | 'response'
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
  /** Behave as if another job shared the account until the reports show otherwise; default true. */
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
  /** When its answer came (clock); unset while in flight. */
  settledAt?: number
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
}

/** Spending nobody of ours explains, as a fraction of the limit, that counts as another job's. */
const OTHERS_THRESHOLD = 0.02
/** The most of a shared account's budget a job counts as its own (its share is an estimate). */
const MAX_SHARE = 0.5
/**
 * Added to a job's measured part of a shared account's spending when it paces and sizes its in-flight
 * level. Pacing at exactly the measured part keeps whatever split the jobs happen to have: any split
 * is a fixed point, so noise drifts it, and four equal jobs finished up to 160 emulated seconds
 * apart, the last alone at half speed (84% of the bound). With the same addition for every job, a
 * job's next part is (s + b) / (1 + n b): the split contracts towards even. The parts then add up to
 * more than 1; pacing at a part of what is left over the time to the reset still ends the window at
 * its reset (spending just comes a little earlier), and the room rule (in flight within half the
 * part) adds up to 0.5 + n b / 2. Four jobs: 92% of the bound, no request refused.
 */
const FAIR_BOOST = 0.1

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
 * When the window has spent more than our requests explain, another job shares the account; for a
 * window after that we pace at our share of what is left, and what we have in flight may use at
 * most half that share, so jobs racing for the last points of a window do not both get refused. A
 * new client assumes so from the start, until a report shows 30% of a window spent, or one taken
 * half a window after the start shows nobody else.
 */
export class PacedWindow {
  private readonly entries: Entry[] = []
  private server: ServerView | undefined
  private tokens: number
  private refilledAt: number
  private seq = 0
  private othersSeenAt: number | undefined
  private readonly startedAt: number
  /**
   * Our part of the account's recent spending (smoothed, 0..1): 1 alone, about 1/4 among four equal
   * jobs. A quarter while sharing is only assumed: jobs starting together do not know how many they are.
   */
  private ourShare = 1
  /** Sharing is only assumed so far: no report has shown another job, nor enough of our own spending. */
  private assumed = false

  constructor(private readonly options: PacedWindowOptions) {
    this.tokens = this.capacity
    this.refilledAt = this.startedAt = options.clock.now()
    // Until the reports show otherwise, assume another job may be starting at the same moment.
    this.assumed = options.assumeShared !== false
    if (this.assumed) this.ourShare = 0.25
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

  /**
   * Sharing is assumed (a new client), or another job was seen spending from the same account within
   * the last window.
   */
  contended(now = this.options.clock.now()): boolean {
    return this.assumed || (this.othersSeenAt !== undefined && now - this.othersSeenAt < this.options.windowMs)
  }

  /**
   * The part of the budget we pace at while the account is shared: our part of its recent spending
   * plus `FAIR_BOOST`, at most a half (an estimate); 1 alone.
   */
  share(now = this.options.clock.now()): number {
    return this.contended(now) ? Math.min(MAX_SHARE, this.ourShare + FAIR_BOOST) : 1
  }

  /** Milliseconds to wait before `cost` fits (0: it fits now). Takes nothing. */
  waitFor(cost: number): number {
    const now = this.options.clock.now()
    this.refill(now)
    this.prune(now)
    const contended = this.contended(now)
    const server = this.server && this.isFresh(this.server, now) ? this.server : undefined
    const need = Math.min(cost, this.options.limit - this.marginUnits)
    // Sharing the account: keep what we have in flight plus this request within half our share of
    // what the server says is left (the share is an estimate, at most half). Jobs that all do so do
    // not overdraw even when none sees the others' requests in flight: each saw at most the same
    // `remaining`, and the shares add up to about 1. After a reset, before the new window's first
    // report, what is left is the whole limit for all of them.
    // A request larger than half our share of a whole window would never fit: it may go alone, with
    // nothing of ours in flight (under the hard cap). Any other waits for the room, even with nothing
    // of ours in flight: letting one go then sent stale-sighted requests into windows the others had
    // spent.
    const left = server ? server.remaining : this.server ? this.options.limit : undefined
    const share = this.share(now)
    const alone =
      need > (this.options.limit * share) / 2 - this.marginUnits && !this.entries.some(e => e.settledAt === undefined)
    const room =
      contended && !alone && left !== undefined ? this.available(now) - left * (1 - share / 2) : this.available(now)
    if (room < need) return Math.max(1, this.roomWait(now, need))
    const bucketNeed = Math.min(cost, this.capacity)
    if (this.tokens < bucketNeed) return Math.max(1, (bucketNeed - this.tokens) / this.rate(now))
    return 0
  }

  /** Records `cost` as admitted now (call after `waitFor` returned 0). */
  take(cost: number): Ticket {
    this.tokens -= cost
    const ticket = ++this.seq
    this.entries.push({ seq: ticket, at: this.options.clock.now(), cost })
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
      entry.settledAt = now
    }
    if (!report) return
    const overtake = this.options.overtakeMs ?? 250
    const atResponse = report.asOf === 'response'
    const asOf = atResponse ? this.lastArrived(now - overtake) : { seq: ticket, at: entry?.at ?? now }
    // older than what the server told us already (its request reached monday earlier)
    if (this.server && this.server.seq > asOf.seq) return
    // The reset is counted from when the server took the figures: from the answer, a batch that ran
    // 20 s would put it 20 s late, and the window's last third would be paced as if it had longer.
    const takenAt = atResponse ? now : asOf.at
    const resetAt = report.resetInMs === undefined ? undefined : takenAt + report.resetInMs
    // a long request charged in a window that has reset since tells nothing of the new one
    if (resetAt !== undefined && resetAt <= now) return
    // ours that the figures may count: admitted up to the answer, or shortly after the reporter
    const upTo = atResponse ? now : asOf.at + overtake
    if (resetAt !== undefined) this.detectOthers(upTo, takenAt, report.remaining, resetAt, now)
    // A response-time report counts every request of ours that reached the server before it: only
    // those admitted within the last `overtakeMs` (after `asOf`) may be missing from it.
    const inFlightBefore = atResponse
      ? 0
      : this.sum(e => e.seq < ticket && e.settledAt === undefined && e.at > asOf.at - overtake)
    this.server = {
      remaining: report.remaining,
      resetAt,
      at: now,
      seq: asOf.seq,
      inFlightBefore
    }
  }

  /** The last request admitted by `at`: it has reached the server by now (entries are in admission order). */
  private lastArrived(at: number): { seq: Ticket; at: number } {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]
      if (e && e.at <= at) return { seq: e.seq, at: e.at }
    }
    // every entry kept is more recent: the last one pruned (or, with none kept, the last admitted)
    return { seq: (this.entries[0]?.seq ?? this.seq + 1) - 1, at }
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
    return Math.max(even / 100, (this.share(now) * left) / Math.max(1, server.resetAt - now))
  }

  /**
   * Compares what the server says the window has spent with the most we can have spent in it. monday
   * charges a request when it starts, in whatever order our requests reach it, so one report next to
   * the previous can show a drop that our requests in flight explain only later; a window's total
   * cannot: the account spent `limit - remaining` by the time the reporter was charged, and we at most
   * everything we admitted from shortly before the window opened until shortly after the reporter.
   * The rest, when it is more than 2% of the limit, is another job's (ours is counted generously:
   * only a real other job shows).
   */
  private detectOthers(upTo: number, takenAt: number, remaining: number, resetAt: number, now: number): void {
    const overtake = this.options.overtakeMs ?? 250
    const opened = resetAt - this.options.windowMs
    // a request admitted before the window opened may have been charged in it: count it as ours
    // (monday's reset is in whole seconds: the opening is known to a sixtieth of the window), and so
    // may any still in flight when it opened (monday started it late: it queued, or travelled long).
    // Counted only from shortly before the opening, a single job reading the `RateLimit` header
    // (taken at the answer) "saw" the requests it sent in a window's last seconds as another job's
    // in the next: the emulator at a time scale of 20 showed 1.7M of 2.5M spent as others', and
    // windows 2-5 of a sync spent 4-7M of 10M
    const from = opened - this.options.windowMs / 60 - 2 * overtake
    const ours = this.sum(e => e.at <= upTo && (e.at >= from || e.settledAt === undefined || e.settledAt >= opened))
    const spent = this.options.limit - remaining
    const others = spent - ours
    if (others > this.options.limit * OTHERS_THRESHOLD) {
      this.othersSeenAt = now
      this.assumed = false
    } else if (
      this.assumed &&
      (spent >= this.options.limit * 0.3 || takenAt - this.startedAt >= this.options.windowMs / 2)
    ) {
      // The assumption ends once a window has shown 30% of its limit spent, all of it ours, or a
      // report taken half a window after our start shows nobody else: a job starting with us would
      // have shown by then (at a tenth, jobs still reading their boards had not, and one job sent a
      // window's end at full speed into the others' requests). A job whose requests are slow (2×
      // latency) may never spend 30% of a window at the assumed share: the time ends it. Taken: a
      // report from a long request says what monday knew when that request started.
      this.assumed = false
    }
    if (spent > 0) this.ourShare += 0.2 * (Math.min(1, Math.max(0, ours / spent)) - this.ourShare)
  }

  private sum(filter: (e: Entry) => boolean): number {
    let total = 0
    for (const e of this.entries) if (filter(e)) total += e.cost
    return total
  }

  private get capacity(): number {
    return this.share() * this.options.limit * (this.options.burst ?? 0.2)
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
    // Kept two windows: a report comes up to a request's length after its window opened, and what we
    // spent in that window is compared with it. Requests still in flight stay a while longer.
    const old = now - 2 * this.options.windowMs
    const ancient = now - 3 * this.options.windowMs
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]
      if (e && e.at <= old && (e.settledAt !== undefined || e.at <= ancient)) this.entries.splice(i, 1)
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
