/** Plan limits [RL] and the windows that enforce them. Times are emulated milliseconds. */
import type { AccountLimits, Plan } from './types.js'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** monday's defaults per plan for a personal token [RL]. Free daily calls: 1,000 per [RL] (200 per the Help Center; override `dailyCalls`). */
export function planLimits(plan: Plan): AccountLimits {
  const big = plan === 'enterprise'
  const pro = plan === 'pro'
  return {
    complexityPerMinute: plan === 'free' ? 1_000_000 : 10_000_000,
    queryComplexityCap: 5_000_000,
    requestsPerMinute: big ? 5_000 : pro ? 2_500 : 1_000,
    concurrency: big ? 250 : pro ? 100 : 40,
    dailyCalls: big ? 25_000 : pro ? 10_000 : 1_000,
    ipRequestsPer10s: 5_000
  }
}

/**
 * A budget window that opens at the first call and resets `lengthMs` later ("resets 60 s after the
 * first call" [RL]); with `aligned`, windows are aligned to multiples of the length (the daily reset
 * at 00:00 UTC).
 */
export class Window {
  private used = 0
  private openedAt: number | null = null

  constructor(
    private readonly lengthMs: number,
    private readonly aligned = false
  ) {}

  private roll(now: number): void {
    if (this.openedAt !== null && now >= this.openedAt + this.lengthMs) {
      this.openedAt = null
      this.used = 0
    }
  }

  usedAt(now: number): number {
    this.roll(now)
    return this.used
  }

  /** Emulated milliseconds until the window resets (a full length when none is open). */
  resetInMs(now: number): number {
    this.roll(now)
    if (this.openedAt === null) return this.aligned ? this.lengthMs - (now % this.lengthMs) : this.lengthMs
    return this.openedAt + this.lengthMs - now
  }

  consume(amount: number, now: number): void {
    this.roll(now)
    if (this.openedAt === null) this.openedAt = this.aligned ? now - (now % this.lengthMs) : now
    this.used += amount
  }

  /** Corrects a consumption by `delta` (negative reimburses) within the open window. */
  adjust(delta: number, now: number): void {
    this.roll(now)
    this.used = Math.max(0, this.used + delta)
  }

  clear(): void {
    this.used = 0
    this.openedAt = null
  }
}

/** Every window of one account, plus one per client IP. */
export class AccountWindows {
  readonly complexity = new Window(MINUTE_MS)
  readonly requests = new Window(MINUTE_MS)
  readonly daily = new Window(DAY_MS, true)
  private readonly ips = new Map<string, Window>()
  inFlight = 0

  ip(address: string): Window {
    let w = this.ips.get(address)
    if (w === undefined) {
      w = new Window(10_000)
      this.ips.set(address, w)
    }
    return w
  }

  clear(): void {
    this.complexity.clear()
    this.requests.clear()
    this.daily.clear()
    this.ips.clear()
  }
}

/** Seconds (rounded up, at least 1) from emulated milliseconds. */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000))
}
