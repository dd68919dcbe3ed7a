import { describe, expect, it } from '@jest/globals'
import type { SqlValue } from '../../src/adapters/sql/database.js'
import { type ReadyRow, RowSource } from '../../src/pipelines/sync/row-source.js'
import type { LineRow, SyncRow } from '../../src/pipelines/sync/store.js'
import { type Work, WorkQueue } from '../../src/pipelines/sync/work-queue.js'

/**
 * Orders 1..n, each with two lines (10k+1, 10k+2). As in the store, a line is pending only once
 * its order is SYNCED; an order is SYNCED when the test "sends" its batch.
 */
function board(orders: number) {
  const synced = new Set<number>()
  const sent = new Set<string>()
  const row = (key: number): SyncRow => ({ key: String(key), rawKey: key, values: {}, itemId: null })
  const page = (keys: number[], after: SqlValue | null, limit: number): SyncRow[] =>
    keys
      .filter(k => !sent.has(String(k)) && (after === null || k > Number(after)))
      .slice(0, limit)
      .map(row)
  const orderKeys = Array.from({ length: orders }, (_, i) => i + 1)
  const lineKeys = orderKeys.flatMap(o => [10 * o + 1, 10 * o + 2])
  const ready = async (rows: (SyncRow | LineRow)[]): Promise<ReadyRow[]> =>
    rows.map(r => ({ row: r, create: { name: r.key, columnValues: {}, parentId: '' } }) as unknown as ReadyRow)
  const source = (keys: () => number[]) => new RowSource(async (after, limit) => page(keys(), after, limit), ready, 3)
  const orderSource = source(() => orderKeys)
  const lineSource = source(() => lineKeys.filter(l => synced.has(Math.floor(l / 10))))
  /** Records a batch as sent (its orders SYNCED). */
  const send = (work: Work): void => {
    for (const r of work.batch) {
      expect(sent.has(r.row.key)).toBe(false)
      sent.add(r.row.key)
      if (work.table === 'orders') synced.add(Number(r.row.key))
    }
  }
  return { orderSource, lineSource, send, sent }
}

/** Lets every promise the in-memory sources started settle (no timer, no real time). */
async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve))
}

describe('WorkQueue: items and subitems overlap', () => {
  it('hands out the lines of a finished order batch while other orders are left, each row once, then ends', async () => {
    const b = board(6)
    const queue = new WorkQueue({ orders: b.orderSource, lines: b.lineSource, size: () => 2, stopped: () => false })
    const log: string[] = []
    // two batches in flight at a time, finished in the order they were handed out; a request for
    // the next batch that the queue holds back (it waits for an order batch) stays asked
    const inFlight: Work[] = []
    let asked: Promise<Work | null> | undefined
    let ended = false
    for (;;) {
      while (!ended && inFlight.length < 2) {
        asked ??= queue.next()
        const work = await Promise.race([asked, settled().then(() => 'held' as const)])
        if (work === 'held') break
        asked = undefined
        if (work === null) {
          ended = true
          break
        }
        inFlight.push(work)
        log.push(`${work.table}:${work.batch.map(r => r.row.key).join(',')}`)
      }
      const work = inFlight.shift()
      if (work === undefined) break
      b.send(work)
      queue.done(work)
    }
    expect(ended).toBe(true)
    expect(b.sent.size).toBe(6 * 3)
    // the lines of orders 1 and 2 go before orders 5 and 6 are handed out
    expect(log.findIndex(l => l.startsWith('lines:'))).toBeLessThan(log.findIndex(l => l.includes('orders:5')))
    expect(log.slice(0, 3)).toEqual(['orders:1,2', 'orders:3,4', 'lines:11,12'])
  })

  it('waits for an order batch in flight instead of ending, and reads its lines once it ends', async () => {
    const b = board(2)
    const queue = new WorkQueue({ orders: b.orderSource, lines: b.lineSource, size: () => 5, stopped: () => false })
    const orders = await queue.next()
    expect(orders?.table).toBe('orders')
    let answered: Work | null | undefined
    const waiting = queue.next().then(w => (answered = w))
    await settled()
    expect(answered).toBeUndefined()
    b.send(orders!)
    queue.done(orders!)
    await waiting
    expect(answered?.table).toBe('lines')
    expect(answered?.batch.map(r => r.row.key)).toEqual(['11', '12', '21', '22'])
    b.send(answered!)
    queue.done(answered!)
    expect(await queue.next()).toBeNull()
    expect(queue.ordersDone).toBe(true)
  })
})
