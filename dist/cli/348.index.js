export const id = 348;
export const ids = [348];
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

/***/ 31348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  syncCommand: () => (/* binding */ syncCommand)
});

// UNUSED EXPORTS: syncReportTable, syncSettings

// EXTERNAL MODULE: ./src/adapters/sql/open.ts
var sql_open = __webpack_require__(25319);
// EXTERNAL MODULE: ./src/config/schema.ts
var schema = __webpack_require__(90131);
// EXTERNAL MODULE: ./src/engine/server-times.ts
var server_times = __webpack_require__(85060);
;// CONCATENATED MODULE: ./src/engine/control-text.ts

/** What each binding limit means to a reader. */
const BINDING_TEXT = {
    complexity: 'the complexity budget',
    rate: 'the request rate',
    concurrency: "the plan's concurrency limit",
    backoff: 'a back-off after MAX_CONCURRENCY_EXCEEDED or a timeout',
    latency: 'a back-off after requests queued'
};
/** "57 in flight (peak 100), set by the complexity budget; 14.2 s a request", or undefined without the loop. */
function inFlightText(inFlight) {
    if (!inFlight)
        return undefined;
    const by = BINDING_TEXT[inFlight.binding] ?? inFlight.binding;
    return `${inFlight.level} in flight (peak ${inFlight.peak}), set by ${by}; ${(inFlight.requestMs / 1000).toFixed(1)} s a request`;
}
/**
 * "create_item 830 / 1,020 ms (last 40 requests), create_subitem …": p50 / p90 per operation in monday
 * milliseconds, for mutations (a read's time is not per operation); undefined when none was measured.
 */
