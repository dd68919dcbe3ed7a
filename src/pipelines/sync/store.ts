import type { Database, SqlParams, SqlRow, SqlValue } from '../../adapters/sql/database.js'
import type { SourceTable, SyncConfig } from '../../config/types.js'
import { inList, keyText, selectPage } from './sql-text.js'
import { StoreWrites } from './store-writes.js'
import type { LineRow, SyncCounts, SyncRow, SyncStore, SyncTable, WaitingOrder } from './store-types.js'

export type * from './store-types.js'

/** The default SyncStore over the `Database` seam; every identifier comes from validated config. */
export class SqlSyncStore extends StoreWrites implements SyncStore {
  private readonly orderColumns: string[]
  private readonly lineColumns: string[]

  constructor(db: Database, config: Pick<SyncConfig, 'orders' | 'lines' | 'states' | 'items' | 'subitems'>) {
    super(db, config.orders, config.lines, config.states)
    const o = config.orders
    const l = config.lines
    const orderSources = [config.items.itemName, config.items.group, ...config.items.columns.map(c => c.source)]
    const lineSources = [config.subitems.itemName, ...config.subitems.columns.map(c => c.source)]
    this.orderColumns = unique([o.key, o.stateColumn, o.itemIdColumn, ...orderSources])
    this.lineColumns = unique([l.key, l.parentKey, l.stateColumn, l.itemIdColumn, ...lineSources])
  }

  async counts(): Promise<SyncCounts> {
    const q = this.db.quote.bind(this.db)
    const params: SqlParams = { progress: this.states.inProgress, removed: this.states.removed ?? null }
    const pending = inList(this.states.pending, 'p', params)
    const count = (t: SourceTable): string =>
      `SELECT SUM(CASE WHEN ${q(t.stateColumn)} IN (${pending}) THEN 1 ELSE 0 END) AS pending, ` +
      `SUM(CASE WHEN ${q(t.stateColumn)} IN (${pending}) AND ${q(t.itemIdColumn)} IS NOT NULL THEN 1 ELSE 0 END) AS updates, ` +
      `SUM(CASE WHEN ${q(t.stateColumn)} = @progress THEN 1 ELSE 0 END) AS progress, ` +
      `SUM(CASE WHEN ${q(t.stateColumn)} = @removed THEN 1 ELSE 0 END) AS removed FROM ${q(t.table)}`
    type Count = { pending: number | null; updates: number | null; progress: number | null; removed: number | null }
    const [o] = await this.db.query<Count>(count(this.orders), params)
    const [l] = await this.db.query<Count>(count(this.lines), params)
    const waitingParams: SqlParams = {}
    const w = this.waitingFrom(waitingParams)
    const waiting = await this.db.query<{ n: number | null }>(
      `SELECT COUNT(*) AS n FROM ${w.from} WHERE ${w.where}`,
      waitingParams
    )
    return {
      pendingOrders: Number(o?.pending ?? 0),
      pendingLines: Number(l?.pending ?? 0),
      inProgressOrders: Number(o?.progress ?? 0),
      inProgressLines: Number(l?.progress ?? 0),
      orderUpdates: Number(o?.updates ?? 0),
      lineUpdates: Number(l?.updates ?? 0),
      removedOrders: Number(o?.removed ?? 0),
      removedLines: Number(l?.removed ?? 0),
      waitingLines: Number(waiting[0]?.n ?? 0)
    }
  }

  /** Pending lines joined to their FAILED order (`FROM` and `WHERE` of a query). */
  private waitingFrom(params: SqlParams): { from: string; where: string } {
    const q = this.db.quote.bind(this.db)
    const o = this.orders
    const l = this.lines
    params.wfailed = this.states.failed
    const pending = inList(this.states.pending, 'wp', params)
    return {
      from: `${q(l.table)} l JOIN ${q(o.table)} o ON o.${q(o.key)} = l.${q(l.parentKey)}`,
      where: `o.${q(o.stateColumn)} = @wfailed AND l.${q(l.stateColumn)} IN (${pending})`
    }
  }

  async waitingOrders(limit: number): Promise<WaitingOrder[]> {
    const q = this.db.quote.bind(this.db)
    const params: SqlParams = {}
    const w = this.waitingFrom(params)
    const o = this.orders
    const rows = await this.db.query(
      selectPage(
        this.db,
        {
          columns: `o.${q(o.key)} AS k, MAX(o.${q(o.errorColumn)}) AS reason, COUNT(*) AS n`,
          from: w.from,
          where: `${w.where} GROUP BY o.${q(o.key)}`,
          orderBy: `o.${q(o.key)}`
        },
        limit
      ),
      params
    )
    return rows.map(r => ({ orderKey: keyText(r.k ?? null), reason: String(r.reason ?? ''), lines: Number(r.n) }))
  }

  async pendingOrders(after: SqlValue | null, limit: number): Promise<SyncRow[]> {
    const params: SqlParams = {}
    return await this.readOrders(`IN (${inList(this.states.pending, 'p', params)})`, params, after, limit)
  }

