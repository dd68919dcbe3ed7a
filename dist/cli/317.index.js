export const id = 317;
export const ids = [317];
export const modules = {

/***/ 17371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ej: () => (/* binding */ readColumns),
/* harmony export */   Qq: () => (/* binding */ cannotHoldId),
/* harmony export */   UD: () => (/* binding */ cannotHoldText),
/* harmony export */   t1: () => (/* binding */ declaredType)
/* harmony export */ });
/* unused harmony exports isText, describeType */
/** SQL Server's text types; the `n` ones store UTF-16 (two bytes per character in `max_length`). */
const TEXT_TYPES = new Set(['varchar', 'char', 'nvarchar', 'nchar', 'text', 'ntext']);
const INTEGER_BITS = { tinyint: 8, smallint: 16, int: 32, bigint: 64 };
/** True for a text column (any dialect; SQLite by its declared type's affinity). */
const isText = (c) => TEXT_TYPES.has(c.type) || /char|clob|text/.test(c.type);
/**
 * Reads the columns of `table` once (SQL Server: `sys.columns`, the base type of alias types;
 * SQLite: `PRAGMA table_info`), by lower-case name. An unknown table gives an empty map.
 */
async function readColumns(db, table) {
    const facts = db.dialect === 'mssql' ? await mssqlColumns(db, table) : await sqliteColumns(db, table);
    return new Map(facts.map(c => [c.name.toLowerCase(), c]));
}
async function mssqlColumns(db, table) {
    db.quote(table); // validates the name before it reaches OBJECT_ID
    const rows = await db.query('SELECT c.name AS [name], TYPE_NAME(c.system_type_id) AS [type], c.max_length AS [max_length], ' +
        'c.precision AS [precision], c.scale AS [scale], c.collation_name AS [collation], c.is_nullable AS [nullable] ' +
        'FROM sys.columns c WHERE c.object_id = OBJECT_ID(@table) ORDER BY c.column_id', { table });
    return rows.map(row => {
        const type = String(row.type ?? '').toLowerCase();
        const bytes = Number(row.max_length);
        const text = TEXT_TYPES.has(type);
        return {
            name: String(row.name),
            type,
            // -1 is MAX; text and ntext are unbounded too
            maxLength: !text || bytes < 0 || type === 'text' || type === 'ntext' ? null : type.startsWith('n') ? bytes / 2 : bytes,
            precision: Number(row.precision ?? 0),
            scale: Number(row.scale ?? 0),
            collation: row.collation === null || row.collation === undefined ? null : String(row.collation),
            nullable: Boolean(row.nullable)
        };
    });
}
async function sqliteColumns(db, table) {
    const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
    const pragma = schema
        ? `PRAGMA ${db.quote(schema)}.table_info(${db.quote(name ?? '')})`
        : `PRAGMA table_info(${db.quote(table)})`;
    const rows = await db.query(pragma);
    // SQLite stores any value in any column and enforces no length: a declared VARCHAR(10) holds more
    return rows.map(row => ({
        name: String(row.name),
        type: String(row.type ?? '').toLowerCase(),
        maxLength: null,
        precision: 0,
        scale: 0,
        collation: null,
        nullable: Number(row.notnull) === 0
    }));
}
/**
 * Why `column` cannot hold a monday id (up to 2^53, beyond 2^31 already), or null when it can:
 * BIGINT, DECIMAL with 16+ integer digits, FLOAT, or text of 20+ characters. SQLite's INTEGER
 * affinity is 64-bit whatever the declared name (INT included).
 */