function serverTimesText(times) {
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    const parts = Object.entries(times ?? {})
        .filter(([kind]) => kind in server_times/* ASSUMED_OPERATION_MS */.Y)
        .map(([kind, t]) => `${kind} ${fmt(t.p50Ms)} / ${fmt(t.p90Ms)} ms (last ${t.samples} requests)`);
    return parts.length > 0 ? parts.join(', ') : undefined;
}
/** Short form for progress lines: "57 in flight (complexity)". */
function inFlightShort(inFlight) {
    return inFlight ? `${inFlight.level} in flight (${inFlight.binding})` : '';
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/adapters/monday/client.ts + 18 modules
var client = __webpack_require__(73979);
// EXTERNAL MODULE: ./src/pipelines/load-board/run-dir.ts
var run_dir = __webpack_require__(39638);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/pipelines/sync/claims.ts
/**
 * Claims of a run. A claimed row is in the in-progress state and its error column says which run
 * holds it, from which process, since when: `syncing: run <id> pid <pid>@<host> since <ISO time>`.
 * Another run leaves such a row alone while the claim is live: it may still be on its way to
 * monday, whose aliases take effect one after another, so looking it up now could miss an item
 * that appears a second later and create it twice. A claim can be taken over (reconciled) when
 * its lease has expired, when its run ended (`ended` text) or when its process is gone from this
 * host. Rows in progress without a readable claim (an older version) are reconciled at once.
 */


/**
 * Lease of a claim, in monday milliseconds (divided by the time scale): longer than the longest
 * request the engine allows, 8 attempts of up to the 60 s request timeout [BP] each with a wait of
 * up to 60 s between them (rate-limit `retry_in_seconds`), renewed before every send.
 */
const DEFAULT_LEASE_MS = 20 * 60_000;
const LIVE = /^syncing: run (\S+) pid (\d+)@(\S+) since (\S+)$/;
/** The claim of one run, as written to and matched in the error column. */
class RunClaim {
    runId;
    leaseMs;
    pid;
    host;
    /** A LIKE pattern matching every claim of this run (live texts only). */
    pattern;
    constructor(runId, leaseMs, pid = process.pid, host = (0,external_node_os_.hostname)().replace(/\s+/g, '-') || 'localhost') {
        this.runId = runId;
        this.leaseMs = leaseMs;
        this.pid = pid;
        this.host = host;
        if (!/^[A-Za-z0-9-]+$/.test(runId))
            throw new TypeError(`run id "${runId}": letters, digits and - only`);
        this.pattern = `syncing: run ${runId} pid %`;
    }
    /** The text of a claim made or renewed at `at` (milliseconds since the epoch). */
    text(at) {
        return `syncing: run ${this.runId} pid ${this.pid}@${this.host} since ${new Date(at).toISOString()}`;
    }
    /** What a claim becomes when its run ends with its outcome unknown. */
    ended(at) {
        return `syncing: run ${this.runId} ended at ${new Date(at).toISOString()} before its outcome was known`;
    }
    /** True when a row in progress with this claim text may be reconciled by this run now. */
    reclaimable(text, now, alive = processAlive) {
        const m = text === null ? null : LIVE.exec(text);
        if (!m)
            return true;
        const [, runId, pid, host, since] = m;
        if (runId === this.runId)
            return false;
        const at = Date.parse(since ?? '');
        if (Number.isNaN(at) || now - at > this.leaseMs)
            return true;
        return host === this.host && Number(pid) !== this.pid && !alive(Number(pid));
    }
}
/**
 * Whether a process of this host is still running. On Linux a zombie (killed, not yet reaped by
 * its parent) counts as ended; elsewhere signal 0 tells.
 */
function processAlive(pid) {
    try {
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    }
    catch (e) {
        if (e.code === 'ENOENT' && process.platform === 'linux')
            return false;
    }
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}

// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(43124);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/adapters/monday/types.ts
var types = __webpack_require__(21488);
// EXTERNAL MODULE: ./src/graphql/generated.ts
var generated = __webpack_require__(35120);
// EXTERNAL MODULE: ./src/graphql/operation.ts
var operation = __webpack_require__(88232);
;// CONCATENATED MODULE: ./src/pipelines/sync/context.ts


/** Classes after which no further request can succeed in this run. */
const FATAL = ['auth', 'not_found', 'daily_limit'];
/** The mutation that creates a row's item, per table. */
const CREATE_KIND = { orders: 'create_item', lines: 'create_subitem' };
/** Sends of a row whose alias failed with a transient error, before it is marked failed. */
const ALIAS_ATTEMPTS = 3;
const context_emptyStats = () => ({
    created: 0,
    updated: 0,
    moved: 0,
    archived: 0,
    adopted: 0,
    recreated: 0,
    failed: 0,
    released: 0
});
/**
 * Rows of `batch` this run still holds, with their claim renewed; a row another run took over
 * (this run outlived its lease) is left to that run.
 */
async function stillHeld(ctx, table, batch) {
    const held = await ctx.store.renew(table, batch.map(r => r.row.rawKey), ctx.stamp());
    if (held.size < batch.length) {
        ctx.log('warning', `${batch.length - held.size} ${table} row(s) were taken over by another run; not sent again`);
    }
    return batch.filter(r => held.has(r.row.key));
}
/** Failed rows of one operation grouped by error class: one failure each in the report. */
class FailureTally {
    byClass = new Map();
    add(errorClass, message, key) {
        const entry = this.byClass.get(errorClass) ?? { message, keys: [] };
        entry.keys.push(key);
        this.byClass.set(errorClass, entry);
    }
    /** Adds the tallied failures to `ctx.failures`. */
    note(ctx, operation, attempts) {
        for (const [errorClass, entry] of this.byClass) {
            ctx.failures.push({
                boardId: ctx.boardId,
                operation,
                errorClass,
                message: entry.message,
                rowKeys: entry.keys,
                attempts
            });
        }
    }
}
/** The errors of a response by the alias they name (`path[0]`). */
function aliasErrors(errors) {
    const byAlias = new Map();
    for (const error of errors)
        if (error.path?.[0] !== undefined)
            byAlias.set(String(error.path[0]), error);
    return byAlias;
}
/** An alias error worth sending again (monday asked to wait, or failed inside). */
function isTransient(error) {
    const action = error.classified?.action;
    if (action)
        return action === 'backoff' || action === 'retry_after';
    return /internal server error|INTERNAL_SERVER_ERROR/i.test(`${error.code ?? ''} ${error.message}`);
}
/** What a request that failed as a whole says to do: split, shrink, fail, …; and its class. */
function failureOf(e) {
    return {
        action: e.action,
        errorClass: (0,types/* isMondayApiError */.zm)(e) ? e.errorClass : 'unknown'
    };
}
/** Sends a batch as two halves, one after the other: to shrink it, or to isolate a bad row. */
async function inHalves(batch, send) {
    const half = Math.ceil(batch.length / 2);
    await send(batch.slice(0, half));
    await send(batch.slice(half));
}
/** Adds a request of `operation` for `rows` that failed as a whole to `ctx.failures`. */
function noteRequestFailure(ctx, operation, e, rows, attempt) {
    ctx.failures.push({
        boardId: ctx.boardId,
        operation,
        errorClass: failureOf(e).errorClass,
        message: (0,errors/* messageOf */.bD)(e),
        rowKeys: rows.map(r => r.row.key),
        attempts: ((0,types/* isMondayApiError */.zm)(e) ? e.details.attempts : undefined) ?? attempt
    });
}

;// CONCATENATED MODULE: ./src/pipelines/sync/sql-text.ts
/** SQL Server accepts at most 2,100 parameters per statement; lists stay far below. */
const MAX_LIST = 400;
/** `@prefix0, @prefix1…` for `values`, added to `params`. */
function inList(values, prefix, params) {
    return values
        .map((value, i) => {
        params[`${prefix}${i}`] = value;
        return `@${prefix}${i}`;
    })
        .join(', ');
}
/** A SELECT of at most `limit` rows in the database's dialect (`TOP` or `LIMIT`). */
function selectPage(db, parts, limit) {
    const n = Math.max(1, Math.floor(limit));
    if (db.dialect === 'mssql') {
        return `SELECT TOP (${n}) ${parts.columns} FROM ${parts.from} WHERE ${parts.where} ORDER BY ${parts.orderBy}`;
    }
    return `SELECT ${parts.columns} FROM ${parts.from} WHERE ${parts.where} ORDER BY ${parts.orderBy} LIMIT ${n}`;
}
/** Splits `list` into chunks of at most `size`. */
function chunks(list, size) {
    const out = [];
    for (let i = 0; i < list.length; i += size)
        out.push(list.slice(i, i + size));
    return out;
}
/** A key as text: monday's sync-key column and the report carry keys as strings. */
function keyText(value) {
    if (value instanceof Date)
        return value.toISOString();
    if (value instanceof Uint8Array)
        return Buffer.from(value).toString('hex');
    return String(value);
}
/**
 * One UPDATE that returns the keys of exactly the rows it changed. Its WHERE is evaluated on each
 * row as the row is locked, so a row another connection changed first is skipped, not set and
 * left unreported. SQL Server: `UPDATE TOP (n) … OUTPUT inserted.key INTO @table`, then a SELECT of
 * it (a plain OUTPUT fails with error 334 on a table with an enabled trigger); SQLite: `RETURNING`.
 */
async function updateReturningKeys(db, u, params) {
    const n = Math.max(1, Math.floor(u.limit));
    const sql = db.dialect === 'mssql'
        ? `DECLARE @monday_sync_changed TABLE (k ${u.keyType}); ` +
            `UPDATE TOP (${n}) ${u.table} SET ${u.set} OUTPUT inserted.${u.key} INTO @monday_sync_changed (k) ` +
            `WHERE ${u.where}; SELECT k FROM @monday_sync_changed`
        : `UPDATE ${u.table} SET ${u.set} WHERE ${u.where} RETURNING ${u.key} AS k`;
    return (await db.query(sql, params)).map(r => r.k);
}

;// CONCATENATED MODULE: ./src/pipelines/sync/reconcile.ts



/** Keys per lookup; the page limit is 500 [IP]. */
const KEYS_PER_LOOKUP = 100;
/** Keeps the lowest id per key (the first created), so adopting is deterministic. */
function keep(found, key, id) {
    if (!key)
        return;
    const had = found.get(key);
    if (had === undefined || BigInt(id) < BigInt(had))
        found.set(key, id);
}
/** Item ids on `boardId` by sync key, for the given keys. */
async function findItems(client, boardId, column, keys) {
    const found = new Map();
    const wanted = new Set(keys);
    for (const chunk of chunks(keys, KEYS_PER_LOOKUP)) {
        let page = (await (0,operation/* requestOperation */.dt)(client.request, generated/* SyncFindItemsDocument */.uB, { board: boardId, column, keys: chunk, limit: 500 }, { kind: 'items_page_by_column_values', items: chunk.length })).items_page_by_column_values;
        for (;;) {
            for (const item of page.items) {
                const key = item.column_values?.find(c => c.id === column)?.text;
                if (key && wanted.has(key))
                    keep(found, key, item.id);
            }
            if (!page.cursor)
                break;
            page = (await (0,operation/* requestOperation */.dt)(client.request, generated/* SyncFindItemsNextDocument */.ri, { cursor: page.cursor, column, limit: 500 }, { kind: 'next_items_page', items: 500 })).next_items_page;
        }
    }
    return found;
}
/** Subitem ids by sync key under the given parent items. */
async function findSubitems(client, parentIds, column) {
    const found = new Map();
    for (const chunk of chunks([...new Set(parentIds)], 100)) {
        const answer = await (0,operation/* requestOperation */.dt)(client.request, generated/* SyncFindSubitemsDocument */.CF, { ids: chunk, column }, { kind: 'items', items: chunk.length });
        for (const parent of (0,operation/* present */.Eb)(answer.items)) {
            for (const sub of (0,operation/* present */.Eb)(parent.subitems)) {
                keep(found, sub.column_values?.find(c => c.id === column)?.text, sub.id);
            }
        }
    }
    return found;
}
/** Item ids by key of `rows`, for their keys only: on the items board (orders) or under their parents (lines). */
async function findByKey(deps, table, rows) {
    if (rows.length === 0)
        return new Map();
    if (table === 'orders') {
        return await findItems(deps.client, deps.boardId, deps.itemsKeyColumn, rows.map(r => r.key));
    }
    const wanted = new Set(rows.map(r => r.key));
    const under = await findSubitems(deps.client, rows.map(r => r.parentItemId), deps.subitemsKeyColumn);
    // only the rows' own keys: a parent's other subitems do not count as found
    return new Map([...under].filter(([key]) => wanted.has(key)));
}
/**
 * Settles rows this run holds whose outcome is unknown, in one transaction. A row that had an item
 * (an update) goes back to pending with its id: writing its values again is harmless, and a
 * recreate that may have happened is found by key before creating. A create is looked up by key:
 * adopted when its item exists, else released.
 */
async function reconcileRows(deps, table, rows) {
    if (rows.length === 0)
        return { adopted: 0, released: 0 };
    const creates = rows.filter(r => r.itemId === null);
    const found = await findByKey(deps, table, creates);
    const outcome = { synced: [], failed: [], released: [] };
    for (const row of rows) {
        const id = row.itemId === null ? found.get(row.key) : undefined;
        if (id)
            outcome.synced.push({ rawKey: row.rawKey, itemId: id });
        else
            outcome.released.push(row.rawKey);
    }
    await deps.store.record(table, outcome, deps.stamp());
    return { adopted: outcome.synced.length, released: outcome.released.length };
}

;// CONCATENATED MODULE: ./src/pipelines/sync/cut.ts



/** Sends of a row whose batch was cut and found missing, before it waits for the next run. */
const CUT_ATTEMPTS = 5;
/** Lookups of one cut batch while its items keep appearing, at most. */
const MAX_CUT_LOOKUPS = 20;
/** monday cuts a request at 60 s [BP]; a lookup takes about a second (monday ms). */
const CUT_AT_MS = 60_000;
const LOOKUP_MS = 1_000;
/** monday ms per operation assumed when the client has no figure (create_subitem's p90). */
const UNKNOWN_OPERATION_MS = 4_400;
/**
 * Settles a cut batch this run holds (`cuts`: how often these rows were cut in this run, this one
 * included): adopts the rows whose item exists and returns the rows to send again. A row cut
 * `CUT_ATTEMPTS` times goes back to pending for the next run; if the lookup
 * itself fails (or the run is stopping), the rows stay in progress and the next run reconciles them.
 */
async function settleCut(ctx, table, batch, why, cuts) {
    const kind = CREATE_KIND[table];
    ctx.log('info', `${batch.length} ${kind} cut before an answer (${why}); looking them up by sync key`);
    const found = await lookUpRows(ctx, table, batch);
    if (found === null) {
        ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${why}`);
        return [];
    }
    const outcome = { synced: [], failed: [], released: [] };
    const missing = [];
    for (const r of batch) {
        const id = found.get(r.row.key);
        if (id !== undefined)
            outcome.synced.push({ rawKey: r.row.rawKey, itemId: id });
        else if (cuts >= CUT_ATTEMPTS)
            outcome.released.push(r.row.rawKey);
        else
            missing.push(r);
    }
    await ctx.store.record(table, outcome, ctx.stamp());
    ctx.stats[table].adopted += outcome.synced.length;
    ctx.stats[table].released += outcome.released.length;
    if (outcome.released.length > 0) {
        ctx.log('warning', `${outcome.released.length} ${kind} cut ${cuts} times; they wait for the next run`);
    }
    return missing;
}
/** The batch's rows looked up until settled; null when a lookup failed or the run is stopping. */
async function lookUpRows(ctx, table, batch) {
    const rows = batch.map(r => r.row);
    try {
        return await lookUpUntilSettled(ctx.client, CREATE_KIND[table], rows.length, async () => await findByKey(ctx, table, rows), () => ctx.stop.reason !== null);
    }
    catch (e) {
        ctx.log('warning', `looking up a cut batch failed: ${(0,errors/* messageOf */.bD)(e)}`);
        return null;
    }
}
/**
 * Looks up what a cut request of `wanted` creates of `kind` made (`lookUp`: what exists now, by
 * key) until all exist or a whole step passes with nothing new. The step outlasts one operation:
 * twice the kind's p90, and twice the time per creation seen so far (the request ran 60 s before
 * the cut; the time since is what this loop waited). Null when the run is stopping; a failed
 * lookup rejects.
 */
async function lookUpUntilSettled(client, kind, wanted, lookUp, stopped) {
    if (stopped())
        return null;
    let found = await lookUp();
    let elapsed = CUT_AT_MS + LOOKUP_MS;
    for (let i = 0; i < MAX_CUT_LOOKUPS && found.size < wanted && client.pause; i++) {
        const p90 = client.serverTimeMs?.(kind) ?? UNKNOWN_OPERATION_MS;
        const step = Math.max(2 * p90, (2 * elapsed) / Math.max(1, found.size));
        await client.pause(step);
        if (stopped())
            return null;
        const now = await lookUp();
        elapsed += step + LOOKUP_MS;
        const grew = now.size > found.size;
        found = now;
        if (!grew)
            break;
    }
    return found;
}

;// CONCATENATED MODULE: ./src/pipelines/sync/board.ts






/** A monday idempotency key from parts: stable across runs for the same keys. */
function idempotencyKey(...parts) {
    return `ms-${(0,external_node_crypto_.createHash)('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}
/** Labels of status and dropdown columns from `settings_str`. */
function labelsOf(columns) {
    const labels = new Map();
    for (const c of columns) {
        if (c.type !== 'status' && c.type !== 'dropdown')
            continue;
        try {
            const settings = JSON.parse(c.settings_str ?? '{}');
            const raw = settings.labels;
            const names = Array.isArray(raw)
                ? raw.map(l => (typeof l === 'object' && l !== null ? String(l.name) : String(l)))
                : raw && typeof raw === 'object'
                    ? Object.values(raw).map(String)
                    : undefined;
            if (names)
                labels.set(c.id, new Set(names));
        }
        catch {
            // settings we cannot read: the column's labels are not checked before sending
        }
    }
    return labels;
}
/** The subitems board id from the `subtasks` column's settings (`boardIds`), when monday gives it. */
function subitemsBoardOf(columns) {
    for (const c of columns) {
        if (c.type !== 'subtasks')
            continue;
        try {
            const ids = JSON.parse(c.settings_str ?? '{}').boardIds;
            if (Array.isArray(ids) && ids[0] !== undefined)
                return String(ids[0]);
        }
        catch {
            return null;
        }
    }
    return null;
}
function checkMapped(columns, mapping, prefix, boardId) {
    const ids = new Set(columns.map(c => c.id));
    const check = (id, key) => {
        if (!ids.has(id))
            throw new errors/* ConfigError */.xL(`${key}: board ${boardId} has no column "${id}"`, key);
    };
    check(mapping.syncKeyColumn, `${prefix}.sync_key_column`);
    mapping.columns.forEach((c, i) => check(c.columnId, `${prefix}.columns[${i}].column_id`));
}
/**
 * What the sync knows about its board: groups by title (created when missing, once per run) and
 * the labels of status and dropdown columns on the items and subitems boards.
 */
class BoardContext {
    client;
    boardId;
    groups = new Map();
    itemLabels = new Map();
    subitemLabels = new Map();
    /** The subitems board (from the `subtasks` column's settings); null when monday does not say. */
    subitemsBoardId = null;
    groupsCreated = 0;
    /** Groups whose create_group was cut and that were then found on the board. */
    groupsAdopted = 0;
    chain = Promise.resolve();
    /**
     * monday caches an answer under its Idempotency-Key for 30 minutes, failed answers too [IDEM]:
     * a group whose creation was answered with an error gets a new key for its next try (this run's
     * nonce and a try count). A group created by an earlier run is found by title in `load`.
     */
    nonce = (0,external_node_crypto_.randomUUID)();
    groupTries = new Map();
    /** Titles whose last create_group was cut and that were not found since: looked up before the next. */
    cutTitles = new Set();
    constructor(client, boardId) {
        this.client = client;
        this.boardId = boardId;
    }
    /** Reads groups and columns; a mapped column missing on the board is a ConfigError. */
    async load(items, subitems) {
        const board = await this.readBoard();
        const columns = (0,operation/* present */.Eb)(board.columns);
        checkMapped(columns, items, 'mapping', this.boardId);
        this.learnGroups((0,operation/* present */.Eb)(board.groups));
        this.itemLabels = labelsOf(columns);
        const sub = subitemsBoardOf(columns);
        if (!sub)
            return;
        this.subitemsBoardId = sub;
        const subAnswer = await (0,operation/* requestOperation */.dt)(this.client.request, generated/* SyncSubitemBoardMetaDocument */.le, { board: [sub] }, { kind: 'boards', items: 1 });
        const subBoard = subAnswer.boards?.[0];
        if (!subBoard?.columns)
            return;
        const subColumns = (0,operation/* present */.Eb)(subBoard.columns);
        checkMapped(subColumns, subitems, 'mapping.subitems', sub);
        this.subitemLabels = labelsOf(subColumns);
    }
    /**
     * Creates the groups titled `titles` that the board lacks, one at a time; returns the titles that
     * could not be created with their error (their rows wait for a later page or run).
     */
    async ensureGroups(titles) {
        const missing = [...new Set(titles)].filter(t => !this.groups.has(t));
        const failed = new Map();
        if (missing.length === 0)
            return failed;
        const run = this.chain.then(async () => {
            for (const title of missing) {
                if (this.groups.has(title))
                    continue;
                try {
                    await this.createGroup(title);
                }
                catch (e) {
                    failed.set(title, e);
                }
            }
        });
        this.chain = run.catch(() => undefined);
        await run;
        return failed;
    }
    /** The board's groups and columns; a board monday does not show is a ConfigError. */
    async readBoard() {
        const answer = await (0,operation/* requestOperation */.dt)(this.client.request, generated/* SyncBoardMetaDocument */.oK, { board: [this.boardId] }, { kind: 'boards', items: 1 });
        const board = answer.boards?.[0];
        if (!board)
            throw new errors/* ConfigError */.xL(`environments: board ${this.boardId} does not exist or is not visible to the token`, 'board_id');
        return board;
    }
    /** The first group of each title in board order is the one used, as monday lists them. */
    learnGroups(groups) {
        for (const g of groups)
            if (!this.groups.has(g.title))
                this.groups.set(g.title, g.id);
    }
    /**
     * Creates the group titled `title`. A create_group cut before its answer (timed out, 504, lost
     * connection) may still have created the group, and monday keeps no idempotency replay for it
     * (API-FACTS.md "Time"): the board's groups are read by title until the outcome settles, an
     * existing group is adopted, and only a group still missing is created again, with a new key.
     * A title cut `CUT_ATTEMPTS` times fails for this page; its next try looks it up first.
     */
    async createGroup(title) {
        if (this.cutTitles.has(title) && (await this.findGroup(title, false)))
            return;
        for (let cuts = 1;; cuts++) {
            try {
                await this.sendCreateGroup(title);
                this.cutTitles.delete(title);
                return;
            }
            catch (e) {
                if (!(0,types/* isUnknownOutcome */.$u)(e))
                    throw e;
                this.cutTitles.add(title);
                if (await this.findGroup(title, true))
                    return;
                if (cuts >= CUT_ATTEMPTS)
                    throw e;
            }
        }
    }
    /** Reads the board's groups (once, or until a cut create_group settles); true when `title` exists. */
    async findGroup(title, settle) {
        const lookUp = async () => {
            this.learnGroups((0,operation/* present */.Eb)((await this.readBoard()).groups));
            const id = this.groups.get(title);
            return new Map(id === undefined ? [] : [[title, id]]);
        };
        const found = settle
            ? await lookUpUntilSettled(this.client, 'create_group', 1, lookUp, () => false)
            : await lookUp();
        if (!found?.has(title))
            return false;
        this.cutTitles.delete(title);
        this.groupsAdopted += 1;
        return true;
    }
    async sendCreateGroup(title) {
        const tries = this.groupTries.get(title) ?? 0;
        this.groupTries.set(title, tries + 1);
        const key = idempotencyKey(this.boardId, 'group', title, this.nonce, String(tries));
        const response = await (0,operation/* sendOperation */.UP)(this.client, generated/* SyncCreateGroupDocument */.A9, { board: this.boardId, name: title }, 
        // a cut create_group is an unknown outcome: the client does not send it again blind
        { kind: 'create_group', items: 1, idempotencyKey: key, cutIsUnknown: true });
        const id = response.data?.create_group?.id;
        if (!id)
            throw new Error(`create_group: ${response.errors[0]?.message ?? 'no id returned'}`);
        this.groups.set(title, id);
        this.groupsCreated += 1;
    }
}

// EXTERNAL MODULE: ./node_modules/graphql/index.js
var graphql = __webpack_require__(17645);
;// CONCATENATED MODULE: ./src/graphql/batch.ts

/** A batch template; `shared` names the variables declared once. */
function batchTemplate(document, alias, shared) {
    return { document, alias, shared };
}
const parsed = new Map();
function templateParts(text) {
    const hit = parsed.get(text);
    if (hit)
        return hit;
    const { definitions } = (0,graphql/* parse */.qgA)(text);
    const operation = definitions[0];
    const field = operation?.kind === graphql/* Kind */.b8C.OPERATION_DEFINITION ? operation.selectionSet.selections : [];
    if (operation?.kind !== graphql/* Kind */.b8C.OPERATION_DEFINITION || definitions.length > 1 || field.length !== 1) {
        throw new Error(`A batch template is one operation with one root field, without fragments:\n${text}`);
    }
    const root = field[0];
    if (root?.kind !== graphql/* Kind */.b8C.FIELD)
        throw new Error(`A batch template's root selection is a field:\n${text}`);
    const parts = { operation, field: root };
    parsed.set(text, parts);
    return parts;
}
/** The root field of copy `index`: aliased, its own variables numbered. */
function aliasedField(field, alias, index, shared) {
    const renamed = (0,graphql/* visit */.YRT)(field, {
        Variable: node => shared.has(node.name.value) ? undefined : { ...node, name: { ...node.name, value: `${node.name.value}${index}` } }
    });
    return { ...renamed, alias: { kind: graphql/* Kind */.b8C.NAME, value: `${alias}${index}` } };
}
/** The variable definitions of the batch: shared ones once, the others once per copy. */
function batchDefinitions(definitions, count, shared) {
    const once = definitions.filter(d => shared.has(d.variable.name.value));
    const each = definitions.filter(d => !shared.has(d.variable.name.value));
    const numbered = Array.from({ length: count }, (_, i) => each.map(d => ({
        ...d,
        variable: { ...d.variable, name: { ...d.variable.name, value: `${d.variable.name.value}${i}` } }
    })));
    return [...once, ...numbered.flat()];
}
/**
 * One request of `entries.length` copies of the template. `shared` holds the variables declared
 * once; each entry holds the other variables of its copy.
 */
function aliasedBatch(template, shared, entries) {
    const { operation, field } = templateParts(String(template.document));
    const sharedNames = new Set(template.shared);
    const definition = {
        ...operation,
        variableDefinitions: batchDefinitions(operation.variableDefinitions ?? [], entries.length, sharedNames),
        selectionSet: {
            ...operation.selectionSet,
            selections: entries.map((_, i) => aliasedField(field, template.alias, i, sharedNames))
        }
    };
    const variables = { ...shared };
    entries.forEach((entry, i) => {
        for (const [name, value] of Object.entries(entry))
            variables[`${name}${i}`] = value;
    });
    return { document: (0,graphql/* print */.yyV)({ kind: graphql/* Kind */.b8C.DOCUMENT, definitions: [definition] }), variables };
}

;// CONCATENATED MODULE: ./src/graphql/batches.ts


/** sync: `create_item` aliased `i0…`, one board for the batch. */
const CREATE_ITEMS = batchTemplate(generated/* SyncCreateItemsDocument */.fi, 'i', ['board']);
/** sync: `create_subitem` aliased `s0…`, each under its own parent. */
const CREATE_SUBITEMS = batchTemplate(generated/* SyncCreateSubitemsDocument */.xg, 's', []);
/** sync: `change_multiple_column_values` aliased `u0…`, one board (items or subitems) for the batch. */
const UPDATE_ITEMS = batchTemplate(generated/* SyncUpdateItemsDocument */.Un, 'u', ['board']);
/** sync: `move_item_to_group` aliased `m0…`. */
const MOVE_ITEMS = batchTemplate(generated/* SyncMoveItemsDocument */.O8, 'm', []);
/** sync: `archive_item` aliased `a0…`. */
const ARCHIVE_ITEMS = batchTemplate(generated/* SyncArchiveItemsDocument */.tI, 'a', []);
/** Every batch template the product sends; the schema test validates a batch of each. */
const BATCH_TEMPLATES = [CREATE_ITEMS, CREATE_SUBITEMS, UPDATE_ITEMS, MOVE_ITEMS, ARCHIVE_ITEMS];

;// CONCATENATED MODULE: ./src/pipelines/sync/documents.ts
/**
 * The requests the sync sends. Every document is in graphql/sync/ (typed in src/graphql/generated.ts);
 * the aliased batches are built from its one-operation templates: only aliases and variable names
 * are generated, names and column values always travel as variables.
 */


/** Aliased `create_item` mutations (`i0`, `i1`…) in one request. */
function createItemsDocument(boardId, items) {
    return aliasedBatch(CREATE_ITEMS, { board: boardId }, items.map(item => ({
        n: item.name,
        v: JSON.stringify(item.columnValues),
        g: item.groupId ?? null,
        c: item.createLabels
    })));
}
/** Aliased `create_subitem` mutations (`s0`, `s1`…) in one request. */
function createSubitemsDocument(items) {
    return aliasedBatch(CREATE_SUBITEMS, {}, items.map(item => ({ p: item.parentId, n: item.name, v: JSON.stringify(item.columnValues), c: item.createLabels })));
}
/**
 * Aliased `change_multiple_column_values` (`u0`, `u1`…) on `boardId` (the subitems board for
 * subitems); the name travels as the `name` key of `column_values`. Each answers its item's group,
 * so a move is sent only for items whose group differs.
 */
function updateItemsDocument(boardId, items) {
    return aliasedBatch(UPDATE_ITEMS, { board: boardId }, items.map(item => ({
        i: item.itemId,
        v: JSON.stringify({ name: item.name, ...item.columnValues }),
        c: item.createLabels
    })));
}
/** Aliased `move_item_to_group` (`m0`, `m1`…). */
function moveItemsDocument(moves) {
    return aliasedBatch(MOVE_ITEMS, {}, moves.map(m => ({ i: m.itemId, g: m.groupId })));
}
/** Aliased `archive_item` (`a0`, `a1`…). */
function archiveItemsDocument(itemIds) {
    return aliasedBatch(ARCHIVE_ITEMS, {}, itemIds.map(id => ({ i: id })));
}

;// CONCATENATED MODULE: ./src/pipelines/sync/recreate.ts
/**
 * Items deleted on monday while their rows kept the id. By default (`mapping.deleted_items =
 * "recreate"`) the key is looked up first (an earlier run may have created it again already, or
 * its answer was lost): a found item is updated instead; otherwise the item is created again with
 * an idempotency key stable across runs. With `"fail"` the row fails with the reason.
 */





/**
 * Settles rows whose item is gone into `outcome` (recreated, failed or released); returns the
 * rows to update instead, each with the id of the item found by its key.
 */
async function recreateItems(ctx, table, missing, outcome) {
    const what = table === 'orders' ? 'item' : 'subitem';
    if (ctx.deletedItems === 'fail') {
        for (const r of missing) {
            outcome.failed.push({
                rawKey: r.row.rawKey,
                reason: `${what} ${r.row.itemId ?? ''} no longer exists on monday (deleted); ` +
                    `set mapping.deleted_items = "recreate" to create it again, or clear the row's item id`
            });
        }
        const tally = new FailureTally();
        for (const r of missing)
            tally.add('not_found', `${what}s no longer exist on monday (deleted)`, r.row.key);
        tally.note(ctx, 'change_multiple_column_values', 1);
        return [];
    }
    let found;
    try {
        found = await findByKey(ctx, table, missing.map(r => r.row));
    }
    catch (e) {
        ctx.log('warning', `${missing.length} deleted ${what}(s) not looked up; sent again next run: ${(0,errors/* messageOf */.bD)(e)}`);
        for (const r of missing)
            outcome.released.push(r.row.rawKey);
        return [];
    }
    const adopt = [];
    const create = [];
    for (const r of missing) {
        const id = found.get(r.row.key);
        if (id === undefined)
            create.push(r);
        else if (id !== r.row.itemId)
            adopt.push({ ...r, row: { ...r.row, itemId: id, adopted: true } });
        else
            outcome.failed.push({
                rawKey: r.row.rawKey,
                reason: `${what} ${id} is listed on the board but cannot be changed`
            });
    }
    // an order whose item is gone lost its subitems with it: its lines are created again (or
    // adopted by key) under the item found or created now, even if an earlier run was cut short here
    if (table === 'orders' && adopt.length > 0)
        await ctx.store.resetLines(adopt.map(r => r.row.rawKey));
    if (create.length > 0)
        await createAgain(ctx, table, create, outcome);
    return adopt;
}
async function createAgain(ctx, table, rows, outcome) {
    const creates = rows.map(r => r.create);
    const { document, variables } = table === 'orders' ? createItemsDocument(ctx.boardId, creates) : createSubitemsDocument(creates);
    const kind = table === 'orders' ? 'create_item' : 'create_subitem';
    const parts = rows.flatMap(r => [r.row.key, r.row.itemId ?? '']);
    let response;
    try {
        response = await ctx.client.send(document, variables, {
            kind,
            items: rows.length,
            // stable across runs: a lost answer is replayed instead of creating a third item [IDEM]
            idempotencyKey: idempotencyKey(ctx.boardId, 'recreate', kind, ...parts),
            // a cut create has no replay: the rows go back to pending and the next run looks them up first
            cutIsUnknown: true
        });
    }
    catch (e) {
        ctx.log('warning', `${rows.length} deleted item(s) not created again yet; looked up next run: ${(0,errors/* messageOf */.bD)(e)}`);
        for (const r of rows)
            outcome.released.push(r.row.rawKey);
        return;
    }
    const prefix = table === 'orders' ? 'i' : 's';
    const failedBy = new FailureTally();
    const byAlias = aliasErrors(response.errors);
    rows.forEach((r, i) => {
        const id = response.data?.[`${prefix}${i}`]?.id;
        if (id) {
            outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(id) });
            ctx.stats[table].recreated += 1;
            ctx.log('info', `${table === 'orders' ? 'order' : 'line'} ${r.row.key}: item ${r.row.itemId ?? ''} was deleted on monday; created again as ${String(id)}`);
            return;
        }
        const error = byAlias.get(`${prefix}${i}`);
        const message = error?.message ?? 'no answer for the create';
        outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${kind} (item deleted, created again): ${message}` });
        failedBy.add(error?.classified?.errorClass ?? 'unknown', message, r.row.key);
    });
    failedBy.note(ctx, kind, 1);
    // the subitems of a deleted item are gone with it: its lines are created again under the new one
    const recreated = rows.filter((_, i) => response.data?.[`${prefix}${i}`]?.id);
    if (table === 'orders' && recreated.length > 0)
        await ctx.store.resetLines(recreated.map(r => r.row.rawKey));
}

;// CONCATENATED MODULE: ./src/pipelines/sync/updater.ts
/**
 * Updates: rows that already have an item (or were adopted by key) write their name and mapped
 * columns to it with aliased `change_multiple_column_values`, on the items board or the subitems
 * board. An item answered in another group than its row's is moved; an item that no longer exists
 * is created again (or the row fails, per `mapping.deleted_items`). Updates are idempotent, so an
 * update whose outcome is unknown simply goes back to pending; a recreate looks the key up first.
 */






const UPDATE_KIND = 'change_multiple_column_values';
/** An alias error or a request error that says the item does not exist (deleted on monday). */
function isItemMissing(error) {
    const e = error;
    const code = typeof e.code === 'string' ? e.code : (0,types/* isMondayApiError */.zm)(error) ? error.details.code : undefined;
    if (code && /^InvalidItemIdException$/i.test(code))
        return true;
    const errorClass = e.classified?.errorClass ?? ((0,types/* isMondayApiError */.zm)(error) ? error.errorClass : undefined);
    return errorClass === 'not_found' && /item/i.test(String(e.message ?? '')) && !/board/i.test(String(e.message));
}
/** Sends the updates of rows this run holds; records their outcome in one transaction. */
async function sendUpdates(ctx, table, batch, attempt, renew = false) {
    if (renew)
        batch = await stillHeld(ctx, table, batch);
    if (batch.length === 0)
        return;
    const boardId = table === 'orders' ? ctx.boardId : ctx.subitemsBoardId;
    if (!boardId)
        throw new Error('sync: the items board has no subitems column, but lines have subitem ids');
    const { document, variables } = updateItemsDocument(boardId, batch.map(r => ({
        itemId: r.row.itemId ?? '',
        name: r.create.name,
        columnValues: r.create.columnValues,
        createLabels: r.create.createLabels
    })));
    let response;
    try {
        // Not `cutIsUnknown`: change_multiple_column_values writes the same values however often it
        // runs, so a cut update (for which monday keeps no replay) is simply sent again by the client.
        response = await ctx.client.send(document, variables, {
            kind: UPDATE_KIND,
            items: batch.length,
            idempotencyKey: idempotencyKey(ctx.boardId, UPDATE_KIND, ctx.claim.runId, `a${attempt}`, ...batch.map(r => r.row.key))
        });
    }
    catch (e) {
        await updateFailed(ctx, table, batch, e, attempt);
        return;
    }
    const byAlias = aliasErrors(response.errors);
    const outcome = { synced: [], failed: [], released: [] };
    const moves = [];
    const missing = [];
    const retry = [];
    const failedBy = new FailureTally();
    let written = 0;
    batch.forEach((r, i) => {
        const answer = response.data?.[`u${i}`];
        const error = byAlias.get(`u${i}`);
        if (answer?.id) {
            written += 1;
            if (r.row.adopted)
                ctx.stats[table].adopted += 1;
            const group = r.create.groupId;
            if (table === 'orders' && group && answer.group?.id !== group)
                moves.push({ row: r, itemId: String(answer.id) });
            else
                outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(answer.id) });
        }
        else if (error && isItemMissing(error))
            missing.push(r);
        else if (!error || (isTransient(error) && attempt < ALIAS_ATTEMPTS)) {
            if (attempt < ALIAS_ATTEMPTS)
                retry.push(r);
            else
                outcome.released.push(r.row.rawKey);
        }
        else {
            outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${UPDATE_KIND}: ${error.message}` });
            failedBy.add(error.classified?.errorClass ?? 'validation', error.message, r.row.key);
        }
    });
    ctx.stats[table].updated += written;
    if (moves.length > 0)
        await moveItems(ctx, moves, outcome);
    const adoptInstead = missing.length > 0 ? await recreateItems(ctx, table, missing, outcome) : [];
    await ctx.store.record(table, outcome, ctx.stamp());
    ctx.stats[table].failed += outcome.failed.length;
    ctx.stats[table].released += outcome.released.length;
    failedBy.note(ctx, UPDATE_KIND, attempt);
    if (retry.length > 0)
        await sendUpdates(ctx, table, retry, attempt + 1, true);
    if (adoptInstead.length > 0)
        await sendUpdates(ctx, table, adoptInstead, attempt + 1, true);
}
/** Moves updated items to their row's group; a move that fails fails its row with the reason. */
async function moveItems(ctx, moves, outcome) {
    const { document, variables } = moveItemsDocument(moves.map(m => ({ itemId: m.itemId, groupId: m.row.create.groupId ?? '' })));
    const keys = moves.map(m => m.row.row.key);
    let response;
    try {
        response = await ctx.client.send(document, variables, {
            kind: 'move_item_to_group',
            items: moves.length,
            idempotencyKey: idempotencyKey(ctx.boardId, 'move_item_to_group', ctx.claim.runId, ...keys)
        });
    }
    catch (e) {
        // values are written; the move is sent again with the next update of these rows
        ctx.log('warning', `${moves.length} item(s) could not be moved to their group; sent again next run: ${(0,errors/* messageOf */.bD)(e)}`);
        for (const m of moves)
            outcome.released.push(m.row.row.rawKey);
        return;
    }
    const failedBy = new FailureTally();
    const byAlias = aliasErrors(response.errors);
    moves.forEach((m, i) => {
        if (response.data?.[`m${i}`]?.id) {
            outcome.synced.push({ rawKey: m.row.row.rawKey, itemId: m.itemId });
            ctx.stats.orders.moved += 1;
            return;
        }
        const error = byAlias.get(`m${i}`);
        const message = error?.message ?? 'no answer for the move';
        outcome.failed.push({ rawKey: m.row.row.rawKey, reason: `monday move_item_to_group: ${message}` });
        failedBy.add(error?.classified?.errorClass ?? 'unknown', message, m.row.row.key);
    });
    failedBy.note(ctx, 'move_item_to_group', 1);
}
/** The update request as a whole failed: split, fail one row, stop the run, or send again later. */
async function updateFailed(ctx, table, batch, e, attempt) {
    const { action, errorClass } = failureOf(e);
    const splittable = action === 'split' || action === 'shrink' || isItemMissing(e);
    if (splittable && batch.length > 1) {
        await inHalves(batch, async (half) => await sendUpdates(ctx, table, half, attempt, true));
        return;
    }
    if (isItemMissing(e) && batch.length === 1) {
        const outcome = { synced: [], failed: [], released: [] };
        const adoptInstead = await recreateItems(ctx, table, batch, outcome);
        await ctx.store.record(table, outcome, ctx.stamp());
        ctx.stats[table].failed += outcome.failed.length;
        if (adoptInstead.length > 0)
            await sendUpdates(ctx, table, adoptInstead, attempt + 1, true);
        return;
    }
    const outcome = { synced: [], failed: [], released: [] };
    if ((action === 'split' || errorClass === 'validation') && batch.length === 1) {
        outcome.failed.push({ rawKey: batch[0].row.rawKey, reason: (0,errors/* messageOf */.bD)(e) });
        ctx.stats[table].failed += 1;
    }
    else {
        if (FATAL.includes(errorClass))
            ctx.stop.reason ??= (0,errors/* messageOf */.bD)(e);
        for (const r of batch)
            outcome.released.push(r.row.rawKey);
        ctx.stats[table].released += batch.length;
    }
    noteRequestFailure(ctx, UPDATE_KIND, e, batch, attempt);
    await ctx.store.record(table, outcome, ctx.stamp());
}

