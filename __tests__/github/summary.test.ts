import { describe, expect, it } from '@jest/globals'
import { buildJobSummary } from '../../src/adapters/github/job-summary.js'
import { escapeHtml, fence } from '../../src/adapters/github/html.js'
import { fingerprintOf } from '../../src/adapters/github/issue-body.js'
import { throughputChart } from '../../src/adapters/github/throughput-chart.js'
import type { PipelineReport } from '../../src/engine/run-types.js'

const report = (over: Partial<PipelineReport> = {}): PipelineReport => ({
  pipeline: 'sync',
  dryRun: false,
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: '2026-11-23T10:01:00.000Z',
  durationMs: 60_000,
  itemsDone: 900,
  itemsFailed: 100,
  itemsSkipped: 50,
  failures: [
    {
      boardId: '42',
      operation: 'create_item',
      errorClass: 'validation',
      message: 'Bad <img src=x onerror=alert(1)> | value',
      rowKeys: ['A', 'B'],
      attempts: 1
    }
  ],
  checkpoints: 4,
  metrics: {
    requests: 120,
    items: 1000,
    complexityUsed: 2_500_000,
    budgetPerMinute: 5_000_000,
    byKind: {},
    retries: { rate_limit: 3, complexity: 0 },
    throttledMs: { rate_limit: 4500 },
    batchSizes: [
      { atMs: 0, kind: 'items', size: 50 },
      { atMs: 0, kind: 'concurrency', size: 4 },
      { atMs: 30_000, kind: 'items', size: 25 }
    ],
    throughput: [
      { atMs: 10_000, items: 300 },
      { atMs: 40_000, items: 600 }
    ]
  },
  details: {},
  ...over
})

