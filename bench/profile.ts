/**
 * The server-time profile every bench scenario runs on (emulator/monday/profiles/monday.json, from
 * API-FACTS.md "Time"), and the bounds it implies next to the account's limits.
 *
 * Under serial execution a request of b operations takes b × t (t: one operation's server time),
 * so requests in flight bound throughput at concurrency × b ÷ (b × t) = concurrency ÷ t operations
 * per emulated second, whatever the batch size.
 */
import { meanTime, mondayProfile, scaledProfile } from '../emulator/monday/timing.js'
import type { LatencyProfile } from '../emulator/monday/types.js'

/** The `monday` profile at `factor` × its latency (the sweep runs 0.5, 1 and 2). */
export function benchProfile(factor = 1): LatencyProfile {
  return scaledProfile(mondayProfile(), factor)
}

/** Mean server time of one `field` mutation in the profile, emulated ms. */
export function mutationMs(profile: LatencyProfile, field: string): number {
  const time = profile.mutations[field] ?? profile.mutations['*']
  if (time === undefined) throw new Error(`profile ${profile.name} has no time for ${field}`)
  return meanTime(time)
}

export interface Bound {
  /** items per emulated second each limit allows */
  bounds: Record<string, number>
  /** the smallest */
  itemsPerSecond: number
  binding: string
}

/** The smallest of the given bounds, named. */
export function boundOf(bounds: Record<string, number>): Bound {
  const [binding, itemsPerSecond] = Object.entries(bounds).sort((a, b) => a[1] - b[1])[0] ?? ['none', Infinity]
  return { bounds, itemsPerSecond, binding }
}

/** One line naming the profile for results.json and the README. */
export function describeProfile(profile: LatencyProfile, timeScale: number): string {
  const ms = (f: string): string => `${Math.round(profile.mutations[f]?.medianMs ?? 0)} ms`
  return (
    `latency profile "${profile.name}" (create_item ${ms('create_item')}, create_subitem ${ms('create_subitem')} median; ` +
    `reads +${profile.reads.perColumnValueMs ?? 0} ms per column value), time scale ${timeScale} (every duration ÷ ${timeScale})`
  )
}