;// CONCATENATED MODULE: ./src/pipelines/sync/archiver.ts
/**
 * Removed rows (`[source.states] removed`, e.g. DELETED): their items are archived with aliased
 * `archive_item`, then the rows move to the archived state. Archiving is idempotent, so a removed
 * row is not claimed: a crash leaves it removed and the next run archives it again. An item
 * already archived or gone (deleted) counts as archived.
 */







/** Archives the items of every removed row of `table`, `batchSize` per request. */
async function archiveRemoved(ctx, table, pageSize, batchSize) {
    let after = null;
    while (!ctx.stop.reason) {
        const rows = await ctx.store.removedRows(table, after, pageSize);
        for (const batch of chunks(rows, batchSize)) {
            if (ctx.stop.reason)
                return;
            await archiveBatch(ctx, table, batch);
        }
        if (rows.length < pageSize)
            return;
        after = rows[rows.length - 1].rawKey;
    }
}
async function archiveBatch(ctx, table, batch) {
    const done = batch.filter(r => r.itemId === null).map(r => r.rawKey);
    const withItem = batch.filter(r => r.itemId !== null);
    if (withItem.length > 0) {
        const { document, variables } = archiveItemsDocument(withItem.map(r => r.itemId ?? ''));
        try {
            const response = await ctx.client.send(document, variables, {
                kind: 'archive_item',
                items: withItem.length,
                idempotencyKey: idempotencyKey(ctx.boardId, 'archive_item', ctx.claim.runId, ...withItem.map(r => r.key))
            });
            const failedBy = new FailureTally();
            const byAlias = aliasErrors(response.errors);
            withItem.forEach((r, i) => {
                const error = byAlias.get(`a${i}`);
                if (response.data?.[`a${i}`]?.id || (error && isItemMissing(error))) {
                    done.push(r.rawKey);
                    ctx.stats[table].archived += 1;
                    return;
                }
                failedBy.add(error?.classified?.errorClass ?? 'unknown', error?.message ?? 'no answer for the archive', r.key);
                ctx.stats[table].failed += 1;
            });
            failedBy.note(ctx, 'archive_item', 1);
        }
        catch (e) {
            const errorClass = (0,types/* isMondayApiError */.zm)(e) ? e.errorClass : 'unknown';
            if (errorClass === 'auth' || errorClass === 'daily_limit')
                ctx.stop.reason ??= (0,errors/* messageOf */.bD)(e);
            ctx.log('warning', `${withItem.length} removed ${table} stay removed; archived next run: ${(0,errors/* messageOf */.bD)(e)}`);
            const tally = new FailureTally();
            for (const r of withItem)
                tally.add(errorClass, (0,errors/* messageOf */.bD)(e), r.key);
            tally.note(ctx, 'archive_item', 1);
        }
    }
    await ctx.store.markArchived(table, done);
}

