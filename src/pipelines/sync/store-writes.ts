import type { Database, SqlParams, SqlValue } from '../../adapters/sql/database.js'
import type { LineTable, SourceTable, SyncStates } from '../../config/types.js'
import { chunks, inList, keyText, MAX_LIST } from './sql-text.js'
import type { BatchOutcome, ClaimStamp, SyncTable } from './store-types.js'

/** Reasons are cut to this many characters. */
const REASON_MAX = 1000

/**
 * The writes of the SQL sync store: claims (made, renewed, taken over, ended) and outcomes. Every
 * write to a claimed row names the claim it expects, so a run never changes a row another run
 * holds. SQL Server locks the rows it reads for a claim (UPDLOCK, ROWLOCK) until the transaction
 * ends; SQLite's transactions take the write lock up front (BEGIN IMMEDIATE).
 */
export class StoreWrites {
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

  private get lock(): string {
    return this.db.dialect === 'mssql' ? ' WITH (UPDLOCK, ROWLOCK)' : ''
  }

  /** `state = in progress AND error LIKE this run's claims`, with its parameters. */
  private held(t: SourceTable, params: SqlParams, claim: ClaimStamp): string {
    const q = this.db.quote.bind(this.db)
    params.progress = this.states.inProgress
    params.mine = claim.pattern
    return `${q(t.stateColumn)} = @progress AND ${q(t.errorColumn)} LIKE @mine`
  }

  /**
   * In one transaction, per chunk of keys: reads the rows `where` selects (locked), keeps those
   * `accept` takes, and sets `set` on them. Returns the keys changed.
   */
  private async lockAndSet(
    table: SyncTable,
    keys: readonly SqlValue[],
    where: (params: SqlParams) => string,
    set: string,
    setParams: SqlParams,
    accept: (row: { k: SqlValue; e: SqlValue }) => boolean = () => true
  ): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    return await this.db.transaction(async tx => {
      const done = new Set<string>()
      for (const chunk of chunks(keys, MAX_LIST)) {
        const params: SqlParams = {}
        const condition = `${q(t.key)} IN (${inList(chunk, 'k', params)}) AND ${where(params)}`
        const rows = await tx.query<{ k: SqlValue; e: SqlValue }>(
          `SELECT ${q(t.key)} AS k, ${q(t.errorColumn)} AS e FROM ${q(t.table)}${this.lock} WHERE ${condition}`,
          params
        )
        const chosen = rows.filter(accept).map(r => r.k)
        if (chosen.length === 0) continue
        const update: SqlParams = { ...setParams }
        await tx.execute(
          `UPDATE ${q(t.table)} SET ${set} WHERE ${q(t.key)} IN (${inList(chosen, 'c', update)})`,
          update
        )
        for (const k of chosen) done.add(keyText(k))
      }
      return done
    })
  }

  async claim(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    return await this.lockAndSet(
      table,
      keys,
      params => `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`,
      `${q(t.stateColumn)} = @progress, ${q(t.errorColumn)} = @claim`,
      { progress: this.states.inProgress, claim: claim.text }
    )
  }

  async renew(table: SyncTable, keys: readonly SqlValue[], claim: ClaimStamp): Promise<Set<string>> {
    const t = this.table(table)
    return await this.lockAndSet(
      table,
      keys,
      params => this.held(t, params, claim),
      `${this.db.quote(t.errorColumn)} = @claim`,
      { claim: claim.text }
    )
  }

  async takeOver(
    table: SyncTable,
    keys: readonly SqlValue[],
    claim: ClaimStamp,
    reclaimable: (text: string | null) => boolean
  ): Promise<Set<string>> {
    const t = this.table(table)
    return await this.lockAndSet(
      table,
      keys,
      params => {
        params.progress = this.states.inProgress
        return `${this.db.quote(t.stateColumn)} = @progress`
      },
      `${this.db.quote(t.errorColumn)} = @claim`,
      { claim: claim.text },
      row => reclaimable(row.e === null || row.e === undefined ? null : String(row.e))
    )
  }

  async record(table: SyncTable, outcome: BatchOutcome, claim: ClaimStamp | null): Promise<void> {
    const t = this.table(table)
    const q = this.db.quote.bind(this.db)
    const guard = (params: SqlParams): string =>
      claim ? this.held(t, params, claim) : `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`
    await this.db.transaction(async tx => {
      for (const chunk of chunks(outcome.synced, MAX_LIST / 2)) {
        const ids: SqlParams = {}
        const cases = chunk.map((s, i) => {
          ids[`k${i}`] = s.rawKey
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
        const params: SqlParams = { failed: this.states.failed, reason: f.reason.slice(0, REASON_MAX), key: f.rawKey }
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
            `WHERE ${q(t.key)} IN (${inList(chunk, 'k', params)}) AND ${guard(params)}`,
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
    await this.db.transaction(async tx => {
      for (const chunk of chunks(keys, MAX_LIST)) {
        const params: SqlParams = { archived: this.states.archived, removed: this.states.removed ?? null }
        const list = inList(chunk, 'k', params)
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
          `WHERE ${q(t.key)} IN (${inList(chunk, 'k', lines)}) AND ${q(t.stateColumn)} = @archived`
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
    for (const chunk of chunks(orderKeys, MAX_LIST)) {
      const params: SqlParams = { release: this.releaseState, synced: this.states.synced, failed: this.states.failed }
      const states = `@synced, @failed, ${inList(this.states.pending, 'p', params)}`
      await this.db.execute(
        `UPDATE ${q(l.table)} SET ${q(l.stateColumn)} = @release, ${q(l.itemIdColumn)} = NULL, ${q(l.errorColumn)} = NULL ` +
          `WHERE ${q(l.parentKey)} IN (${inList(chunk, 'k', params)}) AND ${q(l.stateColumn)} IN (${states})`,
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
