/**
 * The engine's control loop in words, for the job summary, the CLI's final report and progress
 * lines: requests in flight and the limit that sets them, and the server time learnt per operation.
 */
import type { MetricsSnapshot } from './run-types.js'
import { ASSUMED_OPERATION_MS } from './server-times.js'

/** What each binding limit means to a reader. */
const BINDING_TEXT: Record<string, string> = {
  complexity: 'the complexity budget',
  rate: 'the request rate',
  concurrency: "the plan's concurrency limit",
  backoff: 'a back-off after MAX_CONCURRENCY_EXCEEDED or a timeout',
  latency: 'a back-off after requests queued'
}

/** "57 in flight (peak 100), set by the complexity budget; 14.2 s a request", or undefined without the loop. */
export function inFlightText(inFlight: MetricsSnapshot['inFlight']): string | undefined {
  if (!inFlight) return undefined
  const by = BINDING_TEXT[inFlight.binding] ?? inFlight.binding
  return `${inFlight.level} in flight (peak ${inFlight.peak}), set by ${by}; ${(inFlight.requestMs / 1000).toFixed(1)} s a request`
}

/**
 * "create_item 830 / 1,020 ms (last 40 requests), create_subitem …": p50 / p90 per operation in monday
 * milliseconds, for mutations (a read's time is not per operation); undefined when none was measured.
 */
export function serverTimesText(times: MetricsSnapshot['serverTimes']): string | undefined {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
  const parts = Object.entries(times ?? {})
    .filter(([kind]) => kind in ASSUMED_OPERATION_MS)
    .map(([kind, t]) => `${kind} ${fmt(t.p50Ms)} / ${fmt(t.p90Ms)} ms (last ${t.samples} requests)`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** Short form for progress lines: "57 in flight (complexity)". */
export function inFlightShort(inFlight: { level: number; binding: string } | undefined): string {
  return inFlight ? `${inFlight.level} in flight (${inFlight.binding})` : ''
}
