export const id = 31;
export const ids = [31];
export const modules = {

/***/ 56042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ typed),
/* harmony export */   s: () => (/* binding */ TypedValue)
/* harmony export */ });
/**
 * A parameter bound with the SQL type of the column it meets (`typed(value, column)`). SQL Server
 * binds a plain string as NVARCHAR: against a VARCHAR key or state column it then converts the
 * column (CONVERT_IMPLICIT, a scan instead of a seek), and under a SQL_* collation NVARCHAR
 * compares in another order than the column's `ORDER BY`, so key-set pages skip or repeat rows.
 * SQLite binds the value as it is.
 */
class TypedValue {
    value;
    column;
    constructor(value, 
    /** The column's base type in lower case (`varchar`, `char`, `nvarchar`, `bigint`…) and its length in characters. */
    column) {
        this.value = value;
        this.column = column;
    }
}
/** `value` bound as `column`'s type; without a column, the value as it is. */
const typed = (value, column) => (column ? new TypedValue(value, column) : value);


/***/ }),

/***/ 74031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SqliteDatabase: () => (/* binding */ SqliteDatabase)
});

// EXTERNAL MODULE: external "node:sqlite"
var external_node_sqlite_ = __webpack_require__(80099);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/adapters/sql/database.ts
var database = __webpack_require__(56042);
// EXTERNAL MODULE: ./src/adapters/sql/identifiers.ts
var identifiers = __webpack_require__(86739);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/adapters/sql/file-lock.ts

/** Locks of in-memory databases: one process is all that can see them. */
const memoryLocks = new Set();
/** True when `pid` is a live process (signal 0 checks without signalling). */
function alive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (e) {
        return e.code === 'EPERM';
    }
    return !zombie(pid);
}
/**
 * A killed process that nobody has reaped yet still answers signal 0. In containers whose first
 * process does not reap orphans it stays so for good, and its lock would never be taken over.
 * Linux shows it as state Z in /proc/<pid>/stat ("pid (comm) Z …"); elsewhere this says false.
 */
function zombie(pid) {
    try {
        return /^\d+ \(.*\) Z /s.test((0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8'));
    }
    catch {
        return false;
    }
}
/**
 * SQLite's counterpart of `sp_getapplock`: `<database>.<resource>.lock`, created exclusively and
 * holding the owner's pid. A file whose process is gone (a killed run) is taken over.
 */
async function takeFileLock(database, resource) {
    const name = resource.replace(/[^A-Za-z0-9_-]/g, '_');
    if (database === ':memory:' || database === '') {
        if (memoryLocks.has(name))
            return null;
        memoryLocks.add(name);
        return { release: () => Promise.resolve(void memoryLocks.delete(name)) };
    }
    const file = `${database}.${name}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            (0,external_node_fs_.writeFileSync)(file, String(process.pid), { flag: 'wx' });
            let released = false;
            return {
                release: () => {
                    if (!released)
                        (0,external_node_fs_.unlinkSync)(file);
                    released = true;
                    return Promise.resolve();
                }
            };
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
            const owner = Number((0,external_node_fs_.readFileSync)(file, 'utf8').trim());
            if (owner === process.pid || (Number.isInteger(owner) && owner > 0 && alive(owner)))
                return null;
            (0,external_node_fs_.unlinkSync)(file); // its run is gone
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./src/adapters/sql/sqlite-database.ts





const TYPES = {
    text: 'TEXT',
    shorttext: 'TEXT',
    integer: 'INTEGER',
    bigint: 'INTEGER',
    real: 'REAL',
    decimal: 'REAL',
    boolean: 'INTEGER',
    datetime: 'TEXT',
    json: 'TEXT'
};
function toSqlite(value) {
    if (typeof value === 'boolean')
        return value ? 1 : 0;
    if (value instanceof Date)
        return value.toISOString();
    return value;
}
function bind(params) {
    const out = {};
    for (const [key, value] of Object.entries(params ?? {})) {
        out[key] = toSqlite(value instanceof database/* TypedValue */.s ? value.value : value);
    }
    return out;
}
/** Serialises work on one connection: node:sqlite is synchronous but our callers are not. */
class Lock {
    tail = Promise.resolve();
    run(fn) {
        const result = this.tail.then(fn, fn);
        this.tail = result.catch(() => undefined);
        return result;
    }
}
/**
 * The embedded default: one `node:sqlite` connection in WAL mode. `path` is a file path or
 * `:memory:`.
 */
class SqliteDatabase {
    db;
    inTransaction;
    path;
    dialect = 'sqlite';
    lock = new Lock();
    constructor(db, inTransaction = false, 
    /** The database file (`:memory:` for none): lock files live beside it. */
    path = ':memory:') {
        this.db = db;
        this.inTransaction = inTransaction;
        this.path = path;
    }
    static open(path) {
        const db = new external_node_sqlite_.DatabaseSync(path);
        db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
        return new SqliteDatabase(db, false, path);
    }
    guard(fn) {
        const call = async () => {
            try {
                return fn();
            }
            catch (e) {
                throw new errors/* DatabaseError */.a$(`SQLite: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
            }
        };
        return this.inTransaction ? call() : this.lock.run(call);
    }
    query(sql, params) {
        return this.guard(() => this.db.prepare(sql).all(bind(params)));
    }
    execute(sql, params) {
        return this.guard(() => Number(this.db.prepare(sql).run(bind(params)).changes));
    }
    transaction(fn) {
        const body = async () => {
            const tx = new SqliteDatabase(this.db, true, this.path);
            this.db.exec('BEGIN IMMEDIATE');
            try {
                const result = await fn(tx);
                this.db.exec('COMMIT');
                return result;
            }
            catch (e) {
                if (this.db.isTransaction)
                    this.db.exec('ROLLBACK');
                throw e;
            }
        };
        return this.inTransaction ? fn(this) : this.lock.run(body);
    }
    async tryLock(resource) {
        return await takeFileLock(this.path, resource);
    }
    insertMany(table, columns, rows) {
        if (rows.length === 0)
            return Promise.resolve(0);
        const names = columns.map(c => this.quote(c.name)).join(', ');
        const marks = columns.map(() => '?').join(', ');
        const sql = `INSERT INTO ${this.quote(table)} (${names}) VALUES (${marks})`;
        const insert = () => {
            const statement = this.db.prepare(sql);
            for (const row of rows)
                statement.run(...row.map(toSqlite));
            return rows.length;
        };
        if (this.inTransaction)
            return this.guard(insert);
        return this.transaction(tx => tx.guard(insert));
    }
    quote(identifier) {
        return (0,identifiers/* quoteIdentifier */.C)(identifier, 'sqlite');
    }
    typeOf(type) {
        return TYPES[type];
    }
    close() {
        return this.lock.run(async () => {
            if (this.db.isOpen)
                this.db.close();
        });
    }
}


/***/ })

};
