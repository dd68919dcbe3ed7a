import { describe, expect, it } from '@jest/globals'
import { runSync } from '../../src/pipelines/sync/run.js'
import { deleteItem, notSynced, type SyncHarness, startHarness, verify } from '../sync/harness.js'
import type { ChildResult } from './child.js'
import { type KillableSync, killableSync, killPlan } from './kill-points.js'
import { SCALE, count } from './tally.js'

const TOKEN = 'tok-KILL-UPDATE-71d2'
const ORDERS = 30
const LINES = 2
const SEED = Number(process.env.KILL_SEED ?? 18_2026)
const SINGLE = 8 * SCALE
const CHAINS = 2 * SCALE
const PER_CHAIN = 3

const { singles, chains } = killPlan(SEED, SINGLE, CHAINS, PER_CHAIN, 0.6)

/**
 * The kill chain of an update run: every order changed upstream (customer, name; every fifth
 * moves to a new season's group), every other line changed, two items deleted on monday (created
 * again, their lines with them). The CLI is killed at a mutation of that run (before monday sees
 * it, after monday ran it with the answer lost, or after the answer), then run again: every item
 * and subitem exactly once, with the latest values.
 */
describe(`an update run survives SIGKILL (seed ${SEED}: ${SINGLE} kill points, ${CHAINS} chains of ${PER_CHAIN})`, () => {
  let span = 0
  let landed = 0

  async function setup(): Promise<KillableSync> {
    const h = await startHarness({ orders: ORDERS, linesPerOrder: LINES })
    await runSync({ client: h.client(), db: h.db }, { config: h.config })
    await h.db.execute(
      "UPDATE ORDER_LIST SET CUSTOMER = 'v2-' || ORDER_ID, ORDER_NUMBER = ORDER_NUMBER || '-v2', " +
        "SEASON = CASE WHEN ORDER_ID % 5 = 0 THEN 'SS28' ELSE SEASON END, SYNC_STATE = 'PENDING'"
    )
    await h.db.execute("UPDATE ORDER_LIST_LINES SET QTY = QTY + 1000, SYNC_STATE = 'PENDING' WHERE LINE_ID % 2 = 0")
    const gone = await h.db.query<{ MONDAY_ITEM_ID: number }>(
      'SELECT MONDAY_ITEM_ID FROM ORDER_LIST WHERE ORDER_ID IN (3, 17)'
    )
    for (const g of gone) await deleteItem(h, String(g.MONDAY_ITEM_ID))
    return await killableSync(h, TOKEN, { max: 6, min: 3, concurrency: 3, checkpoint: 3 })
  }

  /** Every order and line once, SYNCED, and every item showing its row's latest values. */
  async function expectLatest(h: SyncHarness, final: ChildResult): Promise<void> {
    expect({ code: final.code, token: (final.stdout + final.stderr).includes(TOKEN) }).toEqual({
      code: 0,
      token: false
    })
    expect(await verify(h)).toEqual({
      items: ORDERS,
      subitems: ORDERS * LINES,
      synced: { orders: ORDERS, lines: ORDERS * LINES },
      problems: []
    })
    expect(await notSynced(h.db)).toEqual([])
    const orders = await h.db.query<{ ORDER_ID: number; CUSTOMER: string }>('SELECT ORDER_ID, CUSTOMER FROM ORDER_LIST')
    const lines = await h.db.query<{ LINE_ID: number; QTY: number }>('SELECT LINE_ID, QTY FROM ORDER_LIST_LINES')
    const items = h.emu.admin.items(h.boardId)
    const customer = new Map(items.map(i => [i.columnValues.sync_key?.text, i.columnValues.customer?.text]))
    const qty = new Map(
      items.flatMap(i => i.subitems).map(s => [s.columnValues.sync_key?.text, s.columnValues.qty?.text])
    )
    expect(orders.filter(o => customer.get(String(o.ORDER_ID)) !== o.CUSTOMER)).toEqual([])
    expect(lines.filter(l => qty.get(String(l.LINE_ID)) !== String(l.QTY))).toEqual([])
    count('rows', ORDERS * (1 + LINES))
  }

  it('a clean update run writes the latest values (and sets the span of the kill points)', async () => {
    const s = await setup()
    try {
      await expectLatest(s.h, await s.run())
      span = s.mutations()
      expect(span).toBeGreaterThan(5)
    } finally {
      await s.close()
    }
  })

  it.each(singles)(
    'kill point $index ($moment at $fraction of the mutations, +$delayMs ms): the re-run ends with the latest values',
    async kill => {
      expect(span).toBeGreaterThan(0)
      const s = await setup()
      try {
        const killed = await s.run(kill, span)
        expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true)
        await expectLatest(s.h, await s.run())
        if (killed.signal === 'SIGKILL') landed += 1
        // the tally counts kill points tried: whether a late one lands varies with timing
        count('killPoints')
      } finally {
        await s.close()
      }
    }
  )

  it.each(chains)(
    'chain $index: killed again in each re-run, then finished with the latest values',
    async ({ points }) => {
      const s = await setup()
      try {
        let kills = 0
        for (const p of points) {
          const result = await s.run(p, span)
          if (result.signal === 'SIGKILL') kills += 1
          else expect(result.code).toBe(0)
        }
        expect(kills).toBeGreaterThan(0)
        await expectLatest(s.h, await s.run())
        landed += kills
        count('killPoints', points.length)
      } finally {
        await s.close()
      }
    },
    600_000
  )

  it('most single kill points landed while the process was running', () => {
    expect(landed).toBeGreaterThanOrEqual(Math.floor(SINGLE * 0.75))
  })
})