function cannotHoldId(db, column) {
    if (db.dialect === 'sqlite')
        return null;
    const bits = INTEGER_BITS[column.type];
    if (bits !== undefined) {
        return bits >= 64
            ? null
            : `${column.type.toUpperCase()} holds at most ${(2 ** (bits - 1) - 1).toLocaleString('en-US')}`;
    }
    if (column.type === 'decimal' || column.type === 'numeric') {
        return column.precision - column.scale >= 16
            ? null
            : `${column.type.toUpperCase()}(${column.precision},${column.scale}) holds ${column.precision - column.scale} integer digits`;
    }
    if (column.type === 'float')
        return null;
    if (isText(column)) {
        return column.maxLength === null || column.maxLength >= 20
            ? null
            : `${describeType(column)} holds ${column.maxLength} characters`;
    }
    return `${describeType(column)} is not a number or text type`;
}
/** Why `column` cannot hold `length` characters of text, or null when it can. */
function cannotHoldText(db, column, length) {
    if (db.dialect === 'sqlite')
        return null;
    if (!isText(column))
        return `${describeType(column)} is not a text type`;
    if (column.maxLength !== null && column.maxLength < length)
        return `${describeType(column)} holds ${column.maxLength} characters`;
    return null;
}
/** `NVARCHAR(200)`, `VARCHAR(MAX)`, `INT`… */
function describeType(column) {
    const type = column.type.toUpperCase();
    if (!TEXT_TYPES.has(column.type) || column.type === 'text' || column.type === 'ntext')
        return type;
    return `${type}(${column.maxLength ?? 'MAX'})`;
}
/** Types declared by their name alone. */
const PLAIN_TYPES = new Set('bigint int smallint tinyint bit float real money smallmoney date datetime smalldatetime uniqueidentifier'.split(' '));
/** A collation name as `sys.columns` gives it (letters, digits, `_`): safe to write into T-SQL. */
const COLLATION = /^[A-Za-z0-9_]+$/;
/**
 * The column's type as T-SQL declares it, for a table variable that holds its values exactly:
 * `VARCHAR(20) COLLATE SQL_Latin1_General_CP1_CI_AS`, `DECIMAL(18,2)`, `DATETIME2(3)`, `BIGINT`…
 * Text keeps its collation (a VARCHAR's code page). Binary becomes `VARBINARY(MAX)` (values read
 * back alike); a type this does not know is kept in a `SQL_VARIANT`.
 */
function declaredType(column) {
    const type = column.type.toUpperCase();
    const collate = column.collation && COLLATION.test(column.collation) ? ` COLLATE ${column.collation}` : '';
    if (column.type === 'text' || column.type === 'ntext')
        return `${column.type === 'text' ? 'VARCHAR' : 'NVARCHAR'}(MAX)${collate}`;
    if (TEXT_TYPES.has(column.type))
        return `${describeType(column)}${collate}`;
    if (column.type === 'decimal' || column.type === 'numeric')
        return `${type}(${column.precision},${column.scale})`;
    if (['datetime2', 'datetimeoffset', 'time'].includes(column.type))
        return `${type}(${column.scale})`;
    if (column.type === 'binary' || column.type === 'varbinary')
        return 'VARBINARY(MAX)';
    return PLAIN_TYPES.has(column.type) ? type : 'SQL_VARIANT';
}


/***/ }),

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

/***/ 48317:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MssqlDatabase: () => (/* binding */ MssqlDatabase)
});

// UNUSED EXPORTS: parseMssqlUrl, typeOfParam, typeOfValue

// EXTERNAL MODULE: ./node_modules/mssql/index.js
var mssql = __webpack_require__(66271);
var mssql_default = /*#__PURE__*/__webpack_require__.n(mssql);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/redaction.ts + 1 modules
var redaction = __webpack_require__(63580);
// EXTERNAL MODULE: ./src/adapters/sql/database.ts
var database = __webpack_require__(56042);
// EXTERNAL MODULE: ./src/adapters/sql/column-facts.ts
var column_facts = __webpack_require__(17371);
// EXTERNAL MODULE: ./src/adapters/sql/database-url.ts
var database_url = __webpack_require__(21466);
// EXTERNAL MODULE: ./src/adapters/sql/identifiers.ts
var identifiers = __webpack_require__(86739);
;// CONCATENATED MODULE: ./src/adapters/sql/mssql-config.ts


