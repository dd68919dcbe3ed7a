import { describe, expect, it } from '@jest/globals'
import { runWorkers } from '../../src/pipelines/sync/row-source.js'

/** Work items 0..n-1; each batch waits until the test releases it. */
function harness(n: number) {
  let next = 0
  let running = 0
  const peaks: number[] = []
  const pending: (() => void)[] = []
  const done: number[] = []
  const take = async (): Promise<number | null> => (next < n ? next++ : null)
  const work = async (i: number): Promise<void> => {
    running += 1
    peaks.push(running)
    await new Promise<void>(resolve => pending.push(resolve))
    running -= 1
    done.push(i)
  }
  /** Lets every batch in flight finish, then lets the loops take their next ones. */
  const releaseAll = async (): Promise<number> => {
    const batch = pending.splice(0)
    for (const r of batch) r()
    for (let i = 0; i < 10; i++) await Promise.resolve()
    return batch.length
  }
  return { take, work, releaseAll, done, peaks, running: () => running }
}

describe('runWorkers', () => {
  it('keeps a fixed number of batches going', async () => {
    const h = harness(7)
    const run = runWorkers(3, h.take, h.work, () => false)
    await Promise.resolve()
    const rounds: number[] = []
    while (h.done.length < 7) rounds.push(await h.releaseAll())
    await run
    expect(rounds).toEqual([3, 3, 1])
    expect(Math.max(...h.peaks)).toBe(3)
  })

  it('follows a level read after every batch: more loops when it rises, fewer when it falls', async () => {
    const h = harness(40)
    let level = 2
    const run = runWorkers(
      () => level,
      h.take,
      h.work,
      () => false
    )
    await Promise.resolve()
    const rounds: number[] = [await h.releaseAll()]
    level = 6
    rounds.push(await h.releaseAll())
    rounds.push(await h.releaseAll())
    level = 3
    rounds.push(await h.releaseAll())
    rounds.push(await h.releaseAll())
    while (h.done.length < 40) await h.releaseAll()
    await run
    // a level is read when a batch ends: the second round still ran at 2, the fifth after the fall at 3
    expect(rounds).toEqual([2, 2, 6, 6, 3])
    expect(new Set(h.done).size).toBe(40)
  })

  it('stops taking batches once stopped', async () => {
    const h = harness(100)
    let stopped = false
    const run = runWorkers(
      () => 4,
      h.take,
      h.work,
      () => stopped
    )
    await Promise.resolve()
    await h.releaseAll()
    stopped = true
    await h.releaseAll()
    await run
    expect(h.done).toHaveLength(8)
  })

  it('rejects with a worker error', async () => {
    let n = 0
    const run = runWorkers(
      () => 3,
      async () => (n < 10 ? n++ : null),
      async i => {
        await Promise.resolve()
        if (i === 4) throw new Error('boom')
      },
      () => false
    )
    await expect(run).rejects.toThrow('boom')
  })

  it('when a batch fails, takes no more and throws only after every batch in flight has ended', async () => {
    const h = harness(100)
    let settled = false
    const run = runWorkers(
      4,
      h.take,
      async (i: number) => {
        if (i === 1) throw new Error('the database went away')
        await h.work(i)
      },
      () => false
    ).finally(() => (settled = true))
    run.catch(() => undefined)
    for (let i = 0; i < 10; i++) await Promise.resolve()
    // batches 0, 2 and 3 are still on their way: the run waits for them
    expect(settled).toBe(false)
    expect(h.running()).toBe(3)
    await h.releaseAll()
    await expect(run).rejects.toThrow('the database went away')
    expect(h.done.sort((a, b) => a - b)).toEqual([0, 2, 3])
  })
})
