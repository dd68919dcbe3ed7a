import sql from 'mssql'
import { DatabaseError, messageOf } from '../../errors.js'
import { redact } from '../../redaction.js'
import {
  type ColumnSpec,
  type Database,
  type HeldLock,
  type SqlColumnType,
  type SqlParams,
  type SqlRow,
  type SqlValue,
  TypedValue
} from './database.js'
import { type ColumnFacts, readColumns } from './column-facts.js'
import { redactUrl } from './database-url.js'
import { quoteIdentifier } from './identifiers.js'
import { type MssqlUrlOptions, parseMssqlUrl } from './mssql-config.js'
import { type SqlRetryOptions, retrySql } from './sql-retry.js'

export { parseMssqlUrl } from './mssql-config.js'

type MssqlType = sql.ISqlType | (() => sql.ISqlType)

/** SQL types of the project's columns; NVARCHAR(450) keeps a short text column indexable (900 bytes). */
const TYPES: Record<SqlColumnType, string> = {
  text: 'NVARCHAR(MAX)',
  shorttext: 'NVARCHAR(450)',
  // monday numbers and ids exceed 2^31 - 1; tedious refuses them for INT, failing a whole bulk batch
  integer: 'BIGINT',
  bigint: 'BIGINT',
  real: 'FLOAT',
  decimal: 'DECIMAL(38,10)',
  boolean: 'BIT',
  datetime: 'DATETIME2',
  json: 'NVARCHAR(MAX)'
}

/** The driver type of each column type, for bulk insert (must match the column's declaration). */
const BULK_TYPES: Record<SqlColumnType, () => sql.ISqlType> = {
  text: () => sql.NVarChar(sql.MAX),
  shorttext: () => sql.NVarChar(450),
  integer: () => sql.BigInt(),
  bigint: () => sql.BigInt(),
  real: () => sql.Float(),
  decimal: () => sql.Decimal(38, 10),
  boolean: () => sql.Bit(),
  datetime: () => sql.DateTime2(7),
  json: () => sql.NVarChar(sql.MAX)
}

/** Text every code page SQL Server uses for VARCHAR encodes alike (UTF-8 and DBCS included). */
const isAscii = (text: string): boolean => [...text].every(c => c.charCodeAt(0) < 0x80)

/**
 * The parameter type inferred from a value: fixed lengths keep SQL Server's plan cache small.
 * ASCII text goes as VARCHAR: against a VARCHAR key or state column (ERP tables) the column is then
 * neither converted (CONVERT_IMPLICIT turns seeks into scans) nor compared in NVARCHAR's order, which
 * under SQL_* collations differs from the column's `ORDER BY` (hyphens), so key-set pages neither
 * skip nor repeat rows; against an NVARCHAR column the parameter is the side converted, losslessly.
 * Other text stays NVARCHAR so nothing is lost; `typed()` binds a column's exact type.
 */
export function typeOfValue(value: SqlValue): MssqlType {
  if (value === null) return sql.NVarChar(4000)
  if (typeof value === 'string' && isAscii(value)) return value.length > 8000 ? sql.VarChar(sql.MAX) : sql.VarChar(8000)
  if (typeof value === 'string') return value.length > 4000 ? sql.NVarChar(sql.MAX) : sql.NVarChar(4000)
  if (typeof value === 'bigint') return sql.BigInt()
  if (typeof value === 'number') return Number.isSafeInteger(value) ? sql.BigInt() : sql.Float()
  if (typeof value === 'boolean') return sql.Bit()
  if (value instanceof Date) return sql.DateTime2(7)
  return sql.VarBinary(sql.MAX)
}

/** The driver type of a column as `sys.columns` describes it; undefined for types left to the spec. */
function bulkTypeOf(c: ColumnFacts): sql.ISqlType | undefined {
  const n = c.maxLength ?? sql.MAX
  const make: Record<string, () => sql.ISqlType> = {
    nvarchar: () => sql.NVarChar(n),
    varchar: () => sql.VarChar(n),
    nchar: () => sql.NChar(c.maxLength ?? 1),
    char: () => sql.Char(c.maxLength ?? 1),
    bigint: () => sql.BigInt(),
    int: () => sql.Int(),
    smallint: () => sql.SmallInt(),
    tinyint: () => sql.TinyInt(),
    bit: () => sql.Bit(),
    float: () => sql.Float(),
    real: () => sql.Real(),
    decimal: () => sql.Decimal(c.precision, c.scale),
    numeric: () => sql.Numeric(c.precision, c.scale),
    date: () => sql.Date(),
    datetime: () => sql.DateTime(),
    datetime2: () => sql.DateTime2(c.scale),
    datetimeoffset: () => sql.DateTimeOffset(c.scale)
  }
  return make[c.type]?.()
}

