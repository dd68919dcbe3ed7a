import type { Database, SqlParams, SqlRow, SqlValue } from '../../adapters/sql/database.js'
import type { LineTable, SourceTable, SyncConfig, SyncStates } from '../../config/types.js'
import { chunks, inList, keyText, MAX_LIST, selectPage } from './sql-text.js'
import type { BatchOutcome, LineRow, SyncCounts, SyncRow, SyncStore, SyncTable } from './store-types.js'

export type * from './store-types.js'

/** Reasons are cut to this many characters. */
const REASON_MAX = 1000

/** The default SyncStore over the `Database` seam; every identifier comes from validated config. */
export class SqlSyncStore implements SyncStore {
  private readonly orders: SourceTable
  private readonly lines: LineTable
  private readonly states: SyncStates
  private readonly orderColumns: string[]
  private readonly lineColumns: string[]

  constructor(
    private readonly db: Database,
    config: Pick<SyncConfig, 'orders' | 'lines' | 'states' | 'items' | 'subitems'>
  ) {
    this.orders = config.orders
    this.lines = config.lines
    this.states = config.states
    const o = config.orders
    const l = config.lines
    const orderSources = [config.items.itemName, config.items.group, ...config.items.columns.map(c => c.source)]
    const lineSources = [config.subitems.itemName, ...config.subitems.columns.map(c => c.source)]
    this.orderColumns = unique([o.key, o.stateColumn, o.itemIdColumn, ...orderSources])
    this.lineColumns = unique([l.key, l.parentKey, l.stateColumn, l.itemIdColumn, ...lineSources])
  }

  /** The state released rows go back to: PENDING when configured, else the first pending state. */
  get releaseState(): string {
    return this.states.pending.includes('PENDING') ? 'PENDING' : (this.states.pending[0] ?? 'PENDING')
  }

  async counts(): Promise<SyncCounts> {
    const q = this.db.quote.bind(this.db)
    const params: SqlParams = { progress: this.states.inProgress }
    const pending = inList(this.states.pending, 'p', params)
    const count = (t: SourceTable): string =>
      `SELECT SUM(CASE WHEN ${q(t.stateColumn)} IN (${pending}) THEN 1 ELSE 0 END) AS pending, ` +
      `SUM(CASE WHEN ${q(t.stateColumn)} = @progress THEN 1 ELSE 0 END) AS progress FROM ${q(t.table)}`
    const [o] = await this.db.query<{ pending: number | null; progress: number | null }>(count(this.orders), params)
    const [l] = await this.db.query<{ pending: number | null; progress: number | null }>(count(this.lines), params)
    return {
      pendingOrders: Number(o?.pending ?? 0),
      pendingLines: Number(l?.pending ?? 0),
      inProgressOrders: Number(o?.progress ?? 0),
      inProgressLines: Number(l?.progress ?? 0)
    }
  }

  async pendingOrders(after: SqlValue | null, limit: number): Promise<SyncRow[]> {
    const q = this.db.quote.bind(this.db)
    const params: SqlParams = {}
    const where = [`${q(this.orders.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`]
    if (after !== null) {
      where.push(`${q(this.orders.key)} > @after`)
      params.after = after
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
      params.after = after
    }
    return await this.readLines(where, params, limit)
  }

  async inProgressOrders(): Promise<SyncRow[]> {
    const q = this.db.quote.bind(this.db)
    const rows = await this.db.query(
      `SELECT ${this.orderColumns.map(q).join(', ')} FROM ${q(this.orders.table)} ` +
        `WHERE ${q(this.orders.stateColumn)} = @progress ORDER BY ${q(this.orders.key)}`,
      { progress: this.states.inProgress }
    )
    return rows.map(row => this.orderRow(row))
  }

  async inProgressLines(): Promise<LineRow[]> {
    const where = [`l.${this.db.quote(this.lines.stateColumn)} = @progress`]
    return await this.readLines(where, { progress: this.states.inProgress }, 1_000_000)
  }