;// CONCATENATED MODULE: ./src/pipelines/sync/counts.ts

/** Counts of the report's items (orders) and subitems (lines); zeros for another pipeline. */
function syncCounts(report) {
    const d = report.details;
    return { items: { ...emptyStats(), ...d.orders }, subitems: { ...emptyStats(), ...d.lines } };
}
/** The lines waiting for their FAILED order, as the report holds them. */
function waitingLines(report) {
    const w = report.details.waiting;
    return { lines: w?.lines ?? 0, orders: w?.orders ?? [] };
}
/** One line of counts: "5 created, 2 updated, …" (zeros left out; "nothing" when all are). */
function countsText(s) {
    const parts = ['created', 'updated', 'moved', 'archived', 'adopted', 'recreated', 'failed']
        .filter(k => s[k] > 0)
        .map(k => `${s[k]} ${k}`);
    return parts.length === 0 ? 'nothing' : parts.join(', ');
}
/**
 * A failure that lists FAILED orders whose lines wait says so: the lines sync once the order is
 * fixed and set back to pending (never by themselves on the next run).
 */
function noteWaitingLines(failures, waiting) {
    const lines = new Map(waiting.map(w => [w.orderKey, w.lines]));
    for (const f of failures) {
        if (f.operation === 'create_subitem')
            continue;
        const held = f.rowKeys.reduce((n, k) => n + (lines.get(k) ?? 0), 0);
        if (held === 0)
            continue;
        f.message += ` (${held} line(s) of these orders wait for them: they sync once the order is fixed and set back to pending)`;
    }
}

// EXTERNAL MODULE: ./src/engine/limits.ts
var engine_limits = __webpack_require__(37100);
;// CONCATENATED MODULE: ./src/pipelines/sync/plan.ts


/** Points per `create_item` / `create_subitem` [BP] and per other mutation (monday staff, 2021). */
const CREATE_POINTS = 10_000;
const MUTATION_POINTS = 30_000;
/** Points of one `items_page_by_column_values` lookup (a page of ids and one column). */
const LOOKUP_POINTS = 5_000;
/**
 * Points per `change_multiple_column_values` and `archive_item`: no published figure; assumed to
 * cost what `create_item` costs [BP] (the engine learns the real cost from `complexity`).
 */
const UPDATE_POINTS = 10_000;
/** Items per request and requests in flight of a mode, before the server time caps the size. */
function modeShape(mode, batch) {
    if (mode === 'single')
        return { batchSize: 1, concurrency: 1 };
    if (mode === 'batch')
        return { batchSize: batch.maxBatchSize, concurrency: 1 };
    return { batchSize: batch.maxBatchSize, concurrency: batch.concurrency };
}
/**
 * Items per request of a create `kind` a run of `mode` sends now; the workers ask before every
 * batch. single sends one; batch keeps its size under the server-time cap (a request's p90 inside a
 * third of monday's 60 s timeout); asyncBatch takes the engine's adaptive size (`suggestBatchSize`).
 */
function batchSizeOf(mode, batch, client) {
    const { batchSize } = modeShape(mode, batch);
    if (mode !== 'asyncBatch')
        return kind => Math.max(1, Math.min(batchSize, client.timeCap?.(kind) ?? Infinity));
    return kind => client.suggestBatchSize(kind, { min: batch.minBatchSize, max: batch.maxBatchSize });
}
/** The batch sizes a run of `mode` starts with: what `batchSizeOf` answers before any request. */
function startingBatchSizes(mode, batch, client) {
    const sizeOf = batchSizeOf(mode, batch, client);
    return { items: sizeOf('create_item'), subitems: sizeOf('create_subitem'), archives: batch.maxBatchSize };
}
/** monday minutes the mutations take one after another, over `inFlight` requests at once. */
function serverMinutes(writes, groupsToCreate, inFlight) {
    const ms = (kind, operations) => operations * (server_times/* ASSUMED_OPERATION_MS */.Y[kind] ?? 0);
    const total = ms('create_item', writes.itemCreates) +
        ms('create_subitem', writes.subitemCreates) +
        ms('change_multiple_column_values', writes.itemUpdates + writes.subitemUpdates) +
        ms('archive_item', writes.archives) +
        ms('create_group', groupsToCreate);
    return total / inFlight / 60_000;
}
/** Counts, batches, complexity and a duration bound from the account's limits [RL] and monday's server time. */
function planSync(config, mode, counts, batchSizes, groupsToCreate = 0) {
    const { concurrency } = modeShape(mode, config.batch);
    const writes = plannedWrites(counts);
    const batches = (rows, size) => Math.ceil(rows / size);
    const itemBatches = batches(writes.itemCreates, batchSizes.items) + batches(writes.itemUpdates, batchSizes.items);
    const subitemBatches = batches(writes.subitemCreates, batchSizes.subitems) + batches(writes.subitemUpdates, batchSizes.subitems);
    const archiveBatches = batches(writes.archives, batchSizes.archives);
    // in-progress rows are looked up, and so are pending rows without an id (adopted when found)
    const lookups = Math.ceil((counts.inProgressOrders + writes.itemCreates) / 100) +
        Math.ceil((counts.inProgressLines + writes.subitemCreates) / 100);
    const creates = writes.itemCreates + writes.subitemCreates;
    const updates = writes.itemUpdates + writes.subitemUpdates + writes.archives;
    const estimatedComplexity = creates * CREATE_POINTS + updates * UPDATE_POINTS + groupsToCreate * MUTATION_POINTS + lookups * LOOKUP_POINTS;
    const limits = (0,engine_limits/* limitsFor */.I)(config.plan ?? 'pro');
    const requests = itemBatches + subitemBatches + archiveBatches + groupsToCreate + lookups;
    // asyncBatch raises its requests in flight until a limit binds; single and batch send one at a time
    const inFlight = mode === 'asyncBatch' ? limits.concurrency : 1;
    const minutes = Math.max(estimatedComplexity / limits.complexityPerMinute, requests / limits.requestsPerMinute, serverMinutes(writes, groupsToCreate, inFlight));
    return {
        mode,
        counts,
        writes,
        batchSizes,
        concurrency,
        itemBatches,
        subitemBatches,
        groupsToCreate,
        estimatedComplexity,
        estimatedDurationMs: Math.round(minutes * 60_000)
    };
}
/** Rows to create, update and archive from the store's counts. */
function plannedWrites(counts) {
    const waitingLines = counts.waitingLines ?? 0;
    const itemUpdates = counts.orderUpdates ?? 0;
    const subitemUpdates = counts.lineUpdates ?? 0;
    return {
        itemCreates: Math.max(0, counts.pendingOrders - itemUpdates),
        subitemCreates: Math.max(0, counts.pendingLines - subitemUpdates - waitingLines),
        itemUpdates,
        subitemUpdates,
        archives: (counts.removedOrders ?? 0) + (counts.removedLines ?? 0),
        waitingLines
    };
}
/** The task graph the wiring uploads before any mutation: reconcile → groups → items → subitems. */
function syncTaskGraph(boardId, plan, createdAt) {
    const { counts, writes } = plan;
    const nodes = [
        {
            id: 'reconcile',
            kind: 'reconcile',
            items: counts.inProgressOrders + counts.inProgressLines,
            estimatedComplexity: (Math.ceil(counts.inProgressOrders / 100) + Math.ceil(counts.inProgressLines / 100)) * LOOKUP_POINTS,
            dependsOn: []
        },
        {
            id: 'groups',
            kind: 'create_group',
            items: plan.groupsToCreate,
            estimatedComplexity: plan.groupsToCreate * MUTATION_POINTS,
            dependsOn: ['reconcile']
        },
        {
            id: 'items',
            kind: 'create_item',
            items: writes.itemCreates,
            batchSize: plan.batchSizes.items,
            estimatedComplexity: writes.itemCreates * CREATE_POINTS,
            dependsOn: ['groups']
        },
        {
            id: 'item-updates',
            kind: 'change_multiple_column_values',
            items: writes.itemUpdates,
            batchSize: plan.batchSizes.items,
            estimatedComplexity: writes.itemUpdates * UPDATE_POINTS,
            dependsOn: ['groups']
        },
        {
            id: 'subitems',
            kind: 'create_subitem',
            items: writes.subitemCreates,
            batchSize: plan.batchSizes.subitems,
            estimatedComplexity: writes.subitemCreates * CREATE_POINTS,
            dependsOn: ['items', 'item-updates']
        },
        {
            id: 'subitem-updates',
            kind: 'change_multiple_column_values',
            items: writes.subitemUpdates,
            batchSize: plan.batchSizes.subitems,
            estimatedComplexity: writes.subitemUpdates * UPDATE_POINTS,
            dependsOn: ['items', 'item-updates']
        },
        {
            id: 'archive',
            kind: 'archive_item',
            items: writes.archives,
            batchSize: plan.batchSizes.archives,
            estimatedComplexity: writes.archives * UPDATE_POINTS,
            dependsOn: ['subitems', 'subitem-updates']
        }
    ];
    return {
        pipeline: 'sync',
        createdAt: createdAt.toISOString(),
        boardIds: [boardId],
        nodes,
        estimatedDurationMs: plan.estimatedDurationMs
    };
}

;// CONCATENATED MODULE: ./src/pipelines/sync/column-values.ts
/** Item names are 1 to 255 characters [ERR ItemNameTooLongException]. */
const NAME_MAX = 255;
/** long_text holds at most 2,000 characters. */
const LONG_TEXT_MAX = 2000;
/**
 * Encodes one row; `key` goes into the sync-key column. For an update (`clearEmpty`) an empty
 * source value clears its column (`""` for text and numbers, `{}` for the others); a create leaves
 * it out.
 */