/** Text types bound as the column declares them; other columns as their value says. */
const COLUMN_TYPES: Record<string, (length: number | null) => sql.ISqlType> = {
  varchar: n => sql.VarChar(n ?? sql.MAX),
  // a value longer than a CHAR(n) (length null) is bound whole as VARCHAR(MAX), never cut to CHAR(1)
  char: n => (n === null ? sql.VarChar(sql.MAX) : sql.Char(n)),
  nvarchar: n => sql.NVarChar(n ?? sql.MAX),
  nchar: n => (n === null ? sql.NVarChar(sql.MAX) : sql.NChar(n)),
  bigint: () => sql.BigInt(),
  int: () => sql.Int(),
  // a DATETIME key never equals a DATETIME2(7) parameter under compatibility level 130+
  // (DATETIME's 1/300 s ticks convert exactly, .003 becomes .0033333): bind its own type
  datetime: () => sql.DateTime(),
  smalldatetime: () => sql.SmallDateTime(),
  date: () => sql.Date()
}

/** The driver type of a parameter: a `TypedValue` as its column, a plain value as `typeOfValue` says. */
export function typeOfParam(param: SqlValue | TypedValue): MssqlType {
  if (!(param instanceof TypedValue)) return typeOfValue(param)
  const { type, maxLength } = param.column
  const make = COLUMN_TYPES[type]
  // a value longer than the column cannot equal any of its values; MAX keeps it whole anyway
  const fits = typeof param.value !== 'string' || maxLength === null || param.value.length <= maxLength
  return make ? make(fits ? maxLength : null) : typeOfValue(param.value)
}

function toDriver(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}

/** BIGINT arrives as a string from tedious; a safe integer becomes a number, as in SQLite. */
function fromDriver(value: unknown, isBigint: boolean): SqlValue {
  if (isBigint && typeof value === 'string') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : BigInt(value)
  }
  return value as SqlValue
}

function normalise(result: sql.IResult<SqlRow>): SqlRow[] {
  const rows = result.recordset ?? []
  const columns = (rows as unknown as { columns?: Record<string, { type: unknown }> }).columns ?? {}
  const bigints = Object.entries(columns)
    .filter(([, meta]) => meta.type === sql.BigInt)
    .map(([name]) => name)
  if (bigints.length === 0) return rows
  for (const row of rows) for (const name of bigints) row[name] = fromDriver(row[name], true)
  return rows
}

/** Serialises requests on one transaction: mssql allows one request in flight per transaction. */
class Lock {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn)
    this.tail = result.catch(() => undefined)
    return result
  }
}

/**
 * SQL Server through mssql (tedious). The root object runs statements on a pool; inside
 * `transaction` the `Database` handed to the callback is bound to one mssql Transaction, whose
 * statements run one at a time. Statements on the root meanwhile run on other pooled connections
 * and see the transaction's changes only after commit (SQL Server's isolation does the waiting).
 */
export class MssqlDatabase implements Database {
  readonly dialect = 'mssql' as const
  private readonly lock = new Lock()

  private constructor(
    private readonly pool: sql.ConnectionPool,
    private readonly retry: SqlRetryOptions,
    private readonly tx?: sql.Transaction
  ) {}

  /**
   * Connects a pool from a URL; errors never contain the password. Statements on the root, and
   * whole transactions, are retried on deadlocks, Azure's transient errors and a full pool
   * (`options.retry`; tedious itself retries only the login).
   */
  static async connect(
    url: string,
    setting = 'database-url',
    options: MssqlUrlOptions & { retry?: SqlRetryOptions } = {}
  ): Promise<Database> {
    const config = parseMssqlUrl(url, setting, options)
    const pool = new sql.ConnectionPool(config)
    pool.on('error', () => undefined)
    try {
      await pool.connect()
    } catch (e) {
      // the driver's message is masked by value: the parsed password is a registered secret
      throw new DatabaseError(`SQL Server: cannot connect to ${redactUrl(url)}: ${redact(messageOf(e))}`)
    }
    return new MssqlDatabase(pool, options.retry ?? {})
  }