/** Statement timeout (milliseconds) unless `?requestTimeout=` says otherwise; 0 means none. */
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** Login timeout (milliseconds) unless `?connectTimeout=` says otherwise. */
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** Pool size unless `?poolMax=` or the caller (the pipeline's concurrency) says otherwise. */
const DEFAULT_POOL_MAX = 10;
/** The query options a SQL Server URL may carry (names case-insensitive). */
const URL_OPTIONS = [
    'encrypt',
    'trustServerCertificate',
    'instanceName',
    'requestTimeout',
    'connectTimeout',
    'poolMax',
    'applicationName'
];
/**
 * Parses `mssql://user:password@host:port/database?encrypt=true` (or `host\instance`, or
 * `?instanceName=`) into the driver's configuration. Every error is a ConfigError naming
 * `setting`; none shows the password.
 */
function parseMssqlUrl(url, setting = 'database-url', given = {}) {
    const parts = (0,database_url/* parseSqlServerUrl */.c3)(url, setting);
    const known = new Map(URL_OPTIONS.map(name => [name.toLowerCase(), name]));
    for (const name of parts.options.keys()) {
        if (!known.has(name)) {
            throw new errors/* ConfigError */.xL(`${setting}: unknown option ?${name}= (known: ${URL_OPTIONS.join(', ')})`, setting);
        }
    }
    const option = (name) => parts.options.get(name.toLowerCase());
    const flag = (name, fallback) => {
        const raw = option(name);
        if (raw === undefined)
            return fallback;
        if (!/^(true|false|yes|no|1|0)$/i.test(raw)) {
            throw new errors/* ConfigError */.xL(`${setting}: ?${name}= must be true or false, got "${raw}"`, setting);
        }
        return /^(true|yes|1)$/i.test(raw);
    };
    const count = (name, fallback, min) => {
        const raw = option(name);
        if (raw === undefined || raw === '')
            return fallback;
        if (!/^\d+$/.test(raw) || Number(raw) < min) {
            throw new errors/* ConfigError */.xL(`${setting}: ?${name}= must be a whole number of at least ${min}, got "${raw}"`, setting);
        }
        return Number(raw);
    };
    // `host\instance` or ?instanceName=: the SQL Browser (UDP 1434) finds the port, so none is given
    const [server = '', inHost] = parts.host.replace(/^\[|\]$/g, '').split('\\');
    const instanceName = option('instanceName') || inHost || undefined;
    if (instanceName && parts.port) {
        throw new errors/* ConfigError */.xL(`${setting}: give a port or a named instance (host\\instance), not both`, setting);
    }
    const encrypt = option('encrypt');
    const poolMax = count('poolMax', given.poolMax ?? DEFAULT_POOL_MAX, 1);
    return {
        server,
        ...(instanceName ? {} : { port: parts.port ?? 1433 }),
        database: parts.database,
        user: parts.user,
        password: parts.password,
        requestTimeout: count('requestTimeout', DEFAULT_REQUEST_TIMEOUT_MS, 0),
        connectionTimeout: count('connectTimeout', DEFAULT_CONNECT_TIMEOUT_MS, 1),
        pool: { max: poolMax, min: 0 },
        options: {
            // strict: TDS 8, the TLS handshake before any TDS traffic (SQL Server 2022, Azure SQL)
            encrypt: encrypt?.toLowerCase() === 'strict' ? 'strict' : flag('encrypt', true),
            trustServerCertificate: flag('trustServerCertificate', false),
            ...(instanceName ? { instanceName } : {}),
            appName: option('applicationName') || 'monday-sync',
            useUTC: true
        }
    };
}

// EXTERNAL MODULE: ./src/engine/backoff.ts
var engine_backoff = __webpack_require__(40694);
// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(43124);
;// CONCATENATED MODULE: ./src/adapters/sql/sql-retry.ts


/**
 * SQL Server errors that say "nothing was done, run it again": Microsoft's transient error list
 * of SqlClient's retry logic (SqlConfigurableRetryFactory), the server-side numbers of it.
 */
const TRANSIENT_ERRORS = new Map([
    [1204, 'no lock resource'],
    [1205, 'deadlock victim'],
    [1222, 'lock request timeout'],
    [4060, 'database cannot be opened'],
    [4221, 'read-secondary login timed out'],
    [10053, 'connection aborted'],
    [10054, 'connection reset'],
    [10060, 'connection timed out'],
    [10928, 'Azure resource limit reached'],
    [10929, 'Azure server too busy'],
    [40143, 'Azure service error'],
    [40197, 'Azure service error (reconfiguration)'],
    [40501, 'Azure service busy'],
    [40540, 'Azure service error'],
    [40613, 'Azure database unavailable'],
    [49918, 'Azure: not enough resources'],
    [49919, 'Azure: too many create or update operations'],
    [49920, 'Azure: too many operations']
]);
/** Walks `error` and its causes for an mssql/tedious error that a retry may cure. */
function transientError(error) {
    for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
        const record = e;
        const number = Number(record.number);
        const reason = TRANSIENT_ERRORS.get(number);
        if (reason)
            return { kind: number === 1205 || number === 1204 || number === 1222 ? 'deadlock' : 'server', number, reason };
        // tarn's TimeoutError, as mssql rethrows it: every pooled connection stayed busy
        if (record.name === 'TimeoutError' && /acquire a connection/.test(String(record.message))) {
            return { kind: 'pool', number: 0, reason: 'no free connection in the pool' };
        }
        e = record.originalError ?? record.cause;
    }
    return null;
}
/**
 * Runs `work` (one statement, or one whole transaction) again while it fails with a transient
 * error, waiting the engine's backoff between tries: the `locked` class for deadlocks, `server`
 * for Azure's numbers, `concurrency` for a full pool. Any other error, or the last try's, is thrown.
 */
