/**
 * Engine benchmark: N items created in aliased `create_item` batches through the engine-backed
 * client against the monday emulator, and the same work through a reactive client (full speed,
 * wait `retry_in_seconds` after each 429, as peers do). Prints throughput as a fraction of the
 * bound the emulator's limits set:
 *
 *   bound = min(complexity per minute / cost per item, requests per minute × batch,
 *               concurrency × batch / (batch × server time of one create_item))
 *
 * on the `monday` latency profile (bench/profile.ts: aliased mutations run serially, so the last
 * term is concurrency / 0.83 s whatever the batch). Durations are emulated seconds (the emulator
 * divides every duration by `timeScale`).
 *
 *   npx tsx bench/engine.ts [--items N] [--time-scale S]
 */
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { startMondayEmulator, type MondayEmulator } from '../emulator/monday/index.js'
import { createMondayClient } from '../src/adapters/monday/client.js'
import type { MondayClient, MondayResponse } from '../src/adapters/monday/types.js'
import type { MetricsSnapshot } from '../src/engine/run-types.js'
import { fetchRequest } from './fetch-request.js'
import { createItems } from '../__tests__/monday-client/create-items.js'
import { benchProfile, describeProfile, mutationMs } from './profile.js'

export interface EngineBenchOptions {
  /** Items to create; default 20 000. */
  items?: number
  /** An emulated minute lasts 60 / timeScale real seconds; default 30 (a request then takes a few emulated seconds, as on monday). */
  timeScale?: number
  /** The account's complexity budget per minute; default 10 000 000 (pro, personal token). */
  complexityPerMinute?: number
  /** The profile's latency × this; default 1. */
  latencyFactor?: number
  /** Largest batch (aliases per request); default 50. */
  maxBatch?: number
  log?: (line: string) => void
}

export interface EngineRunFigures {
  items: number
  requests: number
  throttled: number
  throttledShare: number
  /** Emulated seconds. */
  seconds: number
  itemsPerSecond: number
  fractionOfBound: number
}

export interface EngineBenchResult {
  /** Items per emulated second the emulator's limits allow, and which limit sets it. */
  boundItemsPerSecond: number
  boundBy: 'complexity' | 'requests' | 'concurrency'
  engine: EngineRunFigures & {
    finalBatchSize: number
    p50Ms: number
    /** Summed over the requests that waited (several wait at once), emulated seconds. */
    budgetWaitSeconds: number
    /** The in-flight level at the end, its peak and its binding limit; the learnt server times. */
    inFlight?: MetricsSnapshot['inFlight']
    serverTimes?: MetricsSnapshot['serverTimes']
  }
  reactive: EngineRunFigures
  /** engine items/s ÷ reactive items/s (the reactive client front-loads each window and pays in 429s). */
  ratioToReactive: number
  server: string
}
export type BenchResult = EngineBenchResult

const CREATE_POINTS = 10_000

function throttledOf(emulator: MondayEmulator): number {
  return Object.values(emulator.admin.stats().throttled).reduce((a, b) => a + b, 0)
}

/** The reactive peer: as fast as it can, waiting `retry_in_seconds` after a 429 (load-board's fallback client). */
function reactiveClient(url: string, timeScale: number, batch: number): MondayClient {
  const scaled = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>(r => setTimeout(r, ms / timeScale)) }
  const request = fetchRequest({ url, token: 'bench', clock: scaled, attempts: 50 })
  return {
    request,
    send: async <T>(
      doc: string,
      vars: Record<string, unknown>,
      meta: { kind: string; items: number }
    ): Promise<MondayResponse<T>> => ({
      data: await request<T>(doc, vars, meta),
      errors: [],
      replayed: false
    }),
    suggestBatchSize: () => batch,
    metrics: () => {
      throw new Error('not measured')
    }
  }
}

