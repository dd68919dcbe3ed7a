/**
 * The demo schema (ORDER_LIST and ORDER_LIST_LINES delta tables) and realistic seed orders, for
 * the demo, the benchmark and the tests. SQL Server users get the same tables from
 * `sql/sqlserver/order_list.sql`.
 */
import type { ColumnSpec, Database, SqlValue } from '../../adapters/sql/database.js'
import { openDatabase } from '../../adapters/sql/open.js'
import { seededRandom } from '../../engine/clock.js'

export const ORDER_COLUMNS: ColumnSpec[] = [
  { name: 'ORDER_ID', type: 'bigint', nullable: false },
  { name: 'ORDER_NUMBER', type: 'shorttext' },
  { name: 'CUSTOMER', type: 'shorttext' },
  { name: 'SEASON', type: 'shorttext' },
  { name: 'CATEGORY', type: 'shorttext' },
  { name: 'ORDER_STATUS', type: 'shorttext' },
  { name: 'ORDER_DATE', type: 'shorttext' },
  { name: 'DUE_DATE', type: 'shorttext' },
  { name: 'TOTAL_QTY', type: 'integer' },
  { name: 'NOTES', type: 'text' },
  { name: 'SYNC_STATE', type: 'shorttext', nullable: false },
  { name: 'MONDAY_ITEM_ID', type: 'bigint' },
  { name: 'SYNC_ERROR', type: 'text' }
]

export const LINE_COLUMNS: ColumnSpec[] = [
  { name: 'LINE_ID', type: 'bigint', nullable: false },
  { name: 'ORDER_ID', type: 'bigint', nullable: false },
  { name: 'LINE_NAME', type: 'shorttext' },
  { name: 'STYLE', type: 'shorttext' },
  { name: 'SIZE', type: 'shorttext' },
  { name: 'COLOR', type: 'shorttext' },
  { name: 'QTY', type: 'integer' },
  { name: 'SHIP_DATE', type: 'shorttext' },
  { name: 'SYNC_STATE', type: 'shorttext', nullable: false },
  { name: 'MONDAY_SUBITEM_ID', type: 'bigint' },
  { name: 'SYNC_ERROR', type: 'text' }
]

export const CUSTOMERS = [
  'Nordstrom',
  'Zalando',
  'ASOS',
  'El Corte Inglés',
  'Galeries Lafayette',
  "Macy's",
  'Selfridges'
]
export const SEASONS = ['SS26', 'FW26', 'SS27']
export const CATEGORIES = ['Apparel', 'Footwear', 'Accessories']
export const ORDER_STATUSES = ['New', 'Confirmed', 'In production', 'Shipped']
export const SIZES = ['XS', 'S', 'M', 'L', 'XL']
export const COLORS = ['Black', 'Navy', 'Ecru', 'Olive', 'Rust', 'Stone']

/** The demo board for the emulator's `createBoard`: column ids match `configs/pipelines/sync_order_list.toml`. */
export const DEMO_BOARD = {
  name: 'ORDER_LIST',
  columns: [
    { id: 'sync_key', title: 'Sync key', type: 'text' },
    { id: 'customer', title: 'Customer', type: 'text' },
    { id: 'category', title: 'Category', type: 'dropdown', labels: CATEGORIES },
    { id: 'status', title: 'Status', type: 'status', labels: ORDER_STATUSES },
    { id: 'order_date', title: 'Order date', type: 'date' },
    { id: 'due_date', title: 'Due date', type: 'date' },
    { id: 'total_qty', title: 'Total qty', type: 'numbers' },
    { id: 'notes', title: 'Notes', type: 'long_text' }
  ],
  subitemColumns: [
    { id: 'sync_key', title: 'Sync key', type: 'text' },
    { id: 'size', title: 'Size', type: 'dropdown', labels: SIZES },
    { id: 'color', title: 'Color', type: 'text' },
    { id: 'qty', title: 'Qty', type: 'numbers' },
    { id: 'ship_date', title: 'Ship date', type: 'date' }
  ]
}