function encodeRow(row, mapping, key, labels, clearEmpty = false) {
    const rawName = row[mapping.itemName];
    const name = rawName === null || rawName === undefined ? '' : textOf(rawName).trim();
    if (name === '')
        return { ok: false, reason: `${mapping.itemName}: the item name is empty` };
    if (name.length > NAME_MAX) {
        return {
            ok: false,
            reason: `${mapping.itemName}: the item name has ${name.length} characters (monday allows ${NAME_MAX})`
        };
    }
    const columnValues = { [mapping.syncKeyColumn]: key };
    let createLabels = false;
    for (const column of mapping.columns) {
        const raw = row[column.source];
        if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
            if (clearEmpty)
                columnValues[column.columnId] = column.type === 'text' || column.type === 'numbers' ? '' : {};
            continue;
        }
        const encoded = encodeValue(raw, column, labels.get(column.columnId));
        if (!encoded.ok)
            return { ok: false, reason: `${column.source}: ${encoded.reason}` };
        columnValues[column.columnId] = encoded.value;
        if (column.createLabelsIfMissing && (column.type === 'status' || column.type === 'dropdown'))
            createLabels = true;
    }
    return { ok: true, name, columnValues, createLabels };
}
/** The monday value of one column, or why it cannot be written. */
function encodeValue(raw, column, known) {
    switch (column.type) {
        case 'text':
            return { ok: true, value: textOf(raw) };
        case 'numbers':
            return numbersValue(raw);
        case 'status': {
            const label = textOf(raw).trim();
            const missing = unknownLabels([label], column, known);
            return missing ?? { ok: true, value: { label } };
        }
        case 'dropdown': {
            const list = textOf(raw)
                .split(',')
                .map(l => l.trim())
                .filter(l => l !== '');
            return unknownLabels(list, column, known) ?? { ok: true, value: { labels: list } };
        }
        case 'date':
            return dateValue(raw);
        case 'long_text': {
            const text = textOf(raw);
            if (text.length > LONG_TEXT_MAX) {
                return { ok: false, reason: `${text.length} characters; long_text holds at most ${LONG_TEXT_MAX}` };
            }
            return { ok: true, value: { text } };
        }
        case 'people':
            return peopleValue(raw);
    }
}
function textOf(raw) {
    if (raw instanceof Date)
        return raw.toISOString();
    if (raw instanceof Uint8Array)
        return Buffer.from(raw).toString('utf8');
    return String(raw);
}
function numbersValue(raw) {
    const text = typeof raw === 'boolean' ? (raw ? '1' : '0') : textOf(raw).trim();
    if (text === '' || !Number.isFinite(Number(text)))
        return { ok: false, reason: `"${clip(text)}" is not a number` };
    return { ok: true, value: text };
}
function unknownLabels(list, column, known) {
    if (column.createLabelsIfMissing || known === undefined)
        return null;
    const missing = list.filter(l => !known.has(l));
    if (missing.length === 0)
        return null;
    return {
        ok: false,
        reason: `label ${missing.map(l => `"${clip(l)}"`).join(', ')} does not exist on column ${column.columnId} ` +
            `(set create_labels_if_missing = true to create it)`
    };
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]00:?00)?)?$/;
/** `{date}` or `{date, time}` in UTC; a date that does not exist (2026-02-30) is refused. */
function dateValue(raw) {
    if (raw instanceof Date) {
        if (Number.isNaN(raw.getTime()))
            return { ok: false, reason: 'not a date' };
        const iso = raw.toISOString();
        const time = iso.slice(11, 19);
        return { ok: true, value: time === '00:00:00' ? { date: iso.slice(0, 10) } : { date: iso.slice(0, 10), time } };
    }
    const text = textOf(raw).trim();
    const m = DATE.exec(text);
    const bad = {
        ok: false,
        reason: `"${clip(text)}" is not a date (YYYY-MM-DD, optionally with HH:MM:SS UTC)`
    };
    if (!m)
        return bad;
    const [, y, mo, d, h, mi, s] = m;
    const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)));
    const date = `${y}-${mo}-${d}`;
    if (at.toISOString().slice(0, 10) !== date || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
        return bad;
    }
    if (h === undefined)
        return { ok: true, value: { date } };
    return { ok: true, value: { date, time: `${h}:${mi}:${s ?? '00'}` } };
}
function peopleValue(raw) {
    const ids = textOf(raw)
        .split(',')
        .map(s => s.trim())
        .filter(s => s !== '');
    if (ids.length === 0 || ids.some(id => !/^\d+$/.test(id))) {
        return { ok: false, reason: `"${clip(textOf(raw))}" is not a list of monday user ids` };
    }
    return { ok: true, value: { personsAndTeams: ids.map(id => ({ id: Number(id), kind: 'person' })) } };
}
/** Values quoted in reasons are cut short: a reason is a hint, not a copy of the row. */
function clip(text) {
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

;// CONCATENATED MODULE: ./src/pipelines/sync/prepare.ts

/** Group titles are 1 to 255 characters. */
const GROUP_MAX = 255;
/** Validates and encodes a page of orders (items board) or lines (subitems board). */
function preparePage(config, board, table, rows) {
    const page = { ready: [], invalid: [], groups: new Set() };
    const mapping = table === 'orders' ? config.items : config.subitems;
    const labels = table === 'orders' ? board.itemLabels : board.subitemLabels;
    for (const row of rows) {
        const encoded = encodeRow(row.values, mapping, row.key, labels, row.itemId !== null);
        if (!encoded.ok) {
            page.invalid.push({ row, reason: encoded.reason });
            continue;
        }
        let group;
        if (table === 'orders' && config.items.group) {
            const raw = row.values[config.items.group];
            group = raw === null || raw === undefined ? undefined : String(raw).trim() || undefined;
            if (group && group.length > GROUP_MAX) {
                page.invalid.push({
                    row,
                    reason: `${config.items.group}: the group title is longer than ${GROUP_MAX} characters`
                });
                continue;
            }
            if (group)
                page.groups.add(group);
        }
        page.ready.push({
            row,
            create: {
                name: encoded.name,
                columnValues: encoded.columnValues,
                createLabels: encoded.createLabels,
                parentId: 'parentItemId' in row ? row.parentItemId : '',
                ...(group ? { groupId: group } : {})
            }
        });
    }
    return page;
}
/**
 * The page as the run sends it: invalid rows are marked failed (one transaction, no request),
 * missing groups are created, and group titles become group ids. Rows whose group could not be
 * created stay pending (not claimed, not sent) for the next run.
 */
async function preparePageForSend(config, board, store, table, rows, onInvalid, onGroupFailed = () => undefined) {
    const page = preparePage(config, board, table, rows);
    if (page.invalid.length > 0) {
        const outcome = {
            synced: [],
            failed: page.invalid.map(i => ({ rawKey: i.row.rawKey, reason: i.reason })),
            released: []
        };
        await store.record(table, outcome, null);
        onInvalid(page.invalid);
    }
    const failedGroups = await board.ensureGroups(page.groups);
    const ready = [];
    const waiting = new Map();
    for (const r of page.ready) {
        const title = r.create.groupId;
        if (title !== undefined && failedGroups.has(title)) {
            waiting.set(title, [...(waiting.get(title) ?? []), r.row.key]);
            continue;
        }
        if (title !== undefined)
            r.create.groupId = board.groups.get(title);
        ready.push(r);
    }
    for (const [title, keys] of waiting)
        onGroupFailed(title, failedGroups.get(title), keys);
    return ready;
}

;// CONCATENATED MODULE: ./src/pipelines/sync/dry-run.ts






const empty = () => ({ create: 0, update: 0, adopt: 0, move: 0, recreate: 0, archive: 0, invalid: 0 });
/** Reads and validates every pending row and looks them up on monday, without writing anything. */
async function dryRunPlan(deps, store, board, options, mode, counts) {
    const { config } = options;
    const groups = new Set();
    const preview = { items: empty(), subitems: empty() };
    for (const table of ['orders', 'lines']) {
        const p = table === 'orders' ? preview.items : preview.subitems;
        const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store);
        let after = null;
        for (;;) {
            const rows = await read(after, config.batch.pageSize);
            const page = preparePage(config, board, table, rows);
            p.invalid += page.invalid.length;
            for (const g of page.groups)
                if (!board.groups.has(g))
                    groups.add(g);
            await previewPage(deps, table, page.ready, p);
            if (rows.length < config.batch.pageSize)
                break;
            after = rows[rows.length - 1].rawKey;
        }
        p.archive = table === 'orders' ? (counts.removedOrders ?? 0) : (counts.removedLines ?? 0);
    }
    const invalidRows = preview.items.invalid + preview.subitems.invalid;
    const sizes = startingBatchSizes(mode, config.batch, deps.client);
    return { ...planSync(config, mode, counts, sizes, groups.size), invalidRows, preview };
}
async function previewPage(deps, table, ready, p) {
    const fresh = ready.filter(r => r.row.itemId === null);
    const found = await findByKey(deps, table, fresh.map(r => r.row));
    p.adopt += fresh.filter(r => found.has(r.row.key)).length;
    p.create += fresh.length - fresh.filter(r => found.has(r.row.key)).length;
    const updates = ready.filter(r => r.row.itemId !== null);
    p.update += updates.length + fresh.filter(r => found.has(r.row.key)).length;
    for (const chunk of chunks(updates, 100)) {
        const answer = await (0,operation/* requestOperation */.dt)(deps.client.request, generated/* SyncItemGroupsDocument */.kf, { ids: chunk.map(r => r.row.itemId ?? '') }, { kind: 'items', items: chunk.length });
        const groups = new Map((0,operation/* present */.Eb)(answer.items).map(i => [String(i.id), i.group?.title]));
        for (const r of chunk) {
            if (!groups.has(r.row.itemId ?? ''))
                p.recreate += 1;
            else if (table === 'orders' && r.create.groupId && groups.get(r.row.itemId ?? '') !== r.create.groupId)
                p.move += 1;
        }
    }
}

;// CONCATENATED MODULE: ./src/pipelines/sync/row-source.ts
/**
 * Pages of pending rows (by key) turned into ready rows, handed out in batches of any size. Reads
 * are serialised: several workers take from one source and never get the same row twice, even
 * when it reads again from the first key (`restart`).
 */
class RowSource {
    read;
    prepare;
    pageSize;
    buffer = [];
    after = null;
    exhausted = false;
    chain = Promise.resolve();
    /** Keys read so far: a row is handed out once per run, however often the source restarts. */
    seen = new Set();
    constructor(read, prepare, pageSize) {
        this.read = read;
        this.prepare = prepare;
        this.pageSize = pageSize;
    }
    /**
     * The next batch of at most `size` rows; null when there are none left. `whole`: only a batch of
     * `size` rows, else null with the rows read kept for later (a caller with other work to do).
     */
    take(size, whole = false) {
        const next = this.chain.then(() => this.fill(Math.max(1, size), whole));
        this.chain = next.catch(() => undefined);
        return next;
    }
    /**
     * Reads again from the first key once the rows read so far are handed out: rows that became
     * pending since (lines whose order was just created) come next; rows read before never again.
     */
    restart() {
        this.chain = this.chain.then(() => {
            this.after = null;
            this.exhausted = false;
        });
    }
    async fill(size, whole) {
        while (this.buffer.length < size && !this.exhausted) {
            const page = await this.read(this.after, this.pageSize);
            if (page.length < this.pageSize)
                this.exhausted = true;
            const last = page[page.length - 1];
            if (last)
                this.after = last.rawKey;
            const fresh = page.filter(r => !this.seen.has(r.key));
            for (const r of fresh)
                this.seen.add(r.key);
            if (fresh.length > 0)
                this.buffer.push(...(await this.prepare(fresh)));
        }
        if (this.buffer.length === 0 || (whole && this.buffer.length < size))
            return null;
        return this.buffer.splice(0, size);
    }
}
/**
 * Runs `worker` on parallel loops until `next` gives null or `stopped()`. `concurrency` is a number
 * or a level read after every batch (the client's requests in flight): loops are added when it
 * rises and a loop ends after its batch when there are more than it allows.
 *
 * When a worker throws, no loop takes another batch, and the first error is thrown only after every
 * batch already taken has ended: a batch whose request is still on its way to monday must get its
 * answer and its write-back (or fail) before the run returns. Returning at once left such requests
 * creating items after the run ended, and a re-run started then looked their keys up too early and
 * created them again.
 */
async function runWorkers(concurrency, next, worker, stopped) {
    const level = () => Math.max(1, typeof concurrency === 'number' ? concurrency : concurrency());
    const loops = new Set();
    // counted when a loop decides to end, not when its promise settles: loops ending together see each other
    let active = 0;
    let exhausted = false;
    let failure;
    const halted = () => failure !== undefined || stopped();
    const loop = async () => {
        try {
            while (!halted() && !exhausted) {
                const batch = await next();
                if (batch === null) {
                    exhausted = true;
                    return;
                }
                await worker(batch);
                if (active > level())
                    return;
                grow();
            }
        }
        finally {
            active -= 1;
        }
    };
    const grow = () => {
        while (!halted() && !exhausted && active < level()) {
            active += 1;
            const running = loop().finally(() => loops.delete(running));
            loops.add(running);
            // a loop started between two races must not count as an unhandled rejection; the race still sees it
            running.catch(() => undefined);
        }
    };
    grow();
    while (loops.size > 0) {
        try {
            await Promise.race(loops);
        }
        catch (error) {
            failure ??= { error };
        }
    }
    if (failure)
        throw failure.error;
}

;// CONCATENATED MODULE: ./src/pipelines/sync/sender.ts








const ALIAS = { orders: 'i', lines: 's' };
/**
 * Claims a batch, sends its creates and its updates as aliased mutations and records each
 * outcome in one transaction.
 */
async function sendBatch(ctx, table, batch) {
    const claimed = await ctx.store.claim(table, batch.map(r => r.row.rawKey), ctx.stamp());
    const mine = batch.filter(r => claimed.has(r.row.key));
    const creates = mine.filter(r => r.row.itemId === null);
    const updates = mine.filter(r => r.row.itemId !== null);
    if (creates.length > 0)
        await sendClaimed(ctx, table, creates, 1);
    if (updates.length > 0)
        await sendUpdates(ctx, table, updates, 1);
}
function documentFor(ctx, table, batch) {
    const creates = batch.map(r => r.create);
    return table === 'orders' ? createItemsDocument(ctx.boardId, creates) : createSubitemsDocument(creates);
}
/**
 * Sends creates of rows this run holds (`renew`: check it still does). A request cut before its
 * answer is not retried by the client (`cutIsUnknown`): monday may go on executing it and keeps
 * no idempotency replay for it, so its rows are looked up by sync key before anything is sent
 * again, and only what is missing, with a new key (`settleCut`).
 */
async function sendClaimed(ctx, table, batch, attempt, renew = false, cuts = 0) {
    if (renew)
        batch = await stillHeld(ctx, table, batch);
    if (batch.length === 0)
        return;
    const { document, variables } = documentFor(ctx, table, batch);
    const kind = CREATE_KIND[table];
    const keys = batch.map(r => r.row.key);
    let response;
    try {
        response = await ctx.client.send(document, variables, {
            kind,
            items: batch.length,
            // a resend after a cut has a key of its own: the cut request's key has no replay
            idempotencyKey: idempotencyKey(ctx.boardId, kind, ...keys, attempt > 1 ? `a${attempt}` : '', ...(cuts > 0 ? [`c${cuts}`] : [])),
            cutIsUnknown: true
        });
    }
    catch (e) {
        await requestFailed(ctx, table, batch, e, attempt, cuts);
        return;
    }
    const byAlias = aliasErrors(response.errors);
    const outcome = { synced: [], failed: [], released: [] };
    const retry = [];
    const unknown = [];
    const failedBy = new FailureTally();
    batch.forEach((r, i) => {
        const alias = `${ALIAS[table]}${i}`;
        const id = response.data?.[alias]?.id;
        const error = byAlias.get(alias);
        if (id)
            outcome.synced.push({ rawKey: r.row.rawKey, itemId: String(id) });
        else if (!error)
            unknown.push(r);
        else if (isTransient(error) && attempt < ALIAS_ATTEMPTS)
            retry.push(r);
        else {
            outcome.failed.push({ rawKey: r.row.rawKey, reason: `monday ${kind}: ${error.message}` });
            failedBy.add(error.classified?.errorClass ?? 'validation', error.message, r.row.key);
        }
    });
    // before the write: from then on the order's lines can be read (phases overlap), and they need no lookup
    if (table === 'orders')
        for (const s of outcome.synced)
            ctx.created.add(s.itemId);
    await ctx.store.record(table, outcome, ctx.stamp());
    ctx.stats[table].created += outcome.synced.length;
    ctx.stats[table].failed += outcome.failed.length;
    failedBy.note(ctx, kind, attempt);
    if (unknown.length > 0)
        await settleUnknown(ctx, table, unknown, 'no data and no error for the alias');
    if (retry.length > 0)
        await sendClaimed(ctx, table, retry, attempt + 1, true, cuts);
}
/** The request as a whole failed: split a bad batch, fail a bad row, or settle an unknown outcome. */
async function requestFailed(ctx, table, batch, e, attempt, cuts) {
    const kind = CREATE_KIND[table];
    const { action, errorClass } = failureOf(e);
    if ((0,types/* isUnknownOutcome */.$u)(e)) {
        const missing = await settleCut(ctx, table, batch, (0,errors/* messageOf */.bD)(e), cuts + 1);
        if (missing.length > 0)
            await sendClaimed(ctx, table, missing, attempt, true, cuts + 1);
        return;
    }
    if ((action === 'split' || action === 'shrink') && batch.length > 1) {
        await inHalves(batch, async (half) => await sendClaimed(ctx, table, half, attempt, true, cuts));
        return;
    }
    if ((action === 'split' || errorClass === 'validation') && batch.length === 1) {
        const row = batch[0];
        await ctx.store.record(table, { synced: [], failed: [{ rawKey: row.row.rawKey, reason: (0,errors/* messageOf */.bD)(e) }], released: [] }, ctx.stamp());
        ctx.stats[table].failed += 1;
        noteRequestFailure(ctx, kind, e, batch, attempt);
        return;
    }
    if (FATAL.includes(errorClass))
        ctx.stop.reason ??= (0,errors/* messageOf */.bD)(e);
    noteRequestFailure(ctx, kind, e, batch, attempt);
    await settleUnknown(ctx, table, batch, (0,errors/* messageOf */.bD)(e));
}
/**
 * Rows whose create may or may not have happened: look them up and adopt or release them now.
 * If even the lookup fails they stay in progress, and the next run reconciles them first.
 */