async function run(
  options: Required<Omit<EngineBenchOptions, 'log'>>,
  make: (url: string) => MondayClient,
  bound: number,
  workers: number
) {
  const emulator = await startMondayEmulator({
    plan: 'pro',
    limits: { complexityPerMinute: options.complexityPerMinute },
    timeScale: options.timeScale,
    latency: benchProfile(options.latencyFactor),
    seed: 5
  })
  try {
    const board = emulator.admin.createBoard({ name: 'bench', columns: [] })
    const client = make(emulator.url)
    const started = performance.now()
    const result = await createItems(client, board.id, options.items, { workers, max: options.maxBatch })
    const seconds = ((performance.now() - started) / 1000) * options.timeScale
    const requests = emulator.admin.stats().requests
    const throttled = throttledOf(emulator)
    const figures: EngineRunFigures = {
      items: result.created,
      requests,
      throttled,
      throttledShare: throttled / Math.max(1, requests),
      seconds,
      itemsPerSecond: result.created / seconds,
      fractionOfBound: result.created / seconds / bound
    }
    return { figures, client }
  } finally {
    await emulator.close()
  }
}

export async function benchEngine(options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const o = {
    items: options.items ?? 20_000,
    timeScale: options.timeScale ?? 30,
    complexityPerMinute: options.complexityPerMinute ?? 10_000_000,
    latencyFactor: options.latencyFactor ?? 1,
    maxBatch: options.maxBatch ?? 50
  }
  const log = options.log ?? ((): void => undefined)
  const probe = await startMondayEmulator({ plan: 'pro', limits: { complexityPerMinute: o.complexityPerMinute } })
  const limits = probe.limits
  await probe.close()
  // The engine caps a request at a tenth of the budget; the batch it can use is the smaller one.
  const batch = Math.min(o.maxBatch, Math.floor((o.complexityPerMinute * 0.1) / CREATE_POINTS))
  const profile = benchProfile(o.latencyFactor)
  const createSeconds = mutationMs(profile, 'create_item') / 1000
  const bounds = {
    complexity: o.complexityPerMinute / CREATE_POINTS / 60,
    requests: (limits.requestsPerMinute * batch) / 60,
    concurrency: (limits.concurrency * batch) / (batch * createSeconds)
  }
  const boundBy = (Object.keys(bounds) as (keyof typeof bounds)[]).reduce((a, b) => (bounds[b] < bounds[a] ? b : a))
  const bound = bounds[boundBy]
  log(`bound ${bound.toFixed(2)} items/s (${boundBy}); ${o.items} items, time scale ${o.timeScale}`)
  const engine = await run(
    o,
    url =>
      createMondayClient({
        url,
        token: 'bench',
        plan: 'pro',
        limits: { complexityPerMinute: o.complexityPerMinute },
        timeScale: o.timeScale
      }),
    bound,
    // work for as many requests as the plan allows in flight: the engine's own level decides how many fly
    limits.concurrency
  )
  const metrics = engine.client.metrics()
  log(
    `engine: ${engine.figures.itemsPerSecond.toFixed(2)} items/s = ${(engine.figures.fractionOfBound * 100).toFixed(1)}% of bound, ${engine.figures.throttled} throttled`
  )
  // the reactive peer keeps its fixed 16 requests in flight
  const reactive = await run(o, url => reactiveClient(url, o.timeScale, batch), bound, 16)
  log(
    `reactive: ${reactive.figures.itemsPerSecond.toFixed(2)} items/s = ${(reactive.figures.fractionOfBound * 100).toFixed(1)}% of bound, ${reactive.figures.throttled} throttled`
  )
  return {
    boundItemsPerSecond: bound,
    boundBy,
    engine: {
      ...engine.figures,
      finalBatchSize: metrics.batchSizes.at(-1)?.size ?? 0,
      p50Ms: metrics.byKind.create_item?.p50Ms ?? 0,
      budgetWaitSeconds: ((metrics.throttledMs.budget ?? 0) / 1000) * o.timeScale,
      ...(metrics.inFlight ? { inFlight: metrics.inFlight } : {}),
      ...(metrics.serverTimes ? { serverTimes: metrics.serverTimes } : {})
    },
    reactive: reactive.figures,
    ratioToReactive: engine.figures.itemsPerSecond / reactive.figures.itemsPerSecond,
    server: `monday emulator, pro plan, ${o.complexityPerMinute} points/min, ${describeProfile(profile, o.timeScale)}`
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { items: { type: 'string' }, 'time-scale': { type: 'string' } } })
  const result = await benchEngine({
    log: line => console.log(line),
    ...(values.items ? { items: Number(values.items) } : {}),
    ...(values['time-scale'] ? { timeScale: Number(values['time-scale']) } : {})
  })
  console.log(JSON.stringify(result, null, 2))
}
