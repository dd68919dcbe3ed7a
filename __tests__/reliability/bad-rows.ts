import type { Database } from '../../src/adapters/sql/database.js'

/** A source row made invalid on purpose, and the column its failure reason must name. */
export interface BadRow {
  table: 'ORDER_LIST' | 'ORDER_LIST_LINES'
  key: number
  column: string
  value: string | null
  /** A monday column id the reason may name instead of the SQL column. */
  mondayColumn?: string
}

/** Rows that are unusual but valid: they must reach the board exactly as they are. */
export const ODD_BUT_VALID: { key: number; name: string }[] = [
  { key: 3, name: `PO "quoted" {braces} 'single' \\back\\ [x] <b>&amp;</b> $\{MONDAY_API_TOKEN}` },
  { key: 4, name: 'PO 🚀 émoji ✓ 中文 — “typographic”' },
  { key: 5, name: 'P'.repeat(255) },
  { key: 6, name: "'; DROP TABLE ORDER_LIST; --" }
]

/** Orders and lines (by key) made invalid, each in one column. Line keys are ORDER_ID * 100 + n. */
export const BAD_ROWS: BadRow[] = [
  { table: 'ORDER_LIST', key: 10, column: 'ORDER_NUMBER', value: 'N'.repeat(256), mondayColumn: 'name' },
  { table: 'ORDER_LIST', key: 11, column: 'ORDER_NUMBER', value: null, mondayColumn: 'name' },
  { table: 'ORDER_LIST', key: 12, column: 'ORDER_DATE', value: '2026-02-30', mondayColumn: 'order_date' },
  { table: 'ORDER_LIST', key: 13, column: 'DUE_DATE', value: 'next week', mondayColumn: 'due_date' },
  { table: 'ORDER_LIST', key: 14, column: 'TOTAL_QTY', value: '12 dozen', mondayColumn: 'total_qty' },
  { table: 'ORDER_LIST', key: 15, column: 'ORDER_STATUS', value: 'Teleported', mondayColumn: 'status' },
  { table: 'ORDER_LIST_LINES', key: 2001, column: 'SIZE', value: 'XXXXL', mondayColumn: 'size' },
  { table: 'ORDER_LIST_LINES', key: 2102, column: 'QTY', value: 'NaN', mondayColumn: 'qty' },
  { table: 'ORDER_LIST_LINES', key: 2201, column: 'SHIP_DATE', value: '31/12/2026', mondayColumn: 'ship_date' },
  { table: 'ORDER_LIST_LINES', key: 2302, column: 'LINE_NAME', value: null, mondayColumn: 'name' }
]

/** A name monday may take or refuse: either on the board exactly, or FAILED naming the column. */
export const EITHER_WAY = { key: 16, name: 'PO line one\nline two\ttab' }

/** Writes the odd and bad values into seeded rows. */
export async function plantRows(db: Database): Promise<void> {
  for (const odd of ODD_BUT_VALID) {
    await db.execute('UPDATE ORDER_LIST SET ORDER_NUMBER = @v WHERE ORDER_ID = @k', { v: odd.name, k: odd.key })
  }
  await db.execute('UPDATE ORDER_LIST SET ORDER_NUMBER = @v WHERE ORDER_ID = @k', {
    v: EITHER_WAY.name,
    k: EITHER_WAY.key
  })
  for (const bad of BAD_ROWS) {
    const key = bad.table === 'ORDER_LIST' ? 'ORDER_ID' : 'LINE_ID'
    await db.execute(`UPDATE ${bad.table} SET ${bad.column} = @v WHERE ${key} = @k`, { v: bad.value, k: bad.key })
  }
}
