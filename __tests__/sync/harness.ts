import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMondayEmulator, type MondayEmulator, type MondayEmulatorOptions } from '../../emulator/monday/index.js'
import { createMondayClient, type DefaultMondayClient } from '../../src/adapters/monday/index.js'
import type { Database, SqlRow } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { loadSyncConfig } from '../../src/config/index.js'
import type { SyncConfig } from '../../src/config/types.js'
import { createDemoSchema, DEMO_BOARD, seedDemoOrders } from '../../src/pipelines/sync/demo-data.js'

/** Emulator settings that let a whole mode finish in seconds: a minute lasts one second. */
export const TIME_SCALE = 60
export const FAST_LIMITS = { complexityPerMinute: 1_000_000_000, requestsPerMinute: 100_000 }

/** An emulator with the demo board, a seeded SQLite database and the example configuration. */
export interface SyncHarness {
  emu: MondayEmulator
  boardId: string
  dir: string
  dbUrl: string
  db: Database
  config: SyncConfig
  client(): DefaultMondayClient
  close(): Promise<void>
}

export async function startHarness(
  seed: { orders: number; linesPerOrder?: number },
  emulator: MondayEmulatorOptions = {}
): Promise<SyncHarness> {
  const emu = await startMondayEmulator({
    plan: 'pro',
    timeScale: TIME_SCALE,
    limits: FAST_LIMITS,
    seed: 7,
    ...emulator
  })
  const board = emu.admin.createBoard({ ...DEMO_BOARD, groups: ['SS26'] })
  const dir = mkdtempSync(join(tmpdir(), 'sync-'))
  const dbUrl = `sqlite:${join(dir, 'orders.db')}`
  const db = await openDatabase(dbUrl)
  await createDemoSchema(db)
  await seedDemoOrders(db, seed)
  const config = loadSyncConfig('configs/pipelines/sync_order_list.toml', { env: { MONDAY_BOARD_ID: board.id } })
  return {
    emu,
    boardId: board.id,
    dir,
    dbUrl,
    db,
    config,
    client: () =>
      createMondayClient({
        url: emu.url,
        token: 'test-token',
        timeScale: TIME_SCALE,
        limits: FAST_LIMITS,
        maxAttempts: 12
      }),
    close: async () => {
      await db.close()
      await emu.close()
    }
  }
}

/** What a board and a database say after a run, and every way they can disagree. */
export interface Verification {
  items: number
  subitems: number
  synced: { orders: number; lines: number }
  problems: string[]
}

type Row = SqlRow

/**
 * Checks exactly-once: every item and subitem on the board carries a distinct sync key, every
 * SYNCED row's id is the item holding its key (with its name, group and parent), and no row that
 * is not SYNCED has an item.
 */
export async function verify(h: Pick<SyncHarness, 'emu' | 'boardId' | 'db'>): Promise<Verification> {
  const problems: string[] = []
  const items = h.emu.admin.items(h.boardId)
  const byKey = new Map<string, (typeof items)[number]>()
  const subByKey = new Map<string, { id: string; name: string; parent: string }>()
  for (const item of items) {
    const key = item.columnValues.sync_key?.text ?? ''
    if (byKey.has(key)) problems.push(`order ${key}: two items (${byKey.get(key)!.id}, ${item.id})`)
    byKey.set(key, item)
    for (const sub of item.subitems) {
      const k = sub.columnValues.sync_key?.text ?? ''
      if (subByKey.has(k)) problems.push(`line ${k}: two subitems`)
      subByKey.set(k, { id: sub.id, name: sub.name, parent: item.id })
    }
  }
  const orders = await h.db.query<Row>(
    'SELECT ORDER_ID, ORDER_NUMBER, SEASON, SYNC_STATE, MONDAY_ITEM_ID FROM ORDER_LIST'
  )
  let syncedOrders = 0
  for (const o of orders) {
    const item = byKey.get(String(o.ORDER_ID))
    if (o.SYNC_STATE !== 'SYNCED') {
      if (item && o.SYNC_STATE !== 'SYNCING')
        problems.push(`order ${String(o.ORDER_ID)} is ${String(o.SYNC_STATE)} but on the board`)
      continue
    }
    syncedOrders += 1
    if (!item) problems.push(`order ${String(o.ORDER_ID)} SYNCED but not on the board`)
    else if (String(o.MONDAY_ITEM_ID) !== item.id)
      problems.push(`order ${String(o.ORDER_ID)}: id ${String(o.MONDAY_ITEM_ID)} != ${item.id}`)
    else if (item.name !== o.ORDER_NUMBER || item.groupTitle !== o.SEASON)
      problems.push(`order ${String(o.ORDER_ID)}: name or group`)
  }
  const lines = await h.db.query<Row>(
    'SELECT l.LINE_ID, l.LINE_NAME, l.SYNC_STATE, l.MONDAY_SUBITEM_ID, o.MONDAY_ITEM_ID AS PARENT FROM ORDER_LIST_LINES l JOIN ORDER_LIST o ON o.ORDER_ID = l.ORDER_ID'
  )
  let syncedLines = 0
  for (const l of lines) {
    const sub = subByKey.get(String(l.LINE_ID))
    if (l.SYNC_STATE !== 'SYNCED') {
      if (sub && l.SYNC_STATE !== 'SYNCING')
        problems.push(`line ${String(l.LINE_ID)} is ${String(l.SYNC_STATE)} but on the board`)
      continue
    }
    syncedLines += 1
    if (!sub) problems.push(`line ${String(l.LINE_ID)} SYNCED but not on the board`)
    else if (String(l.MONDAY_SUBITEM_ID) !== sub.id || sub.parent !== String(l.PARENT) || sub.name !== l.LINE_NAME) {
      problems.push(`line ${String(l.LINE_ID)}: id, parent or name differs`)
    }
  }
  const subitems = items.reduce((n, i) => n + i.subitems.length, 0)
  return {
    items: items.length,
    subitems,
    synced: { orders: syncedOrders, lines: syncedLines },
    problems: problems.slice(0, 20)
  }
}

/** Orders and lines that are not SYNCED, or carry an error (a claim text included): none after a finished sync. */
export async function notSynced(db: Database): Promise<SqlRow[]> {
  return await db.query(
    "SELECT 'order' AS kind, ORDER_ID AS id, SYNC_STATE FROM ORDER_LIST WHERE SYNC_STATE <> 'SYNCED' OR SYNC_ERROR IS NOT NULL " +
      "UNION ALL SELECT 'line', LINE_ID, SYNC_STATE FROM ORDER_LIST_LINES WHERE SYNC_STATE <> 'SYNCED' OR SYNC_ERROR IS NOT NULL"
  )
}

/** Deletes an item (or subitem) on the emulator, as someone would on monday. */
export async function deleteItem(harness: Pick<SyncHarness, 'emu'>, id: string): Promise<void> {
  const response = await fetch(harness.emu.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'test' },
    body: JSON.stringify({ query: 'mutation ($id: ID) { delete_item(item_id: $id) { id } }', variables: { id } })
  })
  if (response.status !== 200) throw new Error(`delete_item ${id}: HTTP ${response.status}`)
}
