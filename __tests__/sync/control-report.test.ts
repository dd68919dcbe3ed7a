import { describe, expect, it } from '@jest/globals'
import { syncReportTable } from '../../src/cli/commands/sync.js'
import type { PipelineReport, Progress } from '../../src/engine/run-types.js'
import { SyncProgress } from '../../src/pipelines/sync/progress.js'
import { FakeClock } from '../helpers/fake-clock.js'

const stats = () => ({
  created: 0,
  updated: 0,
  moved: 0,
  archived: 0,
  adopted: 0,
  recreated: 0,
  failed: 0,
  released: 0
})

describe("sync reports the engine's control loop", () => {
  it('in the final table: requests in flight with the binding limit, server time per operation', () => {
    const report: PipelineReport = {
      pipeline: 'sync',
      dryRun: false,
      startedAt: '2026-12-04T10:00:00.000Z',
      finishedAt: '2026-12-04T10:30:00.000Z',
      durationMs: 1_800_000,
      itemsDone: 30_000,
      itemsFailed: 0,
      itemsSkipped: 0,
      failures: [],
      checkpoints: 1,
      metrics: {
        requests: 6000,
        items: 30_000,
        complexityUsed: 300_000_000,
        budgetPerMinute: 10_000_000,
        byKind: {},
        retries: {},
        throttledMs: {},
        batchSizes: [],
        throughput: [],
        inFlight: { level: 61, peak: 100, binding: 'complexity', requestMs: 17_600 },
        serverTimes: { create_subitem: { samples: 40, p50Ms: 3500, p90Ms: 4250 } }
      },
      details: { mode: 'asyncBatch' }
    }
    const text = syncReportTable(report)
    expect(text).toContain(
      'requests in flight: 61 in flight (peak 100), set by the complexity budget; 17.6 s a request\n'
    )
    expect(text).toContain(
      'server time per operation (p50 / p90): create_subitem 3,500 / 4,250 ms (last 40 requests)\n'
    )
  })

  it('in every progress line', () => {
    const seen: Progress[] = []
    const progress = new SyncProgress(
      new FakeClock(),
      { onProgress: p => void seen.push(p) },
      { orders: { ...stats(), created: 3 }, lines: stats() },
      10,
      100,
      () => ({ level: 40, binding: 'latency' })
    )
    progress.report()
    expect(seen[0]).toMatchObject({ done: 3, total: 10, inFlight: { level: 40, binding: 'latency' } })
  })
})