/** Creates both tables (and their state indexes) when missing. */
export async function createDemoSchema(
  db: Database,
  tables = { orders: 'ORDER_LIST', lines: 'ORDER_LIST_LINES' }
): Promise<void> {
  const create = async (table: string, columns: ColumnSpec[], key: string): Promise<void> => {
    const defs = columns.map(c => {
      const pk = c.name === key ? ' PRIMARY KEY' : ''
      return `${db.quote(c.name)} ${db.typeOf(c.type)}${c.nullable === false ? ' NOT NULL' : ' NULL'}${pk}`
    })
    const bare = table.split('.').pop() ?? table
    const index = db.quote(`ix_${bare}_state`)
    if (db.dialect === 'sqlite') {
      await db.execute(`CREATE TABLE IF NOT EXISTS ${db.quote(table)} (${defs.join(', ')})`)
      await db.execute(`CREATE INDEX IF NOT EXISTS ${index} ON ${db.quote(table)} (${db.quote('SYNC_STATE')})`)
      return
    }
    const literal = table.replace(/'/g, "''")
    await db.execute(`IF OBJECT_ID(N'${literal}', N'U') IS NULL CREATE TABLE ${db.quote(table)} (${defs.join(', ')})`)
    await db.execute(
      `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_${bare}_state' AND object_id = OBJECT_ID(N'${literal}')) ` +
        `CREATE INDEX ${index} ON ${db.quote(table)} (${db.quote('SYNC_STATE')})`
    )
  }
  await create(tables.orders, ORDER_COLUMNS, 'ORDER_ID')
  await create(tables.lines, LINE_COLUMNS, 'LINE_ID')
}

/** Options of `seedDemoOrders`. */
export interface SeedOptions {
  orders: number
  /** Lines per order; default 5. */
  linesPerOrder?: number
  /** First ORDER_ID; default 1. Line ids are ORDER_ID * 100 + n. */
  firstId?: number
  /** Seed of the generator; default 1. */
  seed?: number
  tables?: { orders: string; lines: string }
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T
const day = (base: number, offset: number): string => new Date(base + offset * 86_400_000).toISOString().slice(0, 10)

/** Inserts `orders` orders in state NEW, each with its lines; returns the counts. */
export async function seedDemoOrders(db: Database, options: SeedOptions): Promise<{ orders: number; lines: number }> {
  const r = seededRandom(options.seed ?? 1)
  const per = options.linesPerOrder ?? 5
  const first = options.firstId ?? 1
  const tables = options.tables ?? { orders: 'ORDER_LIST', lines: 'ORDER_LIST_LINES' }
  const base = Date.UTC(2026, 0, 5)
  const orders: SqlValue[][] = []
  const lines: SqlValue[][] = []
  for (let i = 0; i < options.orders; i++) {
    const id = first + i
    const ordered = Math.floor(r() * 300)
    let total = 0
    const style = `ST-${1000 + Math.floor(r() * 9000)}`
    for (let n = 1; n <= per; n++) {
      const qty = 6 * (1 + Math.floor(r() * 40))
      total += qty
      const size = SIZES[(n - 1) % SIZES.length]!
      const color = pick(COLORS, r)
      lines.push([
        id * 100 + n,
        id,
        `${style} ${color} ${size}`,
        style,
        size,
        color,
        qty,
        day(base, ordered + 30 + n),
        'NEW',
        null,
        null
      ])
    }
    const notes = r() < 0.3 ? `Pack by size; label with PO ${id}. Call before delivery.` : null
    orders.push([
      id,
      `PO-${String(id).padStart(6, '0')}`,
      pick(CUSTOMERS, r),
      pick(SEASONS, r),
      pick(CATEGORIES, r),
      pick(ORDER_STATUSES, r),
      day(base, ordered),
      day(base, ordered + 45),
      total,
      notes,
      r() < 0.5 ? 'NEW' : 'PENDING',
      null,
      null
    ])
  }
  for (let i = 0; i < orders.length; i += 1000)
    await db.insertMany(tables.orders, ORDER_COLUMNS, orders.slice(i, i + 1000))
  for (let i = 0; i < lines.length; i += 1000) await db.insertMany(tables.lines, LINE_COLUMNS, lines.slice(i, i + 1000))
  return { orders: orders.length, lines: lines.length }
}

/** Opens `databaseUrl`, creates the demo schema and seeds it (demo, benchmarks). */
export async function seedDemoDatabase(
  databaseUrl: string,
  options: SeedOptions
): Promise<{ orders: number; lines: number }> {
  const db = await openDatabase(databaseUrl, 'demo database')
  try {
    await createDemoSchema(db, options.tables)
    return await seedDemoOrders(db, options)
  } finally {
    await db.close()
  }
}
