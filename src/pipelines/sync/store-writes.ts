import { type Database, type SqlParams, type SqlValue, type TypedValue, typed } from '../../adapters/sql/database.js'
import type { LineTable, SourceTable, SyncStates } from '../../config/types.js'
import { type ColumnFacts, declaredType, readColumns } from '../../adapters/sql/column-facts.js'
import { chunks, inList, keyText, MAX_LIST, updateReturningKeys } from './sql-text.js'
import type { BatchOutcome, ClaimStamp, SyncTable } from './store-types.js'

/** Reasons are cut to this many characters. */
const REASON_MAX = 1000

/**
 * The writes of the SQL sync store: claims (made, renewed, taken over, ended) and outcomes. Every
 * write to a claimed row names the claim it expects, so a run never changes a row another run
 * holds. A claim, renewal or take-over is one UPDATE per chunk of keys that returns the keys it
 * changed, so what a run holds is exactly what it set (see `updateReturningKeys`).
 */
export class StoreWrites {
  private readonly columns = new Map<string, Promise<Map<string, ColumnFacts>>>()

  constructor(
    protected readonly db: Database,
    protected readonly orders: SourceTable,
    protected readonly lines: LineTable,
    protected readonly states: SyncStates
  ) {}

  /** The state released rows go back to: PENDING when configured, else the first pending state. */
  get releaseState(): string {
    return this.states.pending.includes('PENDING') ? 'PENDING' : (this.states.pending[0] ?? 'PENDING')
  }

  protected table(table: SyncTable): SourceTable {
    return table === 'orders' ? this.orders : this.lines
  }

  /** `state = in progress AND error LIKE this run's claims`, with its parameters. */
  private held(t: SourceTable, params: SqlParams, claim: ClaimStamp): string {
    const q = this.db.quote.bind(this.db)
    params.progress = this.states.inProgress
    params.mine = claim.pattern
    return `${q(t.stateColumn)} = @progress AND ${q(t.errorColumn)} LIKE @mine`
  }

  /** The columns of a source table, read once (SQL Server only: SQLite binds values as they are). */
  private columnsOf(table: string): Promise<Map<string, ColumnFacts>> {
    const cached = this.columns.get(table)
    if (cached) return cached
    const read = this.db.dialect === 'mssql' ? readColumns(this.db, table) : Promise.resolve(new Map())
    this.columns.set(table, read)
    read.catch(() => this.columns.delete(table))
    return read
  }

  /** The key column's T-SQL type (SQL Server's table variable of changed keys). */
  private async keyType(table: SyncTable): Promise<string> {
    const t = this.table(table)
    const key = (await this.columnsOf(t.table)).get(t.key.toLowerCase())
    return key ? declaredType(key) : 'SQL_VARIANT'
  }

  /**
   * Binds values compared with `column` of `t` as that column's type (`typed`): a DATETIME key
   * read back as a JavaScript Date never equals it as a DATETIME2 parameter (compatibility level
   * 130+ compares .003 as .0033333), so claims by such keys found nothing and pages repeated rows;
   * a VARCHAR or CHAR key compares, seeks and sorts in its own type and collation.
   */
  protected async binder(t: SourceTable, column: string): Promise<(value: SqlValue) => SqlValue | TypedValue> {
    const facts = (await this.columnsOf(t.table)).get(column.toLowerCase())
    return value => typed(value, facts)
  }