async function settleUnknown(ctx, table, batch, why) {
    if (ctx.stop.reason) {
        ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${why}`);
        return;
    }
    try {
        const result = await reconcileRows(ctx, table, batch.map(r => r.row));
        ctx.stats[table].adopted += result.adopted;
        ctx.stats[table].released += result.released;
    }
    catch (e) {
        ctx.log('warning', `${batch.length} row(s) left in progress for the next run to reconcile: ${(0,errors/* messageOf */.bD)(e)}`);
    }
}

;// CONCATENATED MODULE: ./src/pipelines/sync/work-queue.ts
/**
 * Hands out whole batches of lines first (their orders exist; subitems are most of a run's work),
 * else orders; once no order is left to hand out, lines in batches of any size.
 * When neither has a batch but order batches are in flight, it waits for one of them to end and
 * reads the lines again from the first key. It ends (null) only when no order is left or in
 * flight and the lines were read to the end after the last order batch ended.
 */
class WorkQueue {
    options;
    ordersLeft = true;
    ordersInFlight = 0;
    /** Order batches ended so far, and as of the start of the current read of the lines. */
    ended = 0;
    linesReadAt = 0;
    wake = () => undefined;
    chain = Promise.resolve();
    constructor(options) {
        this.options = options;
    }
    /** The next batch; one caller at a time, in call order. */
    next() {
        const next = this.chain.then(async () => await this.take());
        this.chain = next.catch(() => undefined);
        return next;
    }
    /** To be called when a batch `next` handed out was sent and recorded (or failed). */
    done(work) {
        if (work.table !== 'orders')
            return;
        this.ordersInFlight -= 1;
        this.ended += 1;
        this.wake();
    }
    /** Every order has been handed out and none is in flight: only lines are left. */
    get ordersDone() {
        return !this.ordersLeft && this.ordersInFlight === 0;
    }
    async take() {
        const { orders, lines, size, stopped } = this.options;
        while (!stopped()) {
            // while orders are left, only a whole batch of lines: a few lines more wait for the next orders
            const ready = await lines.take(size('lines'), this.ordersLeft);
            if (ready !== null)
                return { table: 'lines', batch: ready };
            if (this.linesReadAt < this.ended) {
                // order batches ended since the lines were last read: their lines may be pending now
                this.linesReadAt = this.ended;
                lines.restart();
                continue;
            }
            if (this.ordersLeft) {
                const batch = await orders.take(size('orders'));
                if (batch !== null) {
                    this.ordersInFlight += 1;
                    return { table: 'orders', batch };
                }
                this.ordersLeft = false;
                continue;
            }
            // nothing else runs between the lines' last read and this wait: a batch that ends is seen
            if (this.ordersInFlight === 0)
                return null;
            await new Promise(resolve => (this.wake = resolve));
        }
        return null;
    }
}

;// CONCATENATED MODULE: ./src/pipelines/sync/phase.ts









/**
 * The items and subitems of a run, overlapping: pages of pending rows are validated, then claimed,
 * sent and recorded batch by batch by one or more workers, which take the lines of orders that
 * have an item first and orders otherwise (`WorkQueue`).
 */
async function runPhases(ctx, options, mode, board, progress) {
    const { config } = options;
    const shape = modeShape(mode, config.batch);
    // single and batch keep their size, but under the same server-time cap as asyncBatch: monday
    // runs a request's creates one after another and cuts it at 60 s (the plan starts from the same sizes)
    const sizeOf = batchSizeOf(mode, config.batch, ctx.client);
    const size = (table) => sizeOf(CREATE_KIND[table]);
    // asyncBatch keeps as many batches going as the engine lets requests fly (batch.concurrency to begin with)
    const workers = () => mode === 'asyncBatch' ? (ctx.client.inFlight?.().level ?? shape.concurrency) : shape.concurrency;
    const stopped = () => ctx.stop.reason !== null;
    const queue = new WorkQueue({
        orders: rowSource(ctx, options, board, 'orders'),
        lines: rowSource(ctx, options, board, 'lines'),
        size,
        stopped
    });
    progress.phase = 'items';
    await runWorkers(workers, () => queue.next(), async (work) => {
        try {
            await sendBatch(ctx, work.table, work.batch);
        }
        finally {
            queue.done(work);
        }
        if (queue.ordersDone)
            progress.phase = 'subitems';
        await progress.batchDone();
    }, stopped);
}
/** Pending rows of `table`, adopted by key where their item exists, validated and encoded. */
function rowSource(ctx, options, board, table) {
    const { config } = options;
    const { store } = ctx;
    const read = table === 'orders' ? store.pendingOrders.bind(store) : store.pendingLines.bind(store);
    return new RowSource(read, async (rows) => await preparePageForSend(config, board, store, table, await adoptByKey(ctx, table, rows), invalid => {
        ctx.stats[table].failed += invalid.length;
        ctx.failures.push({
            boardId: config.boardId,
            operation: table === 'orders' ? 'create_item' : 'create_subitem',
            errorClass: 'validation',
            message: `${invalid.length} row(s) failed validation before sending (reasons in the error column)`,
            rowKeys: invalid.map(i => i.row.key),
            attempts: 0
        });
    }, (title, error, keys) => {
        ctx.log('warning', `group "${title}" could not be created; ${keys.length} order(s) stay pending: ${(0,errors/* messageOf */.bD)(error)}`);
        ctx.failures.push({
            boardId: config.boardId,
            operation: 'create_group',
            errorClass: (0,types/* isMondayApiError */.zm)(error) ? error.errorClass : 'unknown',
            message: (0,errors/* messageOf */.bD)(error),
            rowKeys: keys,
            attempts: (0,types/* isMondayApiError */.zm)(error) ? (error.details.attempts ?? 1) : 1
        });
    }), config.batch.pageSize);
}
/**
 * Pending rows without an item id whose key is already on the board (an item made by hand, or
 * whose id was lost) are adopted: they get that item's id and are sent as updates. Rows whose
 * lookup failed wait for the next run.
 */
async function adoptByKey(ctx, table, rows) {
    const fresh = rows.filter(r => r.itemId === null && !('parentItemId' in r && ctx.created.has(r.parentItemId)));
    if (fresh.length === 0)
        return rows;
    let found;
    try {
        found = await findByKey(ctx, table, fresh);
    }
    catch (e) {
        ctx.log('warning', `${fresh.length} ${table} not looked up on the board; they wait for the next run: ${(0,errors/* messageOf */.bD)(e)}`);
        return rows.filter(r => r.itemId !== null);
    }
    for (const row of fresh) {
        const id = found.get(row.key);
        if (id === undefined)
            continue;
        row.itemId = id;
        row.adopted = true;
    }
    return rows;
}

;// CONCATENATED MODULE: ./src/pipelines/sync/progress.ts
/**
 * Progress lines and checkpoints of a sync run: progress after every batch, a checkpoint every
 * `everyBatches` batches and at the end, written one at a time in order.
 */
class SyncProgress {
    clock;
    hooks;
    stats;
    total;
    everyBatches;
    inFlight;
    batches = 0;
    checkpoints = 0;
    phase = 'reconcile';
    sequence = 0;
    chain = Promise.resolve();
    started;
    constructor(clock, hooks, stats, total, everyBatches, 
    /** The client's in-flight level and binding limit, for progress lines. */
    inFlight = () => undefined) {
        this.clock = clock;
        this.hooks = hooks;
        this.stats = stats;
        this.total = total;
        this.everyBatches = everyBatches;
        this.inFlight = inFlight;
        this.started = clock.now();
    }
    /** Rows settled this run (written, adopted from an earlier run, or failed). */
    done() {
        const sum = (s) => s.created + s.updated + s.recreated + s.archived + s.adopted + s.failed;
        return sum(this.stats.orders) + sum(this.stats.lines);
    }
    /** Called after each batch. */
    async batchDone() {
        this.batches += 1;
        this.report();
        if (this.batches % this.everyBatches === 0)
            await this.checkpoint(false);
    }
    report() {
        const done = this.done();
        const seconds = Math.max(0.001, (this.clock.now() - this.started) / 1000);
        const rate = done / seconds;
        const failed = this.stats.orders.failed + this.stats.lines.failed;
        const left = Math.max(0, this.total - done);
        const inFlight = this.inFlight();
        this.hooks.onProgress?.({
            ...(inFlight ? { inFlight: { level: inFlight.level, binding: inFlight.binding } } : {}),
            done,
            total: Math.max(this.total, done),
            failed,
            itemsPerSecond: rate,
            etaMs: rate > 0 ? Math.round((left / rate) * 1000) : null
        });
    }
    checkpoint(final) {
        const hook = this.hooks.onCheckpoint;
        if (!hook)
            return Promise.resolve();
        this.sequence += 1;
        this.checkpoints += 1;
        const state = {
            phase: this.phase,
            stats: structuredClone(this.stats),
            batches: this.batches
        };
        const checkpoint = {
            pipeline: 'sync',
            sequence: this.sequence,
            at: new Date(this.clock.now()).toISOString(),
            final,
            state
        };
        this.chain = this.chain.then(() => hook.call(this.hooks, checkpoint));
        return this.chain;
    }
}

// EXTERNAL MODULE: ./src/adapters/sql/column-facts.ts
var column_facts = __webpack_require__(17371);
;// CONCATENATED MODULE: ./src/pipelines/sync/source-check.ts


/** Characters the error column must hold: failure reasons are cut to this length. */
const ERROR_COLUMN_LENGTH = 1000;
/** Every configured column of one table, with the setting that names it. */
function columnsOf(config, which) {
    const table = config[which];
    const mapping = which === 'orders' ? config.items : config.subitems;
    const at = which === 'orders' ? 'mapping' : 'mapping.subitems';
    const columns = [
        [`source.${which}.key`, table.key],
        [`source.${which}.state_column`, table.stateColumn],
        [`source.${which}.item_id_column`, table.itemIdColumn],
        [`source.${which}.error_column`, table.errorColumn],
        [`${at}.item_name`, mapping.itemName],
        ...mapping.columns.map((c, i) => [`${at}.columns[${i}].source`, c.source])
    ];
    if (which === 'lines')
        columns.push(['source.lines.parent_key', config.lines.parentKey]);
    if (which === 'orders' && config.items.group)
        columns.push(['mapping.group', config.items.group]);
    return columns;
}
/**
 * Checks that the configured tables and columns exist before anything is read or sent, so that a
 * typo is reported with the setting that names it instead of as a database error mid-run.
 */
async function checkSourceColumns(db, config) {
    for (const which of ['orders', 'lines']) {
        const table = config[which].table;
        const probe = async (select) => await db.query(db.dialect === 'mssql'
            ? `SELECT TOP 0 ${select} FROM ${db.quote(table)}`
            : `SELECT ${select} FROM ${db.quote(table)} LIMIT 0`);
        try {
            await probe('1 AS probe');
        }
        catch (e) {
            throw new errors/* ConfigError */.xL(`source.${which}.table: table ${table} cannot be read (${(0,errors/* messageOf */.bD)(e)})`, `source.${which}.table`, { cause: e });
        }
        for (const [setting, column] of columnsOf(config, which)) {
            try {
                await probe(db.quote(column));
            }
            catch (e) {
                throw new errors/* ConfigError */.xL(`${setting}: table ${table} has no column ${column} (${(0,errors/* messageOf */.bD)(e)})`, setting, {
                    cause: e
                });
            }
        }
    }
}
/**
 * Checks that the columns sync writes can hold what it writes, before anything is sent: a write
 * that fails after monday created the items (SQL Server 8115 arithmetic overflow on an INT id
 * column, 2628 truncation on a short error or state column) rolls back the batch and leaves its
 * rows in progress run after run. Each failure names the setting and the fix.
 */
async function checkWritableColumns(db, config) {
    const states = config.states;
    const longestState = Math.max(1, ...(states
        ? [...states.pending, states.inProgress, states.synced, states.failed, states.archived, states.removed ?? '']
            .filter(s => typeof s === 'string')
            .map(s => s.length)
        : []));
    for (const which of ['orders', 'lines']) {
        const t = config[which];
        const columns = await (0,column_facts/* readColumns */.Ej)(db, t.table);
        const at = `source.${which}`;
        const check = (setting, column, why, fix) => {
            const facts = columns.get(column.toLowerCase());
            const problem = facts && why(facts);
            if (problem) {
                throw new errors/* ConfigError */.xL(`${at}.${setting}: column ${column} of ${t.table} cannot hold what sync writes: ${problem}. ` +
                    `Fix: ALTER TABLE ${db.quote(t.table)} ALTER COLUMN ${db.quote(column)} ${fix}${facts.nullable ? ' NULL' : ' NOT NULL'}`, `${at}.${setting}`);
            }
        };
        check('item_id_column', t.itemIdColumn, c => idProblem(db, c), 'BIGINT');
        check('error_column', t.errorColumn, c => textProblem(db, c, ERROR_COLUMN_LENGTH), `NVARCHAR(${ERROR_COLUMN_LENGTH})`);
        check('state_column', t.stateColumn, c => textProblem(db, c, longestState), textFix(columns, t, longestState));
    }
}
const idProblem = (db, c) => {
    const why = (0,column_facts/* cannotHoldId */.Qq)(db, c);
    return why && `${why}, and monday item ids exceed 2^31 (2,147,483,647)`;
};
const textProblem = (db, c, length) => {
    const why = (0,column_facts/* cannotHoldText */.UD)(db, c, length);
    return why && `${why}, and sync writes up to ${length}`;
};
/** The state column's fix keeps its kind of text (VARCHAR stays VARCHAR, so its indexes and keys keep seeking). */
function textFix(columns, t, length) {
    const type = columns.get(t.stateColumn.toLowerCase())?.type;
    return `${type === 'varchar' || type === 'char' ? 'VARCHAR' : 'NVARCHAR'}(${Math.max(16, length)})`;
}

// EXTERNAL MODULE: ./src/adapters/sql/database.ts
var database = __webpack_require__(56042);
;// CONCATENATED MODULE: ./src/pipelines/sync/store-writes.ts



/** Reasons are cut to this many characters. */
const REASON_MAX = 1000;
/**
 * The writes of the SQL sync store: claims (made, renewed, taken over, ended) and outcomes. Every
 * write to a claimed row names the claim it expects, so a run never changes a row another run
 * holds. A claim, renewal or take-over is one UPDATE per chunk of keys that returns the keys it
 * changed, so what a run holds is exactly what it set (see `updateReturningKeys`).
 */
class StoreWrites {
    db;
    orders;
    lines;
    states;
    columns = new Map();
    constructor(db, orders, lines, states) {
        this.db = db;
        this.orders = orders;
        this.lines = lines;
        this.states = states;
    }
    /** The state released rows go back to: PENDING when configured, else the first pending state. */
    get releaseState() {
        return this.states.pending.includes('PENDING') ? 'PENDING' : (this.states.pending[0] ?? 'PENDING');
    }
    table(table) {
        return table === 'orders' ? this.orders : this.lines;
    }
    /** `state = in progress AND error LIKE this run's claims`, with its parameters. */
    held(t, params, claim) {
        const q = this.db.quote.bind(this.db);
        params.progress = this.states.inProgress;
        params.mine = claim.pattern;
        return `${q(t.stateColumn)} = @progress AND ${q(t.errorColumn)} LIKE @mine`;
    }
    /** The columns of a source table, read once (SQL Server only: SQLite binds values as they are). */
    columnsOf(table) {
        const cached = this.columns.get(table);
        if (cached)
            return cached;
        const read = this.db.dialect === 'mssql' ? (0,column_facts/* readColumns */.Ej)(this.db, table) : Promise.resolve(new Map());
        this.columns.set(table, read);
        read.catch(() => this.columns.delete(table));
        return read;
    }
    /** The key column's T-SQL type (SQL Server's table variable of changed keys). */
    async keyType(table) {
        const t = this.table(table);
        const key = (await this.columnsOf(t.table)).get(t.key.toLowerCase());
        return key ? (0,column_facts/* declaredType */.t1)(key) : 'SQL_VARIANT';
    }
    /**
     * Binds values compared with `column` of `t` as that column's type (`typed`): a DATETIME key
     * read back as a JavaScript Date never equals it as a DATETIME2 parameter (compatibility level
     * 130+ compares .003 as .0033333), so claims by such keys found nothing and pages repeated rows;
     * a VARCHAR or CHAR key compares, seeks and sorts in its own type and collation.
     */
    async binder(t, column) {
        const facts = (await this.columnsOf(t.table)).get(column.toLowerCase());
        return value => (0,database/* typed */.n)(value, facts);
    }
    /**
     * Per chunk of keys, one UPDATE of the rows `where` selects, returning the keys it changed (see
     * `updateReturningKeys`): what a run holds is exactly what the statement set, whatever ran beside it.
     */
    async setReturning(table, keys, where, set, setParams) {
        const t = this.table(table);
        const q = this.db.quote.bind(this.db);
        const keyType = await this.keyType(table);
        const key = await this.binder(t, t.key);
        const done = new Set();
        for (const chunk of chunks(keys, MAX_LIST)) {
            const params = { ...setParams };
            const condition = `${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${where(params, chunk)}`;
            const changed = await updateReturningKeys(this.db, { table: q(t.table), key: q(t.key), set, where: condition, limit: chunk.length, keyType }, params);
            for (const k of changed)
                done.add(keyText(k));
        }
        return done;
    }
    async claim(table, keys, claim) {
        const t = this.table(table);
        const q = this.db.quote.bind(this.db);
        return await this.setReturning(table, keys, params => `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`, `${q(t.stateColumn)} = @progress, ${q(t.errorColumn)} = @claim`, { progress: this.states.inProgress, claim: claim.text });
    }
    async renew(table, keys, claim) {
        const t = this.table(table);
        return await this.setReturning(table, keys, params => this.held(t, params, claim), `${this.db.quote(t.errorColumn)} = @claim`, { claim: claim.text });
    }
    /**
     * Reads the claims in progress, keeps those `reclaimable` accepts, and sets the new claim only
     * where the claim text is still the one read (compare and set, per row): of two runs taking over
     * one row at once, one wins and the other's statement skips it.
     */
    async takeOver(table, keys, claim, reclaimable) {
        const t = this.table(table);
        const q = this.db.quote.bind(this.db);
        const key = await this.binder(t, t.key);
        const seen = new Map();
        const chosen = [];
        for (const chunk of chunks(keys, MAX_LIST)) {
            const params = { progress: this.states.inProgress };
            const rows = await this.db.query(`SELECT ${q(t.key)} AS k, ${q(t.errorColumn)} AS e FROM ${q(t.table)} ` +
                `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${q(t.stateColumn)} = @progress`, params);
            for (const row of rows) {
                const text = row.e === null || row.e === undefined ? null : String(row.e);
                if (!reclaimable(text))
                    continue;
                seen.set(keyText(row.k), text ?? '');
                chosen.push(row.k);
            }
        }
        // the text read, per key: `CASE key WHEN @k0 THEN @e0 …` (NULL and '' are both "no claim")
        const unchanged = (params, chunk) => {
            params.progress = this.states.inProgress;
            const cases = chunk.map((k, i) => {
                params[`e${i}`] = seen.get(keyText(k)) ?? '';
                return `WHEN @k${i} THEN @e${i}`;
            });
            return `${q(t.stateColumn)} = @progress AND COALESCE(${q(t.errorColumn)}, '') = CASE ${q(t.key)} ${cases.join(' ')} END`;
        };
        return await this.setReturning(table, chosen, unchanged, `${q(t.errorColumn)} = @claim`, { claim: claim.text });
    }
    async record(table, outcome, claim) {
        const t = this.table(table);
        const q = this.db.quote.bind(this.db);
        const guard = (params) => claim ? this.held(t, params, claim) : `${q(t.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`;
        const key = await this.binder(t, t.key);
        await this.db.transaction(async (tx) => {
            for (const chunk of chunks(outcome.synced, MAX_LIST / 2)) {
                const ids = {};
                const cases = chunk.map((s, i) => {
                    ids[`k${i}`] = key(s.rawKey);
                    ids[`v${i}`] = s.itemId;
                    return `WHEN @k${i} THEN @v${i}`;
                });
                const params = { ...ids, synced: this.states.synced };
                const keys = chunk.map((_, i) => `@k${i}`).join(', ');
                const byKey = `CASE ${q(t.key)} ${cases.join(' ')} END`;
                await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @synced, ${q(t.errorColumn)} = NULL, ` +
                    `${q(t.itemIdColumn)} = ${byKey} WHERE ${q(t.key)} IN (${keys}) AND ${guard(params)}`, params);
                // A row that went back to pending while its item was being created (the upstream merge
                // changed it) keeps the new item's id, so its next sync updates that item.
                if (claim) {
                    await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.itemIdColumn)} = ${byKey} WHERE ${q(t.key)} IN (${keys}) ` +
                        `AND ${q(t.itemIdColumn)} IS NULL AND ${q(t.stateColumn)} <> @progress`, { ...ids, progress: this.states.inProgress });
                }
            }
            for (const f of outcome.failed) {
                const params = {
                    failed: this.states.failed,
                    reason: f.reason.slice(0, REASON_MAX),
                    key: key(f.rawKey)
                };
                await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @failed, ${q(t.errorColumn)} = @reason ` +
                    `WHERE ${q(t.key)} = @key AND ${guard(params)}`, params);
            }
            for (const chunk of chunks(outcome.released, MAX_LIST)) {
                const params = { release: this.releaseState };
                await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @release, ${q(t.errorColumn)} = NULL ` +
                    `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', params)}) AND ${guard(params)}`, params);
            }
        });
    }
    async markArchived(table, keys) {
        if (this.states.removed === undefined || keys.length === 0)
            return;
        const t = this.table(table);
        const l = this.lines;
        const q = this.db.quote.bind(this.db);
        const key = await this.binder(t, t.key);
        await this.db.transaction(async (tx) => {
            for (const chunk of chunks(keys, MAX_LIST)) {
                const params = { archived: this.states.archived, removed: this.states.removed ?? null };
                const list = inList(chunk.map(key), 'k', params);
                await tx.execute(`UPDATE ${q(t.table)} SET ${q(t.stateColumn)} = @archived, ${q(t.errorColumn)} = NULL ` +
                    `WHERE ${q(t.key)} IN (${list}) AND ${q(t.stateColumn)} = @removed`, params);
                if (table === 'lines')
                    continue;
                // an archived item takes its subitems with it: the order's lines follow (unless a run holds one)
                const lines = { archived: this.states.archived, progress: this.states.inProgress };
                const archived = `SELECT ${q(t.key)} FROM ${q(t.table)} ` +
                    `WHERE ${q(t.key)} IN (${inList(chunk.map(key), 'k', lines)}) AND ${q(t.stateColumn)} = @archived`;
                await tx.execute(`UPDATE ${q(l.table)} SET ${q(l.stateColumn)} = @archived, ${q(l.errorColumn)} = NULL ` +
                    `WHERE ${q(l.parentKey)} IN (${archived}) AND ${q(l.stateColumn)} NOT IN (@progress, @archived)`, lines);
            }
        });
    }
    async resetLines(orderKeys) {
        const l = this.lines;
        const q = this.db.quote.bind(this.db);
        const parent = await this.binder(l, l.parentKey);
        for (const chunk of chunks(orderKeys, MAX_LIST)) {
            const params = { release: this.releaseState, synced: this.states.synced, failed: this.states.failed };
            const states = `@synced, @failed, ${inList(this.states.pending, 'p', params)}`;
            await this.db.execute(`UPDATE ${q(l.table)} SET ${q(l.stateColumn)} = @release, ${q(l.itemIdColumn)} = NULL, ${q(l.errorColumn)} = NULL ` +
                `WHERE ${q(l.parentKey)} IN (${inList(chunk.map(parent), 'k', params)}) AND ${q(l.stateColumn)} IN (${states})`, params);
        }
    }
    async endClaims(claim, ended) {
        let changed = 0;
        for (const table of ['orders', 'lines']) {
            const t = this.table(table);
            const params = { ended };
            changed += await this.db.execute(`UPDATE ${this.db.quote(t.table)} SET ${this.db.quote(t.errorColumn)} = @ended WHERE ${this.held(t, params, claim)}`, params);
        }
        return changed;
    }
}

