import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { AdaptiveTuning, type RequestOutcome } from '../../src/pipelines/load-board/tuning.js'

describe('AdaptiveTuning', () => {
  it('halves concurrency on a throttle, the batch too when the query cost too much, and grows back', () => {
    let now = 0
    const tuning = new AdaptiveTuning({ batchSize: 100, concurrency: 8, growAfter: 2 }, () => now)
    tuning.record('concurrency')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([4, 100])
    now = 1000
    tuning.record('complexity')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([2, 50])
    tuning.record('ok')
    tuning.record('ok')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([3, 60])
    tuning.record('other')
    expect([tuning.concurrency(), tuning.batchSize()]).toEqual([3, 60])
    expect(tuning.history).toEqual([
      { atMs: 0, kind: 'concurrency', size: 4 },
      { atMs: 1000, kind: 'concurrency', size: 2 },
      { atMs: 1000, kind: 'items', size: 50 },
      { atMs: 1000, kind: 'concurrency', size: 3 },
      { atMs: 1000, kind: 'items', size: 60 }
    ])
  })

  it('stays within its bounds whatever happens', () => {
    const outcomes = fc.constantFrom<RequestOutcome>(
      'ok',
      'rate_limit',
      'complexity',
      'concurrency',
      'timeout',
      'other'
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(outcomes, { maxLength: 300 }),
        (batchSize, concurrency, seen) => {
          const tuning = new AdaptiveTuning({ batchSize, concurrency, growAfter: 3 })
          for (const outcome of seen) {
            tuning.record(outcome)
            expect(tuning.batchSize()).toBeLessThanOrEqual(Math.min(100, batchSize))
            expect(tuning.batchSize()).toBeGreaterThanOrEqual(Math.min(10, batchSize))
            expect(tuning.concurrency()).toBeGreaterThanOrEqual(1)
            expect(tuning.concurrency()).toBeLessThanOrEqual(concurrency)
          }
        }
      )
    )
  })
})
