/**
 * The plan (and the task graph uploaded before any mutation) states the batch sizes a run starts
 * with. Batch sizes follow the server time now: monday runs a request's creates one after another
 * and cuts it at 60 s, so batch mode sends 18 create_item or 4 create_subitem per request however
 * large batch_size_max (50) is, and its duration is the server time of one request at a time.
 */
import { describe, expect, it } from '@jest/globals'
import { createMondayClient } from '../../src/adapters/monday/index.js'
import { loadSyncConfig } from '../../src/config/index.js'
import type { ItemMode } from '../../src/config/schema.js'
import { batchSizeOf, planSync, startingBatchSizes, syncTaskGraph } from '../../src/pipelines/sync/plan.js'

const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: '1' } })
/** 100 orders of 5 lines, nothing sent yet. */
const counts = { pendingOrders: 100, pendingLines: 500, inProgressOrders: 0, inProgressLines: 0 }

/** A client that sends nothing here: the plan only asks it for sizes. */
const client = () => createMondayClient({ url: 'http://127.0.0.1:9/v2', token: 't' })

describe('the sync plan', () => {
  it('configures batch_size 5 to 50 and 8 in flight (the figures below follow from them)', () => {
    expect(config.batch).toMatchObject({ minBatchSize: 5, maxBatchSize: 50, concurrency: 8 })
    expect(config.plan).toBe('pro')
  })

  it.each<[ItemMode, { items: number; subitems: number; archives: number }]>([
    ['single', { items: 1, subitems: 1, archives: 50 }],
    // 20 s (a third of the 60 s timeout) over the assumed p90: 1.1 s per create_item, 4.4 s per create_subitem
    ['batch', { items: 18, subitems: 4, archives: 50 }],
    // the adaptive size starts at half of 50 under the same cap; batch_size_min (5) wins over the cap
    ['asyncBatch', { items: 18, subitems: 5, archives: 50 }]
  ])('%s: starts with the batch sizes the workers take first', (mode, sizes) => {
    const c = client()
    const plan = planSync(config, mode, counts, startingBatchSizes(mode, config.batch, c))
    expect(plan.batchSizes).toEqual(sizes)
    // what phase.ts asks before the first batch of each kind
    const sizeOf = batchSizeOf(mode, config.batch, c)
    expect([sizeOf('create_item'), sizeOf('create_subitem')]).toEqual([sizes.items, sizes.subitems])
    expect(plan.itemBatches).toBe(Math.ceil(100 / sizes.items))
    expect(plan.subitemBatches).toBe(Math.ceil(500 / sizes.subitems))
  })

  it('batch: 6 item and 125 subitem requests (not 2 and 10 of 50), one at a time for 38.5 minutes of server time', () => {
    const c = client()
    expect([c.timeCap?.('create_item'), c.timeCap?.('create_subitem')]).toEqual([18, 4])
    const plan = planSync(config, 'batch', counts, startingBatchSizes('batch', config.batch, c))
    expect(plan).toMatchObject({ itemBatches: 6, subitemBatches: 125, concurrency: 1 })
    // 100 × 1.1 s + 500 × 4.4 s one after another; the budget alone would say 0.6 minutes
    expect(plan.estimatedDurationMs).toBe(100 * 1_100 + 500 * 4_400)
    const graph = syncTaskGraph('1', plan, new Date(0))
    const node = (id: string) => graph.nodes.find(n => n.id === id)
    expect([node('items')?.batchSize, node('subitems')?.batchSize, node('archive')?.batchSize]).toEqual([18, 4, 50])
    expect(graph.estimatedDurationMs).toBe(plan.estimatedDurationMs)
  })

  it('asyncBatch: the complexity budget binds, the server time spread over the plan limit of 100 in flight', () => {
    const c = client()
    const plan = planSync(config, 'asyncBatch', counts, startingBatchSizes('asyncBatch', config.batch, c))
    // 600 creates × 10,000 points and 6 lookups × 5,000 of a 10M-point minute; server time 2,310 s ÷ 100 = 23.1 s
    expect(plan.estimatedComplexity).toBe(600 * 10_000 + 6 * 5_000)
    expect(plan.estimatedDurationMs).toBe(Math.round((plan.estimatedComplexity / 10_000_000) * 60_000))
    expect(plan.concurrency).toBe(8)
  })
})