  /**
   * Per chunk of keys, one UPDATE of the rows `where` selects, returning the keys it changed (see
   * `updateReturningKeys`): what a run holds is exactly what the statement set, whatever ran beside it.
   */
  private async setReturning(
    table: SyncTable,
    keys: readonly SqlValue[],
    where: (params: SqlParams, chunk: readonly SqlValue[]) => string,
    set: string,
    setParams: SqlParams
  ): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    const keyType = await this.keyType(table)
    const key = await this.binder(t, t.key)
    const done = new Set<string>()
    for (const chunk of chunks(keys, MAX_LIST)) {
      const params: SqlParams = { ...setParams }
      const condition = `${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${where(params, chunk)}`
      const changed = await updateReturningKeys(
        this.db,
        { table: q(t.table), key: q(t.key), set, where: condition, limit: chunk.length, keyType },
        params
      )
      for (const k of changed) done.add(keyText(k))
    }
    return done
  }

  async claim(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    return await this.setReturning(
      table,
      keys,
      params => `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`,
      `${q(t.stateColumn)} = @progress, ${q(t.errorColumn)} = @claim`,
      { progress: this.states.inProgress, claim: claim.text }
    )
  }

  async renew(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>> {
    const t = this.table(table)
    return await this.setReturning(
      table,
      keys,
      params => this.held(t, params, claim),
      `${this.db.quote(t.errorColumn)} = @claim`,
      { claim: claim.text }
    )
  }

  /**
   * Reads the claims in progress, keeps those `reclaimable` accepts, and sets the new claim only
   * where the claim text is still the one read (compare and set, per row): of two runs taking over
   * one row at once, one wins and the other's statement skips it.
   */
  async takeOver(
    table: SyncTable,
    keys: readonly SqlValue[],
    claim: ClaimStamp,
    reclaimable: (text: string | null) => boolean
  ): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    const key = await this.binder(t, t.key)
    const seen = new Map<string, string>()
    const chosen: SqlValue[] = []
    for (const chunk of chunks(keys, MAX_LIST)) {
      const params: SqlParams = { progress: this.states.inProgress }
      const rows = await this.db.query<{ k: SqlValue; e: SqlValue }>(
        `SELECT ${q(t.key)} AS k, ${q(t.errorColumn)} AS e FROM ${q(t.table)} ` +
          `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${q(t.stateColumn)} = @progress`,
        params
      )
      for (const row of rows) {
        const text = row.e === null || row.e === undefined ? null : String(row.e)
        if (!reclaimable(text)) continue
        seen.set(keyText(row.k), text ?? '')
        chosen.push(row.k)
      }
    }
    // the text read, per key: `CASE key WHEN @k0 THEN @e0 …` (NULL and '' are both "no claim")
    const unchanged = (params: SqlParams, chunk: readonly SqlValue[]): string => {
      params.progress = this.states.inProgress
      const cases = chunk.map((k, i) => {
        params[`e${i}`] = seen.get(keyText(k)) ?? ''
        return `WHEN @k${i} THEN @e${i}`
      })
      return `${q(t.stateColumn)} = @progress AND COALESCE(${q(t.errorColumn)}, '') = CASE ${q(t.key)} ${cases.join(' ')} END`
    }
    return await this.setReturning(table, chosen, unchanged, `${q(t.errorColumn)} = @claim`, { claim: claim.text })
  }

  async record(table: SyncTable, outcome: BatchOutcome, claim: ClaimStamp | null): Promise<void> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    const guard = (params: SqlParams): string =>
      claim ? this.held(t, params, claim) : `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`
    const key = await this.binder(t, t.key)
    await this.db.transaction(async tx => {
      for (const chunk of chunks(outcome.synced, MAX_LIST / 2)) {
        const ids: SqlParams = {}
        const cases = chunk.map((s, i) => {
          ids[`k${i}`] = key(s.rawKey)
          ids[`v${i}`] = s.itemId
          return `WHEN @k${i} THEN @v${i}`
        })
        const params: SqlParams = { ...ids, synced: this.states.synced }
        const keys = chunk.map((_, i) => `@k${i}`).join(', ')
        const byKey = `CASE ${q(t.key)} ${cases.join(' ')} END`
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @synced, ${q(t.errorColumn)} = NULL, ` +
            `${q(t.itemIdColumn)} = ${byKey} WHERE ${q(t.key)} IN (${keys}) AND ${guard(params)}`,
          params
        )
        // A row that went back to pending while its item was being created (the upstream merge
        // changed it) keeps the new item's id, so its next sync updates that item.
        if (claim) {
          await tx.execute(
            `UPDATE ${q(t.table)} SET ${q(t.itemIdColumn)} = ${byKey} WHERE ${q(t.key)} IN (${keys}) ` +
              `AND ${q(t.itemIdColumn)} IS NULL AND ${q(t.stateColumn)} <> @progress`,
            { ...ids, progress: this.states.inProgress }
          )
        }
      }
      for (const f of outcome.failed) {
        const params: SqlParams = {
          failed: this.states.failed,
          reason: f.reason.slice(0, REASON_MAX),
          key: key(f.rawKey)
        }
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @failed, ${q(t.errorColumn)} = @reason ` +
            `WHERE ${q(t.key)} = @key AND ${guard(params)}`,
          params
        )
      }
      for (const chunk of chunks(outcome.released, MAX_LIST)) {
        const params: SqlParams = { release: this.releaseState }
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @release, ${q(t.errorColumn)} = NULL ` +
            `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${guard(params)}`,
          params
        )
      }
    })
  }

  async markArchived(table: SyncTable, keys: readonly SqlValue[]): Promise<void> {
    if (this.states.removed === undefined || keys.length === 0) return
    const t = this.table(table)
    const l = this.lines
    const q = this.db.quote.bind(this.db)
    const key = await this.binder(t, t.key)
    await this.db.transaction(async tx => {
      for (const chunk of chunks(keys, MAX_LIST)) {
        const params: SqlParams = { archived: this.states.archived, removed: this.states.removed ?? null }
        const list = inList(chunk.map(key), 'k', params)
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @archived, ${q(t.errorColumn)} = NULL ` +
            `WHERE ${q(t.key)} IN (${list}) AND ${q(t.stateColumn)} = @removed`,
          params
        )
        if (table === 'lines') continue
        // an archived item takes its subitems with it: the order's lines follow (unless a run holds one)
        const lines: SqlParams = { archived: this.states.archived, progress: this.states.inProgress }
        const archived =
          `SELECT ${q(t.key)} FROM ${q(t.table)} ` +
          `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', lines)}) AND ${q(t.stateColumn)} = @archived`
        await tx.execute(
          `UPDATE ${q(l.table)} SET ${q(l.stateColumn)} = @archived, ${q(l.errorColumn)} = NULL ` +
            `WHERE ${q(l.parentKey)} IN (${archived}) AND ${q(l.stateColumn)} NOT IN (@progress, @archived)`,
          lines
        )
      }
    })
  }

  async resetLines(orderKeys: readonly SqlValue[]): Promise<void> {
    const l = this.lines
    const q = this.db.quote.bind(this.db)
    const parent = await this.binder(l, l.parentKey)
    for (const chunk of chunks(orderKeys, MAX_LIST)) {
      const params: SqlParams = { release: this.releaseState, synced: this.states.synced, failed: this.states.failed }
      const states = `@synced, @failed, ${inList(this.states.pending, 'p', params)}`
      await this.db.execute(
        `UPDATE ${q(l.table)} SET ${q(l.stateColumn)} = @release, ${q(l.itemIdColumn)} = NULL, ${q(l.errorColumn)} = NULL ` +
          `WHERE ${q(l.parentKey)} IN (${inList(chunk.map(parent), 'k', params)}) AND ${q(l.stateColumn)} IN (${states})`,
        params
      )
    }
  }

  async endClaims(claim: ClaimStamp, ended: string): Promise<number> {
    let changed = 0
    for (const table of ['orders', 'lines'] as const) {
      const t = this.table(table)
      const params: SqlParams = { ended }
      changed += await this.db.execute(
        `UPDATE ${this.db.quote(t.table)} SET ${this.db.quote(t.errorColumn)} = @ended WHERE ${this.held(t, params, claim)}`,
        params
      )
    }
    return changed
  }
}
