/**
 * How long monday takes (API-FACTS.md "Time" [LAT]): server time per operation kind from a latency
 * profile (`profiles/monday.json`) or the simple `LatencyModel`. Every figure is in emulated
 * milliseconds; the emulator's one time scale divides them into real time.
 */
import { readFileSync } from 'node:fs'
import { EmulatorUsageError } from './errors.js'
import type { Random } from './random.js'
import type { LatencyModel, LatencyOption, LatencyProfile, OperationTime } from './types.js'

/** monday's request timeout [BP]: emulated milliseconds. */
export const MONDAY_TIMEOUT_MS = 60_000
/** z of the 90th percentile of a standard normal distribution. */
const Z90 = 1.2815515655446004

/** A draw from a log-normal spread with the entry's median and p90, capped at its max. */
export function drawTime(time: OperationTime, random: Random): number {
  const sigma = time.p90Ms > time.medianMs ? Math.log(time.p90Ms / time.medianMs) / Z90 : 0
  // Box-Muller; 1 - next() is in (0, 1] so the logarithm is finite.
  const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
  return Math.min(time.maxMs ?? Infinity, time.medianMs * Math.exp(sigma * z))
}

/** The server time of each part of a request; what the HTTP layer spends and when. */
export interface TimeModel {
  /** the profile's name, or 'none' / 'fixed' */
  readonly name: string
  /** emulated ms one aliased mutation takes before it takes effect (mutations run serially) */
  aliasMs(field: string, random: Random): number
  /** emulated ms a request takes after execution: a read's whole time, a mutation's overhead */
  afterMs(request: { mutation: boolean; fields: string[]; items: number; columnValues: number }, random: Random): number
  /** emulated ms of a request refused before execution (validation, authentication, a limit) */
  refusedMs(random: Random): number
  /** emulated ms after which the request is answered 504 */
  readonly timeoutMs: number
  /** share of cut requests whose remaining aliases all execute; the others stop after a seeded number */
  readonly continueAllShare: number
}

function jittered(model: LatencyModel, raw: number, random: Random): number {
  if (raw <= 0) return 0
  const jitter = Math.min(1, Math.max(0, model.jitter ?? 0))
  return Math.max(0, raw * (1 + jitter * (2 * random.next() - 1)))
}

/** The simple model: base + per operation + per returned item, with jitter (tests, `--latency-ms`). */
function fixedModel(model: LatencyModel): TimeModel {
  return {
    name: Object.keys(model).length === 0 ? 'none' : 'fixed',
    aliasMs: (_field, random) => jittered(model, model.perOperationMs ?? 0, random),
    afterMs: (r, random) =>
      jittered(
        model,
        (model.baseMs ?? 0) +
          (r.mutation ? 0 : (model.perOperationMs ?? 0) * r.fields.length) +
          (model.perItemMs ?? 0) * r.items,
        random
      ),
    refusedMs: () => 0,
    timeoutMs: MONDAY_TIMEOUT_MS,
    continueAllShare: 1
  }
}

/** A profile's model: serial aliases, reads growing with items and column values. */
function profileModel(profile: LatencyProfile): TimeModel {
  const mutation = (field: string): OperationTime | undefined => profile.mutations[field] ?? profile.mutations['*']
  const base = (fields: string[]): OperationTime | undefined => {
    const known = fields.map(f => profile.reads.base[f === 'boards' ? 'items_page' : f]).filter(t => t !== undefined)
    return known.sort((a, b) => b.medianMs - a.medianMs)[0] ?? profile.reads.base['*']
  }
  return {
    name: profile.name,
    aliasMs: (field, random) => {
      const time = mutation(field)
      return time === undefined ? 0 : drawTime(time, random)
    },
    afterMs: (r, random) => {
      if (r.mutation) return 0
      const time = base(r.fields.filter(f => f !== 'complexity'))
      // The spread of the base applies to the whole read: a page that returns more varies as much.
      const spread = time === undefined ? 1 : drawTime(time, random) / time.medianMs
      const baseMs = time === undefined ? 0 : Math.min(time.maxMs ?? Infinity, time.medianMs * spread)
      const grows = r.items * (profile.reads.perItemMs ?? 0) + r.columnValues * (profile.reads.perColumnValueMs ?? 0)
      return baseMs + grows * spread
    },
    refusedMs: random => (profile.refused === undefined ? 0 : drawTime(profile.refused, random)),
    timeoutMs: profile.timeout?.ms ?? MONDAY_TIMEOUT_MS,
    continueAllShare: profile.timeout?.continueAllShare ?? 1
  }
}

