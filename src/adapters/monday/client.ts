/** The default `MondayClient`: graphql-request transport, driven by the engine. */
import { createClientEngine, timeCap } from './client-engine.js'
import type { DefaultMondayClient, MondayClientOptions } from './client-options.js'
import { PROBE_QUERY } from './documents.js'
import { executeRequest, type RequestLoop } from './request-loop.js'
import type { MondayRequest, MondayResponse, RequestMeta } from './types.js'

export type { DefaultMondayClient, MondayClientOptions }

/** Attempts per request for retryable errors, unless the options say otherwise. */
const DEFAULT_MAX_ATTEMPTS = 8

/** A token shorter than this is not scrubbed from messages: it would mangle every one of them. */
const MIN_SCRUBBED_TOKEN = 8

/**
 * The probe (a near-free query reporting the budget), sent once before the first request unless
 * the options turn it off; a failed probe is not an error, the budget is then learnt on the way.
 */
function probeOnce(loop: RequestLoop, enabled: boolean) {
  let probing: Promise<void> | undefined
  const probe = async (): Promise<void> => {
    const meta = { kind: 'probe', items: 0, estimatedComplexity: 10 }
    probing ??= executeRequest(loop, { document: PROBE_QUERY, variables: {}, meta, strict: true }, 1).then(
      () => undefined,
      () => undefined
    )
    return await probing
  }
  const ready = async (): Promise<void> => {
    if (enabled) await probe()
  }
  return { probe, ready }
}

/** Builds the client: one engine (budget, pacing, retries, breaker, batch sizes) for every request it sends. */
export function createMondayClient(options: MondayClientOptions): DefaultMondayClient {
  const engine = createClientEngine(options)
  const { token } = options
  const loop: RequestLoop = {
    engine,
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    scrub: text => (token.length >= MIN_SCRUBBED_TOKEN ? text.split(token).join('***') : text)
  }
  const { probe, ready } = probeOnce(loop, options.probe !== false)
  const request: MondayRequest = async <T>(
    document: string,
    variables: Record<string, unknown>,
    meta: { kind: string; items: number; signal?: AbortSignal }
  ): Promise<T> => {
    await ready()
    return (await executeRequest<T>(loop, { document, variables, meta, strict: true })).data as T
  }
  const send = async <T>(
    document: string,
    variables: Record<string, unknown>,
    meta: RequestMeta
  ): Promise<MondayResponse<T>> => {
    await ready()
    return await executeRequest<T>(loop, { document, variables, meta, strict: false })
  }
  return {
    limits: engine.limits,
    send,
    request,
    suggestBatchSize: (kind, bounds) => engine.sizer.suggest(kind, bounds),
    serverTimeMs: kind => engine.times.p90(kind),
    inFlight: () => engine.scheduler.inFlight(),
    timeCap: kind => timeCap(engine.times, kind),
    pause: async (ms, signal) => await engine.clock.sleep(ms / engine.timeScale, signal),
    metrics: () => ({
      ...engine.metrics.snapshot(),
      serverTimes: engine.times.snapshot(),
      inFlight: engine.scheduler.inFlight()
    }),
    saveBreakerState: () => engine.breaker.save(),
    probe
  }
}