async function retrySql(work, options = {}) {
    const attempts = Math.max(1, options.attempts ?? 5);
    const clock = options.clock ?? engine_clock/* systemClock */.m;
    const random = options.random ?? Math.random;
    const backoffs = new Map();
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (e) {
            const error = transientError(e);
            if (!error || attempt >= attempts)
                throw e;
            const backoff = backoffs.get(error.kind) ??
                (0,engine_backoff/* backoffFor */.sA)(error.kind === 'deadlock' ? 'locked' : error.kind === 'pool' ? 'concurrency' : 'server', random);
            backoffs.set(error.kind, backoff.next(undefined));
            options.onRetry?.({ attempt, error, delayMs: backoff.duration });
            await clock.sleep(backoff.duration);
        }
    }
}

;// CONCATENATED MODULE: ./src/adapters/sql/mssql-database.ts










/** SQL types of the project's columns; NVARCHAR(450) keeps a short text column indexable (900 bytes). */
const TYPES = {
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
};
/** The driver type of each column type, for bulk insert (must match the column's declaration). */
const BULK_TYPES = {
    text: () => mssql_default().NVarChar((mssql_default()).MAX),
    shorttext: () => mssql_default().NVarChar(450),
    integer: () => mssql_default().BigInt(),
    bigint: () => mssql_default().BigInt(),
    real: () => mssql_default().Float(),
    decimal: () => mssql_default().Decimal(38, 10),
    boolean: () => mssql_default().Bit(),
    datetime: () => mssql_default().DateTime2(7),
    json: () => mssql_default().NVarChar((mssql_default()).MAX)
};
/** Text every code page SQL Server uses for VARCHAR encodes alike (UTF-8 and DBCS included). */
const isAscii = (text) => [...text].every(c => c.charCodeAt(0) < 0x80);
/**
 * The parameter type inferred from a value: fixed lengths keep SQL Server's plan cache small.
 * ASCII text goes as VARCHAR: against a VARCHAR key or state column (ERP tables) the column is then
 * neither converted (CONVERT_IMPLICIT turns seeks into scans) nor compared in NVARCHAR's order, which
 * under SQL_* collations differs from the column's `ORDER BY` (hyphens), so key-set pages neither
 * skip nor repeat rows; against an NVARCHAR column the parameter is the side converted, losslessly.
 * Other text stays NVARCHAR so nothing is lost; `typed()` binds a column's exact type.
 */