describe('job summary', () => {
  const failure = report().failures[0]!
  const summary = buildJobSummary({
    report: report(),
    attempt: 2,
    resumedFrom: 'checkpoint 3 of run 1 attempt 1',
    artifacts: [
      { name: 'monday-sync-checkpoint-a2-1', id: 1, size: 10, location: 'x' },
      { name: 'monday-sync-replay-a2', id: 2, size: 10, location: 'y' }
    ],
    issues: [
      {
        kind: 'opened',
        fingerprint: fingerprintOf(failure, 'sync'),
        boardId: '42',
        number: 7,
        url: 'https://github.com/a/b/issues/7'
      }
    ],
    warnings: ['token <lacks> issues']
  })

  it('holds the performance table', () => {
    const rows = [...summary.matchAll(/<tr><th align="left">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map(m => [
      m[1],
      m[2]
    ])
    expect(Object.fromEntries(rows)).toEqual({
      Items: '900 done, 100 failed, 50 from earlier runs',
      'Success rate': '90.0%',
      'Total time': '60.0 s',
      'Items/s': '15.0',
      'Batch size in use': '25',
      Requests: '120',
      'Complexity used': '2500000 points (50.0% of the budget)',
      'Retries by class': 'rate_limit 3',
      'Throttled time by class': 'rate_limit 4.5 s',
      Checkpoints: '4 written, 1 uploaded',
      'Replay artifacts': 'monday-sync-replay-a2'
    })
    expect(summary).toMatch(/^## monday-sync sync: attempt 2\n\nResumed from checkpoint 3 of run 1 attempt 1\./)
  })

  it("names the engine's requests in flight, their binding limit and the learnt server times", () => {
    const base = report()
    const text = buildJobSummary({
      report: {
        ...base,
        metrics: {
          ...base.metrics,
          inFlight: { level: 57, peak: 100, binding: 'complexity', requestMs: 14_000 },
          serverTimes: { create_subitem: { samples: 40, p50Ms: 3500, p90Ms: 4200 } }
        }
      },
      attempt: 1,
      artifacts: [],
      issues: []
    })
    expect(text).toContain(
      '<tr><th align="left">Requests in flight</th><td>57 in flight (peak 100), set by the complexity budget; 14.0 s a request</td></tr>'
    )
    expect(text).toContain(
      '<tr><th align="left">Server time per operation (p50 / p90)</th><td>create_subitem 3,500 / 4,200 ms (last 40 requests)</td></tr>'
    )
  })

  it('escapes values from monday and links failures to their issues', () => {
    expect(summary).toContain('Bad &lt;img src=x onerror=alert(1)&gt; &#124; value')
    expect(summary).not.toContain('<img')
    expect(summary).toContain('<a href="https://github.com/a/b/issues/7">issue #7</a>')
    expect(summary).toContain('> [!WARNING]\n> token &lt;lacks&gt; issues')
  })

  it('groups 10 000 failed rows by fingerprint, with a cap and "and N more", far below the runner’s 1 MiB', () => {
    const failures = Array.from({ length: 10_000 }, (_, i) => ({
      boardId: String(100 + (i % 60)),
      operation: 'create_item',
      errorClass: 'validation' as const,
      message: `row ${i} refused: ${'x'.repeat(500)}`,
      rowKeys: [`ORDER-${String(i).padStart(6, '0')}`],
      attempts: 1
    }))
    const big = buildJobSummary({
      report: report({ failures, itemsFailed: 10_000 }),
      attempt: 1,
      artifacts: [],
      issues: []
    })
    expect(Buffer.byteLength(big)).toBeLessThan(64 * 1024)
    expect(big.match(/<li>board /g)).toHaveLength(25)
    expect(big).toContain('…and 35 more failure group(s)')
    expect(big).toMatch(/167 row\(s\) \(<code>ORDER-\d+<\/code>(, <code>ORDER-\d+<\/code>){9}, …and 157 more\)/)
  })

  it('draws throughput and batch size over time as Mermaid', () => {
    const chart = throughputChart({ metrics: report().metrics, durationMs: 60_000, buckets: 3 })
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Throughput (items/s, line) and batch size (bars)"',
        '  x-axis ["20s", "40s", "60s"]',
        '  y-axis "items/s · batch size" 0 --> 56',
        '  bar [50, 25, 25]',
        '  line [15, 0, 30]',
        '```'
      ].join('\n')
    )
    expect(throughputChart({ metrics: { throughput: [], batchSizes: [] }, durationMs: 1 })).toBeNull()
    const epoch = throughputChart({
      metrics: { throughput: [{ atMs: 1_800_000_000_500, items: 2 }], batchSizes: [] },
      durationMs: 1000,
      startedAtMs: 1_800_000_000_000,
      buckets: 1
    })
    expect(epoch).toContain('line [2]')
    expect(epoch).not.toContain('  bar [')
  })

  it('says dry run and leaves out empty sections', () => {
    const quiet = buildJobSummary({
      report: report({ dryRun: true, failures: [], itemsFailed: 0 }),
      attempt: 1,
      artifacts: [],
      issues: []
    })
    expect(quiet).toMatch(/^## monday-sync sync \(dry run\): attempt 1\n/)
    expect(quiet).not.toContain('### Failures')
    expect(quiet).toContain('<td>none</td>')
  })

  it("measures the share of the budget in monday's minutes, which a time-scaled emulator shortens", () => {
    const base = report()
    // 60 s of real time against an emulator whose minute lasts 2 s: 30 minutes of budget
    const scaled = buildJobSummary({
      report: { ...base, metrics: { ...base.metrics, minuteMs: 2_000, complexityUsed: 75_000_000 } },
      attempt: 1,
      artifacts: [],
      issues: []
    })
    expect(scaled).toContain('75000000 points (50.0% of the budget)')
  })
})

describe('escaping', () => {
  it('escapes markup, table pipes, backticks and newlines', () => {
    expect(escapeHtml('<a href="x">\'&\'</a>|`\nz')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;&#124;&#96; z'
    )
  })
  it('fences text with more backticks than it holds', () => {
    expect(fence('a ```` b')).toBe('`````\na ```` b\n`````')
    expect(fence('plain', 'json')).toBe('```json\nplain\n```')
  })
})
