/** Everything one emulator instance holds: data, windows, counters, settings. */
import { DEFAULT_WEIGHTS } from './complexity.js'
import { CursorStore } from './cursors.js'
import { BurstState } from './faults.js'
import { IdempotencyCache } from './idempotency.js'
import { AccountWindows, planLimits } from './limits.js'
import { seededRandom, type Random } from './random.js'
import { Store } from './store.js'
import { timeModelOf, type TimeModel } from './timing.js'
import type { AccountLimits, ComplexityWeights, EmulatorStats, FaultOptions, MondayEmulatorOptions } from './types.js'

export const ACCOUNT_ID = 9_000_001

export function emptyStats(): EmulatorStats {
  return { requests: 0, byKind: {}, pointsSpent: 0, throttled: {}, errors: {}, idempotentReplays: 0, maxConcurrent: 0 }
}

export class EmulatorState {
  readonly store = new Store()
  readonly cursors: CursorStore
  readonly windows = new AccountWindows()
  readonly idempotency = new IdempotencyCache()
  readonly bursts = new BurstState()
  stats = emptyStats()
  limits: AccountLimits
  faults: FaultOptions
  time: TimeModel
  readonly weights: ComplexityWeights
  random: Random
  /** the seeded generator of server times, apart from faults so a profile does not shift them */
  timeRandom: Random
  /** the seeded generator of admin-generated data, apart from faults so data repeats */
  dataRandom: Random
  readonly token: string | undefined
  readonly legacyErrors: boolean
  private readonly origin: number

  constructor(readonly options: MondayEmulatorOptions) {
    this.limits = { ...planLimits(options.plan ?? 'pro'), ...options.limits }
    this.faults = { ...options.faults }
    this.time = timeModelOf(options.latency)
    this.weights = { ...DEFAULT_WEIGHTS, ...options.complexity }
    this.random = seededRandom(options.seed ?? 1)
    this.timeRandom = seededRandom((options.seed ?? 1) + 13)
    this.dataRandom = seededRandom((options.seed ?? 1) + 7)
    this.cursors = new CursorStore(`c${(options.seed ?? 1).toString(36)}`)
    this.token = options.token
    this.legacyErrors = options.legacyErrors ?? false
    this.origin = this.realNow()
  }

  private realNow(): number {
    return (this.options.clock ?? Date).now()
  }

  /** Emulated milliseconds since the epoch: the clock, sped up by `timeScale` from the start. */
  now(): number {
    const scale = this.options.timeScale ?? 1
    return this.origin + (this.realNow() - this.origin) * scale
  }

  /** Waits `ms` emulated milliseconds: `ms / timeScale` on the clock. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const real = ms / (this.options.timeScale ?? 1)
    if (!(real > 0)) return signal?.aborted === true ? Promise.reject(signal.reason) : Promise.resolve()
    const clock = this.options.clock
    if (clock?.sleep !== undefined) return clock.sleep(real, signal)
    return new Promise((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason)
        return
      }
      const timer = setTimeout(resolve, Math.max(0, real))
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer)
          reject(signal.reason)
        },
        { once: true }
      )
    })
  }

  count(bucket: Record<string, number>, code: string): void {
    bucket[code] = (bucket[code] ?? 0) + 1
  }

  reset(): void {
    this.store.clear()
    this.cursors.clear()
    this.windows.clear()
    this.idempotency.clear()
    this.bursts.clear()
    this.stats = emptyStats()
    this.random = seededRandom(this.options.seed ?? 1)
    this.timeRandom = seededRandom((this.options.seed ?? 1) + 13)
    this.dataRandom = seededRandom((this.options.seed ?? 1) + 7)
  }
}