function typeOfValue(value) {
    if (value === null)
        return mssql_default().NVarChar(4000);
    if (typeof value === 'string' && isAscii(value))
        return value.length > 8000 ? mssql_default().VarChar((mssql_default()).MAX) : mssql_default().VarChar(8000);
    if (typeof value === 'string')
        return value.length > 4000 ? mssql_default().NVarChar((mssql_default()).MAX) : mssql_default().NVarChar(4000);
    if (typeof value === 'bigint')
        return mssql_default().BigInt();
    if (typeof value === 'number')
        return Number.isSafeInteger(value) ? mssql_default().BigInt() : mssql_default().Float();
    if (typeof value === 'boolean')
        return mssql_default().Bit();
    if (value instanceof Date)
        return mssql_default().DateTime2(7);
    return mssql_default().VarBinary((mssql_default()).MAX);
}
/** The driver type of a column as `sys.columns` describes it; undefined for types left to the spec. */
function bulkTypeOf(c) {
    const n = c.maxLength ?? (mssql_default()).MAX;
    const make = {
        nvarchar: () => mssql_default().NVarChar(n),
        varchar: () => mssql_default().VarChar(n),
        nchar: () => mssql_default().NChar(c.maxLength ?? 1),
        char: () => mssql_default().Char(c.maxLength ?? 1),
        bigint: () => mssql_default().BigInt(),
        int: () => mssql_default().Int(),
        smallint: () => mssql_default().SmallInt(),
        tinyint: () => mssql_default().TinyInt(),
        bit: () => mssql_default().Bit(),
        float: () => mssql_default().Float(),
        real: () => mssql_default().Real(),
        decimal: () => mssql_default().Decimal(c.precision, c.scale),
        numeric: () => mssql_default().Numeric(c.precision, c.scale),
        date: () => mssql_default().Date(),
        datetime: () => mssql_default().DateTime(),
        datetime2: () => mssql_default().DateTime2(c.scale),
        datetimeoffset: () => mssql_default().DateTimeOffset(c.scale)
    };
    return make[c.type]?.();
}
/** Text types bound as the column declares them; other columns as their value says. */
const COLUMN_TYPES = {
    varchar: n => mssql_default().VarChar(n ?? (mssql_default()).MAX),
    // a value longer than a CHAR(n) (length null) is bound whole as VARCHAR(MAX), never cut to CHAR(1)
    char: n => (n === null ? mssql_default().VarChar((mssql_default()).MAX) : mssql_default().Char(n)),
    nvarchar: n => mssql_default().NVarChar(n ?? (mssql_default()).MAX),
    nchar: n => (n === null ? mssql_default().NVarChar((mssql_default()).MAX) : mssql_default().NChar(n)),
    bigint: () => mssql_default().BigInt(),
    int: () => mssql_default().Int(),
    // a DATETIME key never equals a DATETIME2(7) parameter under compatibility level 130+
    // (DATETIME's 1/300 s ticks convert exactly, .003 becomes .0033333): bind its own type
    datetime: () => mssql_default().DateTime(),
    smalldatetime: () => mssql_default().SmallDateTime(),
    date: () => mssql_default().Date()
};
/** The driver type of a parameter: a `TypedValue` as its column, a plain value as `typeOfValue` says. */
function typeOfParam(param) {
    if (!(param instanceof database/* TypedValue */.s))
        return typeOfValue(param);
    const { type, maxLength } = param.column;
    const make = COLUMN_TYPES[type];
    // a value longer than the column cannot equal any of its values; MAX keeps it whole anyway
    const fits = typeof param.value !== 'string' || maxLength === null || param.value.length <= maxLength;
    return make ? make(fits ? maxLength : null) : typeOfValue(param.value);
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
        .filter(([, meta]) => meta.type === (mssql_default()).BigInt)
        .map(([name]) => name);
    if (bigints.length === 0)
        return rows;
    for (const row of rows)
        for (const name of bigints)
            row[name] = fromDriver(row[name], true);
    return rows;
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
    retry;
    tx;
    dialect = 'mssql';
    lock = new Lock();
    constructor(pool, retry, tx) {
        this.pool = pool;
        this.retry = retry;
        this.tx = tx;
    }
    /**
     * Connects a pool from a URL; errors never contain the password. Statements on the root, and
     * whole transactions, are retried on deadlocks, Azure's transient errors and a full pool
     * (`options.retry`; tedious itself retries only the login).
     */
    static async connect(url, setting = 'database-url', options = {}) {
        const config = parseMssqlUrl(url, setting, options);
        const pool = new (mssql_default()).ConnectionPool(config);
        pool.on('error', () => undefined);
        try {
            await pool.connect();
        }
        catch (e) {
            // the driver's message is masked by value: the parsed password is a registered secret
            throw new errors/* DatabaseError */.a$(`SQL Server: cannot connect to ${(0,database_url/* redactUrl */.BO)(url)}: ${(0,redaction/* redact */.E$)((0,errors/* messageOf */.bD)(e))}`);
        }
        return new MssqlDatabase(pool, options.retry ?? {});
    }
    request(params) {
        const request = this.tx ? new (mssql_default()).Request(this.tx) : new (mssql_default()).Request(this.pool);
        for (const [name, param] of Object.entries(params ?? {})) {
            request.input(name, typeOfParam(param), toDriver(param instanceof database/* TypedValue */.s ? param.value : param));
        }
        return request;
    }
    async guard(fn) {
        const call = async () => {
            try {
                return await fn();
            }
            catch (e) {
                throw new errors/* DatabaseError */.a$(`SQL Server: ${(0,redaction/* redact */.E$)((0,errors/* messageOf */.bD)(e))}`, { cause: e });
            }
        };
        // inside a transaction a failure aborts the whole of it: `transaction` retries it whole
        return this.tx ? await this.lock.run(call) : await retrySql(call, this.retry);
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
    /**
     * Runs `fn` in one transaction, and runs it again from the start when SQL Server rolled it
     * back for a transient reason (a deadlock victim, 1205): `fn` must only touch the database.
     */
    async transaction(fn) {
        if (this.tx)
            return await fn(this);
        return await retrySql(() => this.once(fn), this.retry);
    }
    async once(fn) {
        const tx = new (mssql_default()).Transaction(this.pool);
        await this.guard(() => tx.begin((mssql_default()).ISOLATION_LEVEL.READ_COMMITTED));
        let aborted = false;
        tx.on('rollback', (wasAborted) => {
            aborted = wasAborted;
        });
        // commit and rollback queue behind the transaction's own statements (one request at a time)
        const inner = new MssqlDatabase(this.pool, this.retry, tx);
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
    async tryLock(resource) {
        // Transaction-owned: the lock lives as long as this transaction, which writes nothing (no
        // log, no row locks) and holds one pooled connection until release
        const tx = new (mssql_default()).Transaction(this.pool);
        await this.guard(() => tx.begin((mssql_default()).ISOLATION_LEVEL.READ_COMMITTED));
        const result = await new MssqlDatabase(this.pool, this.retry, tx)
            .query("DECLARE @r INT; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', " +
            "@LockOwner = 'Transaction', @LockTimeout = 0; SELECT @r AS r", { resource: `monday-sync/${resource}`.slice(0, 255) })
            .catch(async (e) => {
            await tx.rollback().catch(() => undefined);
            throw e;
        });
        // 0 or 1: granted; -1: another session holds it (sp_getapplock's return codes)
        if (Number(result[0]?.r) < 0) {
            await tx.rollback().catch(() => undefined);
            return null;
        }
        let released = false;
        return {
            release: async () => {
                if (released)
                    return;
                released = true;
                await tx.rollback().catch(() => undefined);
            }
        };
    }
    /** Bulk insert (TDS bulk load) of `rows`; inside a transaction it is part of it. */
    async insertMany(table, columns, rows) {
        if (rows.length === 0)
            return 0;
        this.quote(table);
        for (const column of columns)
            this.quote(column.name);
        // the bulk load declares each column's type and SQL Server refuses a mismatch (4816): declare
        // the table's real types, so a table created by a DBA or by sql/ (DATE, VARCHAR…) takes the rows
        const real = await (0,column_facts/* readColumns */.Ej)(this, table).catch(() => new Map());
        const bulk = new (mssql_default()).Table(table);
        bulk.create = false;
        for (const column of columns) {
            const facts = real.get(column.name.toLowerCase());
            const type = (facts && bulkTypeOf(facts)) ?? BULK_TYPES[column.type]();
            bulk.columns.add(column.name, type, { nullable: facts?.nullable ?? column.nullable ?? true });
        }
        for (const row of rows) {
            bulk.rows.add(...row.map(v => (typeof v === 'boolean' ? Number(v) : toDriver(v))));
        }
        return this.guard(async () => (await (this.tx ? new (mssql_default()).Request(this.tx) : this.pool.request()).bulk(bulk)).rowsAffected);
    }
    quote(identifier) {
        return (0,identifiers/* quoteIdentifier */.C)(identifier, 'mssql');
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
