import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import { DatabaseError } from '../../errors.js'
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
import { quoteIdentifier } from './identifiers.js'
import { takeFileLock } from './file-lock.js'

const TYPES: Record<SqlColumnType, string> = {
  text: 'TEXT',
  shorttext: 'TEXT',
  integer: 'INTEGER',
  bigint: 'INTEGER',
  real: 'REAL',
  decimal: 'REAL',
  boolean: 'INTEGER',
  datetime: 'TEXT',
  json: 'TEXT'
}

function toSqlite(value: SqlValue): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  return value
}

function bind(params: SqlParams | undefined): Record<string, SQLInputValue> {
  const out: Record<string, SQLInputValue> = {}
  for (const [key, value] of Object.entries(params ?? {})) {
    out[key] = toSqlite(value instanceof TypedValue ? value.value : value)
  }
  return out
}

/** Serialises work on one connection: node:sqlite is synchronous but our callers are not. */
class Lock {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn)
    this.tail = result.catch(() => undefined)
    return result
  }
}

/**
 * The embedded default: one `node:sqlite` connection in WAL mode. `path` is a file path or
 * `:memory:`.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const
  private readonly lock = new Lock()

  constructor(
    private readonly db: DatabaseSync,
    private readonly inTransaction = false,
    /** The database file (`:memory:` for none): lock files live beside it. */
    private readonly path = ':memory:'
  ) {}

  static open(path: string): SqliteDatabase {
    const db = new DatabaseSync(path)
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;')
    return new SqliteDatabase(db, false, path)
  }

  private guard<T>(fn: () => T): Promise<T> {
    const call = async (): Promise<T> => {
      try {
        return fn()
      } catch (e) {
        throw new DatabaseError(`SQLite: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
      }
    }
    return this.inTransaction ? call() : this.lock.run(call)
  }

  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.guard(() => this.db.prepare(sql).all(bind(params)) as T[])
  }

  execute(sql: string, params?: SqlParams): Promise<number> {
    return this.guard(() => Number(this.db.prepare(sql).run(bind(params)).changes))
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    const body = async (): Promise<T> => {
      const tx = new SqliteDatabase(this.db, true, this.path)
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(tx)
        this.db.exec('COMMIT')
        return result
      } catch (e) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK')
        throw e
      }
    }
    return this.inTransaction ? fn(this) : this.lock.run(body)
  }

  async tryLock(resource: string): Promise<HeldLock | null> {
    return await takeFileLock(this.path, resource)
  }

  insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly SqlValue[][]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0)
    const names = columns.map(c => this.quote(c.name)).join(', ')
    const marks = columns.map(() => '?').join(', ')
    const sql = `INSERT INTO ${this.quote(table)} (${names}) VALUES (${marks})`
    const insert = (): number => {
      const statement = this.db.prepare(sql)
      for (const row of rows) statement.run(...row.map(toSqlite))
      return rows.length
    }
    if (this.inTransaction) return this.guard(insert)
    return this.transaction(tx => (tx as SqliteDatabase).guard(insert))
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier, 'sqlite')
  }

  typeOf(type: SqlColumnType): string {
    return TYPES[type]
  }

  close(): Promise<void> {
    return this.lock.run(async () => {
      if (this.db.isOpen) this.db.close()
    })
  }
}