const PROFILE_DIR = new URL('./profiles/', import.meta.url)

/** Reads a profile file and checks its shape; throws EmulatorUsageError naming what is wrong. */
export function readProfile(path: string | URL): LatencyProfile {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw new EmulatorUsageError(
      `cannot read latency profile ${String(path)}: ${e instanceof Error ? e.message : String(e)}`
    )
  }
  const p = parsed as Partial<LatencyProfile>
  if (typeof p !== 'object' || p === null || typeof p.mutations !== 'object' || typeof p.reads?.base !== 'object')
    throw new EmulatorUsageError(`latency profile ${String(path)} needs "mutations" and "reads.base"`)
  for (const [name, t] of [...Object.entries(p.mutations), ...Object.entries(p.reads.base)]) {
    if (!(t.medianMs > 0) || !(t.p90Ms >= t.medianMs))
      throw new EmulatorUsageError(`latency profile ${String(path)}: ${name} needs medianMs > 0 and p90Ms >= medianMs`)
  }
  return { name: 'custom', ...p } as LatencyProfile
}

/** The `monday` profile: measured server times (profiles/monday.json). */
export function mondayProfile(): LatencyProfile {
  return readProfile(new URL('monday.json', PROFILE_DIR))
}

/** 'none', 'monday', a profile or a simple model → the time model the emulator runs. */
export function timeModelOf(option: LatencyOption | undefined): TimeModel {
  if (option === undefined || option === 'none') return fixedModel({})
  if (option === 'monday') return profileModel(mondayProfile())
  if ('mutations' in option) return profileModel(option)
  return fixedModel(option)
}

/** The profile with every server time multiplied by `factor` (the timeout stays 60 s): the bench's sweep. */
export function scaledProfile(profile: LatencyProfile, factor: number): LatencyProfile {
  const scale = (t: OperationTime): OperationTime => ({
    ...t,
    medianMs: t.medianMs * factor,
    p90Ms: t.p90Ms * factor,
    ...(t.maxMs === undefined ? {} : { maxMs: t.maxMs * factor })
  })
  const each = (m: Record<string, OperationTime>): Record<string, OperationTime> =>
    Object.fromEntries(Object.entries(m).map(([k, t]) => [k, scale(t)]))
  return {
    ...profile,
    name: factor === 1 ? profile.name : `${profile.name} ×${factor}`,
    mutations: each(profile.mutations),
    reads: {
      ...profile.reads,
      base: each(profile.reads.base),
      ...(profile.reads.perItemMs === undefined ? {} : { perItemMs: profile.reads.perItemMs * factor }),
      ...(profile.reads.perColumnValueMs === undefined
        ? {}
        : { perColumnValueMs: profile.reads.perColumnValueMs * factor })
    },
    ...(profile.refused === undefined ? {} : { refused: scale(profile.refused) })
  }
}

/** Mean of an entry's log-normal spread (emulated ms): median × e^(σ²/2), ignoring the cap. */
export function meanTime(time: OperationTime): number {
  const sigma = time.p90Ms > time.medianMs ? Math.log(time.p90Ms / time.medianMs) / Z90 : 0
  return time.medianMs * Math.exp((sigma * sigma) / 2)
}