;// CONCATENATED MODULE: ./src/pipelines/sync/store.ts


/** The default SyncStore over the `Database` seam; every identifier comes from validated config. */
class SqlSyncStore extends StoreWrites {
    orderColumns;
    lineColumns;
    constructor(db, config) {
        super(db, config.orders, config.lines, config.states);
        const o = config.orders;
        const l = config.lines;
        const orderSources = [config.items.itemName, config.items.group, ...config.items.columns.map(c => c.source)];
        const lineSources = [config.subitems.itemName, ...config.subitems.columns.map(c => c.source)];
        this.orderColumns = unique([o.key, o.stateColumn, o.itemIdColumn, ...orderSources]);
        this.lineColumns = unique([l.key, l.parentKey, l.stateColumn, l.itemIdColumn, ...lineSources]);
    }
    async counts() {
        const q = this.db.quote.bind(this.db);
        const params = { progress: this.states.inProgress, removed: this.states.removed ?? null };
        const pending = inList(this.states.pending, 'p', params);
        const count = (t) => `SELECT SUM(CASE WHEN ${q(t.stateColumn)} IN (${pending}) THEN 1 ELSE 0 END) AS pending, ` +
            `SUM(CASE WHEN ${q(t.stateColumn)} IN (${pending}) AND ${q(t.itemIdColumn)} IS NOT NULL THEN 1 ELSE 0 END) AS updates, ` +
            `SUM(CASE WHEN ${q(t.stateColumn)} = @progress THEN 1 ELSE 0 END) AS progress, ` +
            `SUM(CASE WHEN ${q(t.stateColumn)} = @removed THEN 1 ELSE 0 END) AS removed FROM ${q(t.table)}`;
        const [o] = await this.db.query(count(this.orders), params);
        const [l] = await this.db.query(count(this.lines), params);
        const waitingParams = {};
        const w = this.waitingFrom(waitingParams);
        const waiting = await this.db.query(`SELECT COUNT(*) AS n FROM ${w.from} WHERE ${w.where}`, waitingParams);
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
        };
    }
    /** Pending lines joined to their FAILED order (`FROM` and `WHERE` of a query). */
    waitingFrom(params) {
        const q = this.db.quote.bind(this.db);
        const o = this.orders;
        const l = this.lines;
        params.wfailed = this.states.failed;
        const pending = inList(this.states.pending, 'wp', params);
        return {
            from: `${q(l.table)} l JOIN ${q(o.table)} o ON o.${q(o.key)} = l.${q(l.parentKey)}`,
            where: `o.${q(o.stateColumn)} = @wfailed AND l.${q(l.stateColumn)} IN (${pending})`
        };
    }
    async waitingOrders(limit) {
        const q = this.db.quote.bind(this.db);
        const params = {};
        const w = this.waitingFrom(params);
        const o = this.orders;
        const rows = await this.db.query(selectPage(this.db, {
            columns: `o.${q(o.key)} AS k, MAX(o.${q(o.errorColumn)}) AS reason, COUNT(*) AS n`,
            from: w.from,
            where: `${w.where} GROUP BY o.${q(o.key)}`,
            orderBy: `o.${q(o.key)}`
        }, limit), params);
        return rows.map(r => ({ orderKey: keyText(r.k ?? null), reason: String(r.reason ?? ''), lines: Number(r.n) }));
    }
    async pendingOrders(after, limit) {
        const params = {};
        return await this.readOrders(`IN (${inList(this.states.pending, 'p', params)})`, params, after, limit);
    }
    async removedRows(table, after, limit) {
        if (this.states.removed === undefined)
            return [];
        const params = { removed: this.states.removed };
        if (table === 'orders')
            return await this.readOrders('= @removed', params, after, limit);
        const q = this.db.quote.bind(this.db);
        const l = this.lines;
        const where = [`${q(l.stateColumn)} = @removed`];
        if (after !== null) {
            where.push(`${q(l.key)} > @after`);
            params.after = (await this.binder(l, l.key))(after);
        }
        const sql = selectPage(this.db, { columns: this.lineColumns.map(q).join(', '), from: q(l.table), where: where.join(' AND '), orderBy: q(l.key) }, limit);
        return (await this.db.query(sql, params)).map(row => this.lineRow(row));
    }
    async readOrders(state, params, after, limit) {
        const q = this.db.quote.bind(this.db);
        const where = [`${q(this.orders.stateColumn)} ${state}`];
        if (after !== null) {
            where.push(`${q(this.orders.key)} > @after`);
            params.after = (await this.binder(this.orders, this.orders.key))(after);
        }
        const sql = selectPage(this.db, {
            columns: this.orderColumns.map(q).join(', '),
            from: q(this.orders.table),
            where: where.join(' AND '),
            orderBy: q(this.orders.key)
        }, limit);
        return (await this.db.query(sql, params)).map(row => this.orderRow(row));
    }
    async pendingLines(after, limit) {
        const params = {};
        const where = [`l.${this.db.quote(this.lines.stateColumn)} IN (${inList(this.states.pending, 'p', params)})`];
        if (after !== null) {
            where.push(`l.${this.db.quote(this.lines.key)} > @after`);
            params.after = (await this.binder(this.lines, this.lines.key))(after);
        }
        return await this.readLines(where, params, limit);
    }
    async inProgressOrders() {
        const q = this.db.quote.bind(this.db);
        const o = this.orders;
        const rows = await this.db.query(`SELECT ${[...this.orderColumns, o.errorColumn].map(q).join(', ')} FROM ${q(o.table)} ` +
            `WHERE ${q(o.stateColumn)} = @progress ORDER BY ${q(o.key)}`, { progress: this.states.inProgress });
        return rows.map(row => ({ ...this.orderRow(row), claim: textOrNull(row[o.errorColumn]) }));
    }
    async inProgressLines() {
        const where = [`l.${this.db.quote(this.lines.stateColumn)} = @progress`];
        return await this.readLines(where, { progress: this.states.inProgress }, 1_000_000, true);
    }
    async readLines(where, params, limit, withClaim = false) {
        const q = this.db.quote.bind(this.db);
        const o = this.orders;
        const l = this.lines;
        // a pending line waits for its order to be synced; a line in progress only needs its parent
        if (!withClaim) {
            params.synced = this.states.synced;
            where.push(`o.${q(o.stateColumn)} = @synced`);
        }
        where.push(`o.${q(o.itemIdColumn)} IS NOT NULL`);
        const columns = [...this.lineColumns.map(c => `l.${q(c)}`), `o.${q(o.itemIdColumn)} AS ${q('__parent_item_id')}`];
        if (withClaim)
            columns.push(`l.${q(l.errorColumn)} AS ${q('__claim')}`);
        const sql = selectPage(this.db, {
            columns: columns.join(', '),
            from: `${q(l.table)} l JOIN ${q(o.table)} o ON o.${q(o.key)} = l.${q(l.parentKey)}`,
            where: where.join(' AND '),
            orderBy: `l.${q(l.key)}`
        }, limit);
        return (await this.db.query(sql, params)).map(row => ({
            ...this.lineRow(row),
            parentItemId: keyText(row.__parent_item_id ?? null),
            ...(withClaim ? { claim: textOrNull(row.__claim) } : {})
        }));
    }
    orderRow(row) {
        const rawKey = row[this.orders.key] ?? null;
        return { key: keyText(rawKey), rawKey, values: row, itemId: idOrNull(row[this.orders.itemIdColumn]) };
    }
    lineRow(row) {
        const rawKey = row[this.lines.key] ?? null;
        return {
            key: keyText(rawKey),
            rawKey,
            values: row,
            itemId: idOrNull(row[this.lines.itemIdColumn]),
            parentKey: keyText(row[this.lines.parentKey] ?? null),
            parentItemId: ''
        };
    }
}
function unique(list) {
    return [...new Set(list.filter((x) => x !== undefined))];
}
const textOrNull = (v) => (v === null || v === undefined ? null : String(v));
const idOrNull = (v) => v === null || v === undefined || String(v).trim() === '' ? null : keyText(v);