  async removedRows(table: SyncTable, after: SqlValue | null, limit: number): Promise<SyncRow[]> {
    if (this.states.removed === undefined) return []
    const params: SqlParams = { removed: this.states.removed }
    if (table === 'orders') return await this.readOrders('= @removed', params, after, limit)
    const q = this.db.quote.bind(this.db)
    const l = this.lines
    const where = [`${q(l.stateColumn)} = @removed`]
    if (after !== null) {
      where.push(`${q(l.key)} > @after`)
      params.after = (await this.binder(l, l.key))(after)
    }
    const sql = selectPage(
      this.db,
      { columns: this.lineColumns.map(q).join(', '), from: q(l.table), where: where.join(' AND '), orderBy: q(l.key) },
      limit
    )
    return (await this.db.query(sql, params)).map(row => this.lineRow(row))
  }

  private async readOrders(state: string, params: SqlParams, after: SqlValue | null, limit: number) {
    const q = this.db.quote.bind(this.db)
    const where = [`${q(this.orders.stateColumn)} ${state}`]
    if (after !== null) {
      where.push(`${q(this.orders.key)} > @after`)
      params.after = (await this.binder(this.orders, this.orders.key))(after)
    }
    const sql = selectPage(
      this.db,
      {
        columns: this.orderColumns.map(q).join(', '),
        from: q(this.orders.table),
        where: where.join(' AND '),
        orderBy: q(this.orders.key)
      },
      limit
    )
    return (await this.db.query(sql, params)).map(row => this.orderRow(row))
  }

  async pendingLines(after: SqlValue | null, limit: number): Promise<LineRow[]> {
    const params: SqlParams = {}
    const where = [`l.${this.db.quote(this.lines.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`]
    if (after !== null) {
      where.push(`l.${this.db.quote(this.lines.key)} > @after`)
      params.after = (await this.binder(this.lines, this.lines.key))(after)
    }
    return await this.readLines(where, params, limit)
  }

  async inProgressOrders(): Promise<SyncRow[]> {
    const q = this.db.quote.bind(this.db)
    const o = this.orders
    const rows = await this.db.query(
      `SELECT ${[...this.orderColumns, o.errorColumn].map(q).join(', ')} FROM ${q(o.table)} ` +
        `WHERE ${q(o.stateColumn)} = @progress ORDER BY ${q(o.key)}`,
      { progress: this.states.inProgress }
    )
    return rows.map(row => ({ ...this.orderRow(row), claim: textOrNull(row[o.errorColumn]) }))
  }

  async inProgressLines(): Promise<LineRow[]> {
    const where = [`l.${this.db.quote(this.lines.stateColumn)} = @progress`]
    return await this.readLines(where, { progress: this.states.inProgress }, 1_000_000, true)
  }

  private async readLines(where: string[], params: SqlParams, limit: number, withClaim = false): Promise<LineRow[]> {
    const q = this.db.quote.bind(this.db)
    const o = this.orders
    const l = this.lines
    // a pending line waits for its order to be synced; a line in progress only needs its parent
    if (!withClaim) {
      params.synced = this.states.synced
      where.push(`o.${q(o.stateColumn)} = @synced`)
    }
    where.push(`o.${q(o.itemIdColumn)} IS NOT NULL`)
    const columns = [...this.lineColumns.map(c => `l.${q(c)}`), `o.${q(o.itemIdColumn)} AS ${q('__parent_item_id')}`]
    if (withClaim) columns.push(`l.${q(l.errorColumn)} AS ${q('__claim')}`)
    const sql = selectPage(
      this.db,
      {
        columns: columns.join(', '),
        from: `${q(l.table)} l JOIN ${q(o.table)} o ON o.${q(o.key)} = l.${q(l.parentKey)}`,
        where: where.join(' AND '),
        orderBy: `l.${q(l.key)}`
      },
      limit
    )
    return (await this.db.query(sql, params)).map(row => ({
      ...this.lineRow(row),
      parentItemId: keyText(row.__parent_item_id ?? null),
      ...(withClaim ? { claim: textOrNull(row.__claim) } : {})
    }))
  }

  private orderRow(row: SqlRow): SyncRow {
    const rawKey = row[this.orders.key] ?? null
    return { key: keyText(rawKey), rawKey, values: row, itemId: idOrNull(row[this.orders.itemIdColumn]) }
  }

  private lineRow(row: SqlRow): LineRow {
    const rawKey = row[this.lines.key] ?? null
    return {
      key: keyText(rawKey),
      rawKey,
      values: row,
      itemId: idOrNull(row[this.lines.itemIdColumn]),
      parentKey: keyText(row[this.lines.parentKey] ?? null),
      parentItemId: ''
    }
  }
}

function unique(list: readonly (string | undefined)[]): string[] {
  return [...new Set(list.filter((x): x is string => x !== undefined))]
}

const textOrNull = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v))
const idOrNull = (v: SqlValue | undefined): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : keyText(v)