  private async readLines(where: string[], params: SqlParams, limit: number): Promise<LineRow[]> {
    const q = this.db.quote.bind(this.db)
    const o = this.orders
    params.synced = this.states.synced
    where.push(`o.${q(o.stateColumn)} = @synced`, `o.${q(o.itemIdColumn)} IS NOT NULL`)
    const sql = selectPage(
      this.db,
      {
        columns: [...this.lineColumns.map(c => `l.${q(c)}`), `o.${q(o.itemIdColumn)} AS ${q('__parent_item_id')}`].join(
          ', '
        ),
        from: `${q(this.lines.table)} l JOIN ${q(o.table)} o ON o.${q(o.key)} = l.${q(this.lines.parentKey)}`,
        where: where.join(' AND '),
        orderBy: `l.${q(this.lines.key)}`
      },
      limit
    )
    return (await this.db.query(sql, params)).map(row => ({
      ...this.lineRow(row),
      parentItemId: keyText(row.__parent_item_id ?? null)
    }))
  }

  private orderRow(row: SqlRow): SyncRow {
    const rawKey = row[this.orders.key] ?? null
    return { key: keyText(rawKey), rawKey, values: row }
  }

  private lineRow(row: SqlRow): Omit<LineRow, 'parentItemId'> {
    const rawKey = row[this.lines.key] ?? null
    return { key: keyText(rawKey), rawKey, values: row, parentKey: keyText(row[this.lines.parentKey] ?? null) }
  }

  private table(table: SyncTable): SourceTable {
    return table === 'orders' ? this.orders : this.lines
  }

  async claim(table: SyncTable, keys: readonly SqlValue[]): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    const lock = this.db.dialect === 'mssql' ? ' WITH (UPDLOCK, ROWLOCK)' : ''
    return await this.db.transaction(async tx => {
      const claimed = new Set<string>()
      for (const chunk of chunks(keys, MAX_LIST)) {
        const params: SqlParams = {}
        const where =
          `${q(t.key)} IN (${inList(chunk, 'k', params)}) AND ` +
          `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`
        const rows = await tx.query(`SELECT ${q(t.key)} AS k FROM ${q(t.table)}${lock} WHERE ${where}`, params)
        if (rows.length === 0) continue
        params.progress = this.states.inProgress
        await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @progress WHERE ${where}`, params)
        for (const row of rows) claimed.add(keyText(row.k ?? null))
      }
      return claimed
    })
  }

  async record(table: SyncTable, outcome: BatchOutcome): Promise<void> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    await this.db.transaction(async tx => {
      for (const chunk of chunks(outcome.synced, MAX_LIST / 2)) {
        const params: SqlParams = { synced: this.states.synced }
        const cases = chunk.map((s, i) => {
          params[`k${i}`] = s.rawKey
          params[`v${i}`] = s.itemId
          return `WHEN @k${i} THEN @v${i}`
        })
        const keys = chunk.map((_, i) => `@k${i}`).join(', ')
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @synced, ${q(t.errorColumn)} = NULL, ` +
            `${q(t.itemIdColumn)} = CASE ${q(t.key)} ${cases.join(' ')} END WHERE ${q(t.key)} IN (${keys})`,
          params
        )
      }
      for (const f of outcome.failed) {
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @failed, ${q(t.errorColumn)} = @reason WHERE ${q(t.key)} = @key`,
          { failed: this.states.failed, reason: f.reason.slice(0, REASON_MAX), key: f.rawKey }
        )
      }
      for (const chunk of chunks(outcome.released, MAX_LIST)) {
        const params: SqlParams = { release: this.releaseState }
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @release WHERE ${q(t.key)} IN (${inList(chunk, 'k', params)})`,
          params
        )
      }
    })
  }
}

function unique(list: readonly (string | undefined)[]): string[] {
  return [...new Set(list.filter((x): x is string => x !== undefined))]
}