;// CONCATENATED MODULE: ./src/pipelines/sync/run.ts














/** FAILED orders whose pending lines are listed in the report (the count covers all). */
const WAITING_LISTED = 20;
/**
 * Pending orders become items (in their groups) and their lines subitems, exactly once: rows left
 * in progress by an earlier run are reconciled first, every batch is claimed before it is sent and
 * written back only after monday confirmed, in one transaction.
 */
async function runSync(deps, options) {
    const clock = deps.clock ?? engine_clock/* systemClock */.m;
    const started = clock.now();
    const { config } = options;
    const mode = options.itemMode ?? config.batch.itemMode;
    const hooks = deps.hooks ?? {};
    const log = (level, message) => hooks.onLog?.(level, message);
    if (!deps.store) {
        await checkSourceColumns(requireDb(deps.db), config);
        await checkWritableColumns(requireDb(deps.db), config);
    }
    const store = deps.store ?? new SqlSyncStore(requireDb(deps.db), config);
    const board = new BoardContext(deps.client, config.boardId);
    const counts = await store.counts();
    await board.load(config.items, config.subitems);
    const stats = { orders: context_emptyStats(), lines: context_emptyStats() };
    const failures = [];
    if (options.dryRun) {
        const plan = await dryRunPlan({
            client: deps.client,
            boardId: config.boardId,
            itemsKeyColumn: config.items.syncKeyColumn,
            subitemsKeyColumn: config.subitems.syncKeyColumn
        }, store, board, options, mode, counts);
        await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())));
        return report({ clock, started, dryRun: true, stats, failures, checkpoints: 0, deps, details: { plan } });
    }
    const plan = planSync(config, mode, counts, startingBatchSizes(mode, config.batch, deps.client));
    await hooks.onTaskGraph?.(syncTaskGraph(config.boardId, plan, new Date(clock.now())));
    const total = counts.pendingOrders + counts.pendingLines + counts.inProgressOrders + counts.inProgressLines;
    const progress = new SyncProgress(clock, hooks, stats, total, config.batch.checkpointEveryBatches, () => deps.client.inFlight?.());
    const claim = new RunClaim(options.runId ?? (0,external_node_crypto_.randomUUID)(), options.leaseMs ?? DEFAULT_LEASE_MS);
    const ctx = {
        client: deps.client,
        store,
        clock,
        claim,
        stamp: () => ({ text: claim.text(clock.now()), pattern: claim.pattern }),
        boardId: config.boardId,
        subitemsBoardId: board.subitemsBoardId,
        deletedItems: config.deletedItems ?? 'recreate',
        itemsKeyColumn: config.items.syncKeyColumn,
        subitemsKeyColumn: config.subitems.syncKeyColumn,
        stats,
        created: new Set(),
        failures,
        stop: { reason: null },
        log
    };
    try {
        await reconcile(ctx, counts.inProgressOrders + counts.inProgressLines > 0);
        await runPhases(ctx, options, mode, board, progress);
        await progress.checkpoint(false);
        for (const table of ['lines', 'orders']) {
            await archiveRemoved(ctx, table, config.batch.pageSize, config.batch.maxBatchSize);
        }
    }
    finally {
        // rows this run still holds have an unknown outcome: the next run reconciles them at once
        const left = await store.endClaims(ctx.stamp(), claim.ended(clock.now()));
        if (left > 0)
            log('warning', `${left} row(s) left in progress for the next run to reconcile`);
    }
    if (ctx.stop.reason)
        log('warning', `stopped early: ${ctx.stop.reason}`);
    progress.phase = 'done';
    progress.report();
    await progress.checkpoint(true);
    const remaining = await store.counts();
    const details = {
        plan,
        mode,
        groupsCreated: board.groupsCreated,
        /** Groups whose create_group was cut and that were found on the board afterwards. */
        groupsAdopted: board.groupsAdopted,
        batches: progress.batches,
        orders: stats.orders,
        lines: stats.lines,
        stoppedBecause: ctx.stop.reason,
        /** Rows still pending or in progress: lines of orders that failed, rows to send again. */
        remaining,
        /** Pending lines whose order FAILED: they sync once the order is fixed and set back to pending. */
        waiting: { lines: remaining.waitingLines ?? 0, orders: await store.waitingOrders(WAITING_LISTED) }
    };
    noteWaitingLines(failures, details.waiting.orders);
    return report({ clock, started, dryRun: false, stats, failures, checkpoints: progress.checkpoints, deps, details });
}
/**
 * Rows an earlier run left in progress: adopted when their item exists, else released. Only claims
 * whose lease expired or whose run ended are taken over; a live run's rows are left to it.
 */
async function reconcile(ctx, any) {
    if (!any)
        return;
    const { store, claim, clock } = ctx;
    const reclaimable = (text) => claim.reclaimable(text ?? null, clock.now());
    for (const table of ['orders', 'lines']) {
        const rows = table === 'orders' ? await store.inProgressOrders() : await store.inProgressLines();
        const candidates = rows.filter(r => reclaimable(r.claim));
        const held = candidates.length === 0
            ? new Set()
            : await store.takeOver(table, candidates.map(r => r.rawKey), ctx.stamp(), reclaimable);
        const mine = candidates.filter(r => held.has(r.key));
        if (rows.length > mine.length) {
            ctx.log('info', `${rows.length - mine.length} ${table} in progress are held by a live run; left to it`);
        }
        const result = await reconcileRows(ctx, table, mine);
        ctx.stats[table].adopted += result.adopted;
        ctx.stats[table].released += result.released;
        if (mine.length > 0)
            ctx.log('info', `reconciled ${mine.length} ${table}: ${result.adopted} adopted, ${result.released} to send again`);
    }
}
function report(r) {
    const finished = r.clock.now();
    const { orders, lines } = r.stats;
    return {
        pipeline: 'sync',
        dryRun: r.dryRun,
        startedAt: new Date(r.started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - r.started,
        itemsDone: done(orders) + done(lines),
        itemsFailed: orders.failed + lines.failed,
        itemsSkipped: orders.adopted + lines.adopted,
        failures: r.failures,
        checkpoints: r.checkpoints,
        metrics: r.deps.client.metrics(),
        details: r.details
    };
}
/** Items written this run: created, updated (moves included), created again, archived. */
const done = (s) => s.created + s.updated + s.recreated + s.archived;
function requireDb(db) {
    if (!db)
        throw new TypeError('runSync: deps.db or deps.store is required');
    return db;
}

// EXTERNAL MODULE: ./src/jobs/output.ts
var output = __webpack_require__(12035);
// EXTERNAL MODULE: ./src/jobs/run-folder-hooks.ts
var run_folder_hooks = __webpack_require__(66027);
;// CONCATENATED MODULE: ./src/jobs/sync.ts








/** Runs sync with its artifacts in the run folder and returns its report. The CLI and the action call this. */
async function runSyncJob(settings, deps = {}) {
    const { config } = settings;
    const runDir = new run_dir/* RunDirectory */.d(settings.runDir);
    const client = deps.client ?? syncClient(settings);
    // a connection per request in flight, plus the reads and claims between them
    const db = await (0,sql_open/* openDatabase */.q)(settings.databaseUrl, `environments.${config.environment}.database_url`, {
        poolMax: config.batch.concurrency + 2,
        retry: { onRetry: (0,output/* sqlRetryWarning */.nT)(deps.output ?? output/* silentOutput */.$j) }
    });
    const hooks = (0,run_folder_hooks/* runFolderHooks */.i)({ runDir, output: deps.output ?? output/* silentOutput */.$j, extra: deps.hooks ?? {}, progressLine });
    try {
        const report = await runSync({ client, db, hooks }, {
            config,
            ...(settings.itemMode ? { itemMode: settings.itemMode } : {}),
            dryRun: settings.dryRun ?? false,
            // a claim outlives the longest request the engine allows, in the emulator's time too
            leaseMs: DEFAULT_LEASE_MS / (settings.timeScale ?? 1)
        });
        runDir.write('report.json', report);
        return report;
    }
    finally {
        await db.close();
    }
}
/** The engine client of a sync run, with the configuration's API version and plan. */
function syncClient(settings) {
    const { config } = settings;
    return (0,client/* createMondayClient */._)({
        url: settings.apiUrl ?? 'https://api.monday.com/v2',
        token: settings.token,
        ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}),
        ...(config.plan ? { plan: config.plan } : {}),
        initialConcurrency: config.batch.concurrency,
        ...(settings.timeScale ? { timeScale: settings.timeScale } : {})
    });
}
function progressLine(p) {
    const inFlight = p.inFlight ? `  ${inFlightShort(p.inFlight)}` : '';
    return `  ${p.done}/${p.total} rows  ${Math.round(p.itemsPerSecond)} items/s  eta ${(0,run_folder_hooks/* etaText */.U)(p)}  failed ${p.failed}${inFlight}\n`;
}

// EXTERNAL MODULE: ./src/jobs/sync-settings.ts
var sync_settings = __webpack_require__(22979);
;// CONCATENATED MODULE: ./src/cli/commands/sync.ts






/** The columns of the final table, in order. */
const COUNTS = ['created', 'updated', 'moved', 'archived', 'adopted', 'recreated', 'failed', 'released'];
/** The final table: one line per table, then totals, then what is left and why. */
function syncReportTable(report) {
    const d = report.details;
    if (report.dryRun) {
        return `dry run: nothing was changed\n${JSON.stringify(d.plan ?? {}, null, 2)}\n`;
    }
    const head = ['rows', ...COUNTS];
    const rows = ['orders', 'lines'].map(name => [
        name === 'orders' ? 'orders (items)' : 'lines (subitems)',
        ...COUNTS.map(c => d[name]?.[c] ?? 0)
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
    const fmt = (cells) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ');
    const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000);
    return (`${fmt(head)}\n${rows.map(fmt).join('\n')}\n` +
        `mode ${d.mode ?? '?'}: ${report.itemsDone} written, ${report.itemsSkipped} adopted, ` +
        `${report.itemsFailed} failed, ${report.metrics.requests} requests, ${Math.round(rate)} items/s, ` +
        `${(report.durationMs / 1000).toFixed(1)} s\n` +
        controlLines(report) +
        leftLines(d.remaining, d.waiting));
}
/** The engine's control loop: requests in flight and what set them, server time per operation. */
function controlLines(report) {
    const inFlight = inFlightText(report.metrics.inFlight);
    const times = serverTimesText(report.metrics.serverTimes);
    return ((inFlight ? `requests in flight: ${inFlight}\n` : '') +
        (times ? `server time per operation (p50 / p90): ${times}\n` : ''));
}
/** What the run left: lines waiting for a FAILED order (with its reason), rows to send again. */
function leftLines(left, waiting) {
    let out = '';
    if (waiting && waiting.lines > 0) {
        out +=
            `${waiting.lines} line(s) wait for their FAILED order; they sync once the order is fixed and set back to pending:\n` +
                waiting.orders.map(o => `  order ${o.orderKey}: ${o.lines} line(s); the order failed: ${o.reason}\n`).join('');
    }
    if (!left)
        return out;
    const lines = left.pendingLines - (left.waitingLines ?? 0);
    const inProgress = left.inProgressOrders + left.inProgressLines;
    if (left.pendingOrders + lines > 0) {
        out += `still pending: ${left.pendingOrders} order(s), ${lines} line(s) (run again to send them)\n`;
    }
    if (inProgress > 0) {
        out += `${inProgress} row(s) in progress: held by a run still going, or looked up by the next run\n`;
    }
    return out;
}
/** Resolves flags, configuration and environment into the settings of a sync job. */
function syncSettings(args, env, now = new Date()) {
    if (!args.config)
        throw new errors/* ConfigError */.xL('sync: --config FILE is required (e.g. configs/pipelines/sync_order_list.toml)', '--config');
    if (args.itemMode !== undefined && !schema/* ITEM_MODES */.H9.includes(args.itemMode)) {
        throw new errors/* ConfigError */.xL(`--item-mode must be one of ${schema/* ITEM_MODES */.H9.join(', ')}; got "${args.itemMode}"`, '--item-mode');
    }
    return (0,sync_settings/* syncJobSettings */.W)({
        config: args.config,
        environment: args.environment,
        ...(args.itemMode ? { itemMode: args.itemMode } : {}),
        dryRun: args.dryRun,
        runDir: args.runDir ?? `.runs/sync-${now.toISOString().replace(/[:.]/g, '-')}`
    }, env);
}
/** `monday-sync sync`: returns the process exit code (1 when some row failed). */
async function syncCommand(args, io) {
    const options = syncSettings(args, io.env);
    const mode = options.itemMode ?? options.config.batch.itemMode;
    io.stdout(`Syncing ${options.config.orders.table} to board ${options.config.boardId} (${options.config.environment}, ` +
        `${mode}${options.dryRun ? ', dry run' : ''}) from ${(0,sql_open/* redactUrl */.B)(options.databaseUrl)}; run folder ${options.runDir}\n`);
    const report = await runSyncJob(options, { output: io });
    io.stdout(syncReportTable(report));
    return report.itemsFailed > 0 || report.failures.length > 0 ? 1 : 0;
}


/***/ })

};
