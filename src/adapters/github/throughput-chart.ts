import type { MetricsSnapshot } from '../../engine/run-types.js'

/** Options of throughputChart. */
export interface ThroughputChartOptions {
  metrics: Pick<MetricsSnapshot, 'throughput' | 'batchSizes'>
  /** The run's duration in milliseconds (the x axis). */
  durationMs: number
  /** Epoch milliseconds of the start, to place absolute timestamps; optional. */
  startedAtMs?: number
  /** Points on the x axis; default 12. */
  buckets?: number
}

const round = (n: number): number => Math.round(n * 10) / 10

/**
 * A Mermaid `xychart-beta` of items/s per interval (line) and the batch size in use (bars);
 * null when there is nothing to draw. GitHub renders Mermaid blocks in job summaries.
 */
export function throughputChart(options: ThroughputChartOptions): string | null {
  const { metrics } = options
  if (metrics.throughput.length === 0) return null
  const count = Math.max(1, options.buckets ?? 12)
  const relative = (atMs: number): number =>
    atMs > 1e12 && options.startedAtMs !== undefined ? atMs - options.startedAtMs : atMs
  const span = Math.max(1, options.durationMs, ...metrics.throughput.map(t => relative(t.atMs)))
  const width = span / count
  const items = new Array<number>(count).fill(0)
  for (const point of metrics.throughput) {
    const bucket = Math.min(count - 1, Math.floor(relative(point.atMs) / width))
    items[bucket] = (items[bucket] ?? 0) + point.items
  }
  const sizes = metrics.batchSizes.filter(b => b.kind !== 'concurrency').map(b => ({ ...b, atMs: relative(b.atMs) }))
  const batch = items.map((_, i) => {
    const end = (i + 1) * width
    return sizes.filter(s => s.atMs <= end).at(-1)?.size ?? sizes[0]?.size ?? 0
  })
  const rates = items.map(n => round(n / (width / 1000)))
  const digits = span < 2_000 ? 2 : span < 20_000 ? 1 : 0
  const labels = items.map((_, i) => `"${(((i + 1) * width) / 1000).toFixed(digits)}s"`)
  const top = Math.ceil(Math.max(1, ...rates, ...batch) * 1.1)
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Throughput (items/s, line) and batch size (bars)"',
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "items/s · batch size" 0 --> ${top}`,
    ...(sizes.length > 0 ? [`  bar [${batch.join(', ')}]`] : []),
    `  line [${rates.join(', ')}]`,
    '```'
  ].join('\n')
}