  private request(params?: SqlParams): sql.Request {
    const request = this.tx ? new sql.Request(this.tx) : new sql.Request(this.pool)
    for (const [name, param] of Object.entries(params ?? {})) {
      request.input(name, typeOfParam(param), toDriver(param instanceof TypedValue ? param.value : param))
    }
    return request
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    const call = async (): Promise<T> => {
      try {
        return await fn()
      } catch (e) {
        throw new DatabaseError(`SQL Server: ${redact(messageOf(e))}`, { cause: e })
      }
    }
    // inside a transaction a failure aborts the whole of it: `transaction` retries it whole
    return this.tx ? await this.lock.run(call) : await retrySql(call, this.retry)
  }

  query<T extends SqlRow = SqlRow>(text: string, params?: SqlParams): Promise<T[]> {
    return this.guard(async () => normalise(await this.request(params).query<SqlRow>(text)) as T[])
  }

  execute(text: string, params?: SqlParams): Promise<number> {
    return this.guard(async () => {
      const result = await this.request(params).query(text)
      return result.rowsAffected.reduce((sum, n) => sum + n, 0)
    })
  }

  /**
   * Runs `fn` in one transaction, and runs it again from the start when SQL Server rolled it
   * back for a transient reason (a deadlock victim, 1205): `fn` must only touch the database.
   */
  async transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    if (this.tx) return await fn(this)
    return await retrySql(() => this.once(fn), this.retry)
  }

  private async once<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    const tx = new sql.Transaction(this.pool)
    await this.guard(() => tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED))
    let aborted = false
    tx.on('rollback', (wasAborted: boolean) => {
      aborted = wasAborted
    })
    // commit and rollback queue behind the transaction's own statements (one request at a time)
    const inner = new MssqlDatabase(this.pool, this.retry, tx)
    try {
      const result = await fn(inner)
      await inner.guard(() => tx.commit())
      return result
    } catch (e) {
      // SQL Server may have rolled back already (XACT_ABORT, a deadlock victim).
      if (!aborted) await inner.guard(() => tx.rollback()).catch(() => undefined)
      throw e
    }
  }

  async tryLock(resource: string): Promise<HeldLock | null> {
    // Transaction-owned: the lock lives as long as this transaction, which writes nothing (no
    // log, no row locks) and holds one pooled connection until release
    const tx = new sql.Transaction(this.pool)
    await this.guard(() => tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED))
    const result = await new MssqlDatabase(this.pool, this.retry, tx)
      .query<{ r: number }>(
        "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', " +
          "@LockOwner = 'Transaction', @LockTimeout = 0; SELECT @r AS r",
        { resource: `monday-sync/${resource}`.slice(0, 255) }
      )
      .catch(async (e: unknown) => {
        await tx.rollback().catch(() => undefined)
        throw e
      })
    // 0 or 1: granted; -1: another session holds it (sp_getapplock's return codes)
    if (Number(result[0]?.r) < 0) {
      await tx.rollback().catch(() => undefined)
      return null
    }
    let released = false
    return {
      release: async () => {
        if (released) return
        released = true
        await tx.rollback().catch(() => undefined)
      }
    }
  }

  /** Bulk insert (TDS bulk load) of `rows`; inside a transaction it is part of it. */
  async insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly SqlValue[][]): Promise<number> {
    if (rows.length === 0) return 0
    this.quote(table)
    for (const column of columns) this.quote(column.name)
    // the bulk load declares each column's type and SQL Server refuses a mismatch (4816): declare
    // the table's real types, so a table created by a DBA or by sql/ (DATE, VARCHAR…) takes the rows
    const real = await readColumns(this, table).catch(() => new Map<string, ColumnFacts>())
    const bulk = new sql.Table(table)
    bulk.create = false
    for (const column of columns) {
      const facts = real.get(column.name.toLowerCase())
      const type = (facts && bulkTypeOf(facts)) ?? BULK_TYPES[column.type]()
      bulk.columns.add(column.name, type, { nullable: facts?.nullable ?? column.nullable ?? true })
    }
    for (const row of rows) {
      bulk.rows.add(...row.map(v => (typeof v === 'boolean' ? Number(v) : toDriver(v)) as string | number | null))
    }
    return this.guard(
      async () => (await (this.tx ? new sql.Request(this.tx) : this.pool.request()).bulk(bulk)).rowsAffected
    )
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier, 'mssql')
  }

  typeOf(type: SqlColumnType): string {
    return TYPES[type]
  }

  async close(): Promise<void> {
    if (!this.tx) await this.pool.close()
  }
}
