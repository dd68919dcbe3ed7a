export const id = 417;
export const ids = [417];
export const modules = {

/***/ 17417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MssqlDatabase: () => (/* binding */ MssqlDatabase)
/* harmony export */ });
/* unused harmony export parseMssqlUrl */
/* harmony import */ var mssql__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66271);
/* harmony import */ var mssql__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(mssql__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86739);
/* harmony import */ var _open_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94930);




/** SQL types of the project's columns; NVARCHAR(450) keeps a short text column indexable (900 bytes). */
const TYPES = {
    text: 'NVARCHAR(MAX)',
    shorttext: 'NVARCHAR(450)',
    integer: 'INT',
    bigint: 'BIGINT',
    real: 'FLOAT',
    datetime: 'DATETIME2',
    json: 'NVARCHAR(MAX)'
};
/** The driver type of each column type, for bulk insert (must match the column's declaration). */
const BULK_TYPES = {
    text: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar((mssql__WEBPACK_IMPORTED_MODULE_0___default().MAX)),
    shorttext: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar(450),
    integer: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().Int(),
    bigint: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().BigInt(),
    real: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().Float(),
    datetime: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().DateTime2(7),
    json: () => mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar((mssql__WEBPACK_IMPORTED_MODULE_0___default().MAX))
};
/** The parameter type inferred from a value: fixed lengths keep SQL Server's plan cache small. */
function typeOfValue(value) {
    if (value === null)
        return mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar(4000);
    if (typeof value === 'string')
        return value.length > 4000 ? mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar((mssql__WEBPACK_IMPORTED_MODULE_0___default().MAX)) : mssql__WEBPACK_IMPORTED_MODULE_0___default().NVarChar(4000);
    if (typeof value === 'bigint')
        return mssql__WEBPACK_IMPORTED_MODULE_0___default().BigInt();
    if (typeof value === 'number')
        return Number.isSafeInteger(value) ? mssql__WEBPACK_IMPORTED_MODULE_0___default().BigInt() : mssql__WEBPACK_IMPORTED_MODULE_0___default().Float();
    if (typeof value === 'boolean')
        return mssql__WEBPACK_IMPORTED_MODULE_0___default().Bit();
    if (value instanceof Date)
        return mssql__WEBPACK_IMPORTED_MODULE_0___default().DateTime2(7);
    return mssql__WEBPACK_IMPORTED_MODULE_0___default().VarBinary((mssql__WEBPACK_IMPORTED_MODULE_0___default().MAX));
}
function toDriver(value) {
    if (typeof value === 'bigint')
        return value.toString();
    if (value instanceof Uint8Array && !Buffer.isBuffer(value))
        return Buffer.from(value);
    return value;
}
/** BIGINT arrives as a string from tedious; a safe integer becomes a number, as in SQLite. */
function fromDriver(value, isBigint) {
    if (isBigint && typeof value === 'string') {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : BigInt(value);
    }
    return value;
}
function normalise(result) {
    const rows = result.recordset ?? [];
    const columns = rows.columns ?? {};
    const bigints = Object.entries(columns)
        .filter(([, meta]) => meta.type === (mssql__WEBPACK_IMPORTED_MODULE_0___default().BigInt))
        .map(([name]) => name);
    if (bigints.length === 0)
        return rows;
    for (const row of rows)
        for (const name of bigints)
            row[name] = fromDriver(row[name], true);
    return rows;
}
/** Parses `mssql://user:password@host:port/database?encrypt=true&trustServerCertificate=true`. */
function parseMssqlUrl(url, setting = 'database-url') {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${setting}: not a valid SQL Server URL: "${(0,_open_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(url)}"`, setting, { cause: e });
    }
    if (!parsed.hostname)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${setting}: the SQL Server URL has no host`, setting);
    const flag = (name, fallback) => {
        const raw = parsed.searchParams.get(name);
        if (raw === null)
            return fallback;
        if (!/^(true|false|yes|no|1|0)$/i.test(raw)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${setting}: ?${name}= must be true or false, got "${raw}"`, setting);
        }
        return /^(true|yes|1)$/i.test(raw);
    };
    const port = parsed.port ? Number(parsed.port) : 1433;
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
    const poolMax = Number(parsed.searchParams.get('poolMax') ?? 10);
    return {
        server: parsed.hostname.replace(/^\[|\]$/g, ''),
        port,
        database,
        user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
        password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
        requestTimeout: Number(parsed.searchParams.get('requestTimeout') ?? 120_000),
        connectionTimeout: Number(parsed.searchParams.get('connectTimeout') ?? 30_000),
        pool: { max: Number.isFinite(poolMax) && poolMax > 0 ? poolMax : 10, min: 0 },
        options: {
            encrypt: flag('encrypt', true),
            trustServerCertificate: flag('trustServerCertificate', false),
            useUTC: true
        }
    };
}
/** Serialises requests on one transaction: mssql allows one request in flight per transaction. */
class Lock {
    tail = Promise.resolve();
    run(fn) {
        const result = this.tail.then(fn, fn);
        this.tail = result.catch(() => undefined);
        return result;
    }
}
/**
 * SQL Server through mssql (tedious). The root object runs statements on a pool; inside
 * `transaction` the `Database` handed to the callback is bound to one mssql Transaction, whose
 * statements run one at a time. Statements on the root meanwhile run on other pooled connections
 * and see the transaction's changes only after commit (SQL Server's isolation does the waiting).
 */
class MssqlDatabase {
    pool;
    tx;
    dialect = 'mssql';
    lock = new Lock();
    constructor(pool, tx) {
        this.pool = pool;
        this.tx = tx;
    }
    /** Connects a pool from a URL; errors never contain the password. */
    static async connect(url, setting = 'database-url') {
        const config = parseMssqlUrl(url, setting);
        const pool = new (mssql__WEBPACK_IMPORTED_MODULE_0___default().ConnectionPool)(config);
        pool.on('error', () => undefined);
        try {
            await pool.connect();
        }
        catch (e) {
            const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(e)
                .split(config.password ?? '\u0000')
                .join('***');
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DatabaseError */ .a$(`SQL Server: cannot connect to ${(0,_open_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(url)}: ${message}`);
        }
        return new MssqlDatabase(pool);
    }
    request(params) {
        const request = this.tx ? new (mssql__WEBPACK_IMPORTED_MODULE_0___default().Request)(this.tx) : new (mssql__WEBPACK_IMPORTED_MODULE_0___default().Request)(this.pool);
        for (const [name, value] of Object.entries(params ?? {})) {
            request.input(name, typeOfValue(value), toDriver(value));
        }
        return request;
    }
    async guard(fn) {
        const call = async () => {
            try {
                return await fn();
            }
            catch (e) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DatabaseError */ .a$(`SQL Server: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(e)}`, { cause: e });
            }
        };
        return this.tx ? await this.lock.run(call) : await call();
    }
    query(text, params) {
        return this.guard(async () => normalise(await this.request(params).query(text)));
    }
    execute(text, params) {
        return this.guard(async () => {
            const result = await this.request(params).query(text);
            return result.rowsAffected.reduce((sum, n) => sum + n, 0);
        });
    }
    async transaction(fn) {
        if (this.tx)
            return await fn(this);
        const tx = new (mssql__WEBPACK_IMPORTED_MODULE_0___default().Transaction)(this.pool);
        await this.guard(() => tx.begin((mssql__WEBPACK_IMPORTED_MODULE_0___default().ISOLATION_LEVEL).READ_COMMITTED));
        let aborted = false;
        tx.on('rollback', (wasAborted) => {
            aborted = wasAborted;
        });
        // commit and rollback queue behind the transaction's own statements (one request at a time)
        const inner = new MssqlDatabase(this.pool, tx);
        try {
            const result = await fn(inner);
            await inner.guard(() => tx.commit());
            return result;
        }
        catch (e) {
            // SQL Server may have rolled back already (XACT_ABORT, a deadlock victim).
            if (!aborted)
                await inner.guard(() => tx.rollback()).catch(() => undefined);
            throw e;
        }
    }
    /** Bulk insert (TDS bulk load) of `rows`; inside a transaction it is part of it. */
    async insertMany(table, columns, rows) {
        if (rows.length === 0)
            return 0;
        this.quote(table);
        const bulk = new (mssql__WEBPACK_IMPORTED_MODULE_0___default().Table)(table);
        bulk.create = false;
        for (const column of columns) {
            this.quote(column.name);
            bulk.columns.add(column.name, BULK_TYPES[column.type](), { nullable: column.nullable ?? true });
        }
        for (const row of rows) {
            bulk.rows.add(...row.map(v => (typeof v === 'boolean' ? Number(v) : toDriver(v))));
        }
        return this.guard(async () => (await (this.tx ? new (mssql__WEBPACK_IMPORTED_MODULE_0___default().Request)(this.tx) : this.pool.request()).bulk(bulk)).rowsAffected);
    }
    quote(identifier) {
        return (0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdentifier */ .C)(identifier, 'mssql');
    }
    typeOf(type) {
        return TYPES[type];
    }
    async close() {
        if (!this.tx)
            await this.pool.close();
    }
}


/***/ })

};
