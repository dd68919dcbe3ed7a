export const id = 42;
export const ids = [42];
export const modules = {

/***/ 97042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadBoardCommand: () => (/* binding */ loadBoardCommand)
});

// UNUSED EXPORTS: reportTable

// EXTERNAL MODULE: ./src/adapters/monday/client.ts + 18 modules
var client = __webpack_require__(73979);
// EXTERNAL MODULE: ./src/adapters/sql/open.ts
var sql_open = __webpack_require__(25319);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/adapters/sql/staging-schema.ts
/** The column dictionary: one row per typed column of every loaded table. */
const COLUMNS_TABLE = 'monday_sync_columns';
/** The fixed columns of an items table, in insert order; typed columns follow. */
const ITEM_COLUMNS = [
    { name: 'item_id', type: 'bigint', nullable: false },
    { name: 'name', type: 'text' },
    { name: 'group_id', type: 'shorttext' },
    { name: 'group_title', type: 'text' },
    { name: 'state', type: 'shorttext' },
    { name: 'created_at', type: 'datetime' },
    { name: 'updated_at', type: 'datetime' },
    { name: 'column_values', type: 'json' }
];
/** The fixed columns of a subitems table. */
const SUBITEM_COLUMNS = [
    ...ITEM_COLUMNS.slice(0, 1),
    { name: 'parent_item_id', type: 'bigint', nullable: false },
    ...ITEM_COLUMNS.slice(1)
];
/** Names a typed column can never take (the fixed columns of either table). */
const FIXED_NAMES = SUBITEM_COLUMNS.map(c => c.name);
/** Every column of a layout's tables, fixed ones first. */
function layoutColumns(layout) {
    const fixed = layout.subitems ? SUBITEM_COLUMNS : ITEM_COLUMNS;
    return [...fixed, ...layout.columns.map(c => ({ name: c.name, type: c.type }))];
}
/** A row's values in the order of `layoutColumns(layout)`. */
function rowValues(row, layout) {
    const fixed = [
        Number(row.itemId),
        ...(layout.subitems ? [row.parentItemId === null ? null : Number(row.parentItemId)] : []),
        row.name,
        row.groupId,
        row.groupTitle,
        row.state,
        row.createdAt,
        row.updatedAt,
        row.columnValues
    ];
    return [...fixed, ...layout.columns.map(c => row.typed[c.name] ?? null)];
}
/** A column definition: `[name] TYPE NULL`. */
function columnDefinition(db, column) {
    return `${db.quote(column.name)} ${db.typeOf(column.type)}${column.nullable === false ? ' NOT NULL' : ' NULL'}`;
}
/** An index or constraint name from a table name, within SQL Server's 128 characters. */
function objectName(prefix, table) {
    const bare = table.split('.').pop() ?? table;
    return `${prefix}_${bare}`.slice(0, 128);
}
/** The string literal of a (checked) table name for OBJECT_ID. */
const literal = (table) => `N'${table.replace(/'/g, "''")}'`;
/**
 * CREATE TABLE (when missing) with its primary key on item_id (clustered), plus an index on parent_item_id for
 * a subitems table, in the database's dialect. `IF NOT EXISTS`, so a re-run is harmless.
 */
function createTableStatements(db, table, columns) {
    const pk = objectName('pk', table);
    // clustered on item_id (SQL Server): a swap's chunks and a reader's seeks by id touch only their rows
    const key = db.dialect === 'mssql' ? 'PRIMARY KEY CLUSTERED' : 'PRIMARY KEY';
    const defs = [...columns.map(c => columnDefinition(db, c)), `CONSTRAINT ${db.quote(pk)} ${key} (item_id)`];
    const parent = columns.some(c => c.name === 'parent_item_id');
    const index = objectName('ix_parent', table);
    if (db.dialect === 'sqlite') {
        const schema = table.includes('.') ? `${db.quote(table.split('.')[0] ?? 'main')}.` : '';
        const bare = table.split('.').pop() ?? table;
        return [
            `CREATE TABLE IF NOT EXISTS ${db.quote(table)} (${defs.join(', ')})`,
            ...(parent
                ? [`CREATE INDEX IF NOT EXISTS ${schema}${db.quote(index)} ON ${db.quote(bare)} (parent_item_id)`]
                : [])
        ];
    }
    return [
        `IF OBJECT_ID(${literal(table)}, N'U') IS NULL CREATE TABLE ${db.quote(table)} (${defs.join(', ')})`,
        ...(parent
            ? [
                `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'${index}' AND object_id = OBJECT_ID(${literal(table)})) ` +
                    `CREATE INDEX ${db.quote(index)} ON ${db.quote(table)} (parent_item_id)`
            ]
            : [])
    ];
}
/**
 * SQLite: the statements that make the staging table `from` the table `to` inside the caller's
 * transaction (SQLite's schema changes are transactional), its index on parent_item_id renamed with
 * it; null in SQL Server or with a schema-qualified name, where the rows are copied instead.
 */
function renameTableStatements(db, from, to, columns) {
    if (db.dialect !== 'sqlite' || from.includes('.') || to.includes('.'))
        return null;
    const parent = columns.some(c => c.name === 'parent_item_id');
    return [
        `ALTER TABLE ${db.quote(from)} RENAME TO ${db.quote(to)}`,
        ...(parent ? [`DROP INDEX IF EXISTS ${db.quote(objectName('ix_parent', from))}`] : []),
        // the table exists now: only the index is created, under the target's name
        ...createTableStatements(db, to, columns)
    ];
}
/** DROP TABLE when it exists (both dialects). */
function dropTableStatement(db, table) {
    return db.dialect === 'sqlite'
        ? `DROP TABLE IF EXISTS ${db.quote(table)}`
        : `IF OBJECT_ID(${literal(table)}, N'U') IS NOT NULL DROP TABLE ${db.quote(table)}`;
}
/** The columns a table has now (lower-cased names), or null when it does not exist. */
async function existingColumns(db, table) {
    const rows = db.dialect === 'sqlite'
        ? await db.query(`SELECT name FROM pragma_table_info(@table${table.includes('.') ? ', @schema' : ''})`, table.includes('.')
            ? { table: table.split('.')[1] ?? table, schema: table.split('.')[0] ?? 'main' }
            : { table })
        : await db.query('SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(@table)', { table });
    return rows.length === 0 ? null : new Set(rows.map(r => r.name.toLowerCase()));
}
/** `ALTER TABLE … ADD` for a column new to an existing table (nullable: earlier rows have none). */
function addColumnStatement(db, table, column) {
    const def = columnDefinition(db, { ...column, nullable: true });
    return db.dialect === 'sqlite'
        ? `ALTER TABLE ${db.quote(table)} ADD COLUMN ${def}`
        : `ALTER TABLE ${db.quote(table)} ADD ${def}`;
}
/** The dictionary's columns, in insert order. */
const DICTIONARY_COLUMNS = [
    { name: 'table_name', type: 'shorttext', nullable: false },
    { name: 'column_name', type: 'shorttext', nullable: false },
    { name: 'board_id', type: 'bigint', nullable: false },
    { name: 'monday_column_id', type: 'shorttext', nullable: false },
    { name: 'part', type: 'shorttext', nullable: false },
    { name: 'monday_type', type: 'shorttext', nullable: false },
    { name: 'sql_type', type: 'shorttext', nullable: false },
    { name: 'title', type: 'text' },
    { name: 'active', type: 'boolean', nullable: false },
    { name: 'updated_at', type: 'datetime' }
];
/**
 * The dictionary table: which SQL column of which table holds which monday column. On SQL Server it
 * is clustered on `table_name` (NVARCHAR(450): the 900 bytes a clustered key may have), so a swap
 * rewriting one table's rows seeks to them and never waits on the rows another board's swap holds
 * (a heap is scanned whole, row by row). A dictionary created as a heap by an earlier version gets
 * the index when the login may create it; otherwise it keeps working as a heap.
 */
function columnsTableStatements(db) {
    const defs = DICTIONARY_COLUMNS.map(c => columnDefinition(db, c));
    if (db.dialect === 'sqlite')
        return [`CREATE TABLE IF NOT EXISTS ${db.quote(COLUMNS_TABLE)} (${defs.join(', ')})`];
    const index = `CREATE CLUSTERED INDEX ${db.quote(`cx_${COLUMNS_TABLE}`)} ON ${db.quote(COLUMNS_TABLE)} (table_name)`;
    return [
        `IF OBJECT_ID(N'${COLUMNS_TABLE}', N'U') IS NULL BEGIN CREATE TABLE ${db.quote(COLUMNS_TABLE)} (${defs.join(', ')}); ${index} END`,
        `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'${COLUMNS_TABLE}') AND index_id = 1) ` +
            `BEGIN BEGIN TRY ${index} END TRY BEGIN CATCH END CATCH END`
    ];
}

;// CONCATENATED MODULE: ./src/adapters/sql/legacy-table.ts

/**
 * The one generic table of load-board before typed tables: every item of every board, keyed by
 * `source_board_id` and `item_id`, its column values in one JSON text column. load-board no longer
 * writes it and never deletes from it (docs/load-board.md, "Moving from monday_items").
 */
const LEGACY_TABLE = 'monday_items';
/** Columns only the generic table has together (a typed table has no `source_board_id`). */
const LEGACY_COLUMNS = ['source_board_id', 'board_id', 'column_values'];
/**
 * Whether `table` is a base table (not a view: docs/load-board.md shows a view of the old name over
 * the typed tables) with the generic table's shape and no typed columns recorded for it.
 */
async function isLegacyTable(db, table) {
    const columns = await existingColumns(db, table);
    if (columns === null || !LEGACY_COLUMNS.every(c => columns.has(c)))
        return false;
    const base = await db.query(db.dialect === 'sqlite'
        ? `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = @name`
        : 'SELECT COUNT(*) AS n FROM sys.tables WHERE object_id = OBJECT_ID(@table)', db.dialect === 'sqlite' ? { name: table.split('.').pop() ?? table } : { table });
    if (Number(base[0]?.n ?? 0) === 0)
        return false;
    const recorded = await db.query(`SELECT COUNT(*) AS n FROM ${db.quote(COLUMNS_TABLE)} WHERE table_name = @table`, { table });
    return Number(recorded[0]?.n ?? 0) === 0;
}
/** What the generic table holds for these boards, or null when there is no such table. */
async function legacyRows(db, boardIds) {
    if (!(await isLegacyTable(db, LEGACY_TABLE)))
        return null;
    const rows = new Map();
    for (const boardId of boardIds) {
        const found = await db.query(`SELECT COUNT(*) AS n FROM ${db.quote(LEGACY_TABLE)} WHERE source_board_id = @board`, { board: Number(boardId) });
        const n = Number(found[0]?.n ?? 0);
        if (n > 0)
            rows.set(boardId, n);
    }
    return { table: LEGACY_TABLE, rows };
}

;// CONCATENATED MODULE: ./src/adapters/sql/staging-swap.ts

/** A swap refused because the table changed under it (another load recorded other columns). */
class SchemaDriftError extends Error {
    name = 'SchemaDriftError';
    errorClass = 'validation';
}
/**
 * One table's part of a swap (inside the caller's transaction): its rows are deleted and inserted
 * `chunkRows` at a time by `item_id` (the clustered key), so no statement escalates to a table lock.
 * A table's first load on SQLite renames the staging table instead (`renameTableStatements`): its
 * rows are not written a second time (a 100,000-item board of 30 columns: ~400 MB, ~4 s), and no
 * staging copy of them stays on disk. Without a staging table (an earlier swap renamed it), there is
 * nothing to swap: the table's rows are counted.
 */
async function swapTable(tx, boardId, table, chunkRows = SWAP_CHUNK_ROWS) {
    await checkUnchanged(tx, table);
    if ((await existingColumns(tx, table.stagingTable)) === null)
        return await countRows(tx, table.table);
    const columns = layoutColumns(table);
    const existing = await existingColumns(tx, table.table);
    if (existing === null && (await renamed(tx, table, columns))) {
        await recordColumns(tx, boardId, table);
        return await countRows(tx, table.table);
    }
    if (existing === null) {
        for (const statement of createTableStatements(tx, table.table, columns))
            await tx.execute(statement);
    }
    else {
        for (const column of columns) {
            if (!existing.has(column.name.toLowerCase()))
                await tx.execute(addColumnStatement(tx, table.table, column));
        }
    }
    const names = columns.map(c => tx.quote(c.name)).join(', ');
    if (existing !== null) {
        for (const range of await itemRanges(tx, table.table, chunkRows)) {
            await tx.execute(`DELETE FROM ${tx.quote(table.table)} WHERE ${range.where}`, range.params);
        }
    }
    let rows = 0;
    for (const range of await itemRanges(tx, table.stagingTable, chunkRows)) {
        rows += await tx.execute(`INSERT INTO ${tx.quote(table.table)} (${names}) SELECT ${names} FROM ${tx.quote(table.stagingTable)} WHERE ${range.where}`, range.params);
    }
    await recordColumns(tx, boardId, table);
    return rows;
}
/**
 * Renames the staging table into the (missing) target when the database can. SQLite refuses a
 * rename while any view or trigger of the database names a table that does not exist ("error in
 * view v: no such table"), whoever's it is: the statement fails alone, the transaction goes on, and
 * the rows are copied instead.
 */
async function renamed(tx, table, columns) {
    const statements = renameTableStatements(tx, table.stagingTable, table.table, columns);
    if (statements === null)
        return false;
    const [rename, ...rest] = statements;
    try {
        await tx.execute(rename);
    }
    catch {
        return false;
    }
    for (const statement of rest)
        await tx.execute(statement);
    return true;
}
/** Rows of `table`; 0 when it does not exist. */
async function countRows(db, table) {
    if ((await existingColumns(db, table)) === null)
        return 0;
    const rows = await db.query(`SELECT COUNT(*) AS n FROM ${db.quote(table)}`);
    return Number(rows[0]?.n ?? 0);
}
/**
 * Rows per statement of a swap. SQL Server escalates a statement's row locks to a lock on the
 * whole table once the statement holds 5,000 locks on one table or index (a key lock per row plus
 * the intent locks of its pages): one DELETE and one INSERT of 20,000 rows would lock the table
 * (and block every reader of it that RCSI does not spare) until the swap commits. 2,000 rows per
 * statement stay below, in the same single transaction.
 */
const SWAP_CHUNK_ROWS = 2_000;
/** `item_id` ranges of at most `size` rows of `table` each, as WHERE clauses with their parameters. */
async function itemRanges(db, table, size) {
    const n = Math.max(1, Math.floor(size));
    const bounds = await db.query(`SELECT item_id AS b FROM (SELECT item_id, ROW_NUMBER() OVER (ORDER BY item_id) AS n FROM ${db.quote(table)}) x ` +
        `WHERE n % ${n} = 0 ORDER BY b`);
    const ranges = [];
    let low = null;
    for (const high of [...bounds.map(r => r.b ?? null), null]) {
        const where = [];
        const params = {};
        if (low !== null) {
            where.push('item_id > @low');
            params.low = low;
        }
        if (high !== null) {
            where.push('item_id <= @high');
            params.high = high;
        }
        ranges.push({ where: where.join(' AND ') || '1 = 1', params });
        low = high;
    }
    return ranges;
}
/**
 * The dictionary as this load planned it; a concurrent load that recorded other columns in the
 * meantime makes this swap fail (and roll back) rather than mix two schemas.
 */
async function checkUnchanged(tx, table) {
    const rows = await tx.query(`SELECT column_name, sql_type FROM ${tx.quote(COLUMNS_TABLE)} WHERE table_name = @table`, { table: table.table });
    const key = (list) => list
        .map(c => `${c.name.toLowerCase()} ${c.type}`)
        .sort()
        .join('\n');
    const recorded = key(rows.map(r => ({ name: r.column_name, type: r.sql_type })));
    const added = new Set(table.added);
    const before = key([...table.columns.filter(c => !added.has(c)), ...table.removed]);
    const after = key([...table.columns, ...table.removed]);
    // before: the first swap of this load; after: a swap repeated after a crash that followed its commit
    if (recorded !== before && recorded !== after) {
        throw new SchemaDriftError(`table ${table.table}: its columns were changed by another load since this one began; run it again`);
    }
}
async function recordColumns(tx, boardId, table) {
    await tx.execute(`DELETE FROM ${tx.quote(COLUMNS_TABLE)} WHERE table_name = @table`, { table: table.table });
    const now = new Date();
    const entry = (c, active) => [
        table.table,
        c.name,
        Number(boardId),
        c.mondayColumnId,
        c.part,
        c.mondayType,
        c.type,
        c.title,
        active,
        now
    ];
    await tx.insertMany(COLUMNS_TABLE, DICTIONARY_COLUMNS, [
        ...table.columns.map(c => entry(c, true)),
        ...table.removed.map(c => entry(c, false))
    ]);
}

;// CONCATENATED MODULE: ./src/adapters/sql/staging-store.ts




/** More than 2,100 parameters is an error in SQL Server; batches stay far below. */
const MAX_IDS_PER_STATEMENT = 500;
/** The default StagingStore over any `Database` (bulk insert on SQL Server through insertMany). */
class SqlStagingStore {
    db;
    swapChunkRows;
    layouts = new Map();
    constructor(db, 
    /** Rows per statement of a swap; default `SWAP_CHUNK_ROWS` (2,000). */
    swapChunkRows = SWAP_CHUNK_ROWS) {
        this.db = db;
        this.swapChunkRows = swapChunkRows;
    }
    async prepare() {
        for (const statement of columnsTableStatements(this.db))
            await this.db.execute(statement);
    }
    async recordedColumns(table) {
        const rows = await this.db.query(`SELECT table_name, column_name, board_id, monday_column_id, part, monday_type, sql_type, title, active ` +
            `FROM ${this.db.quote(COLUMNS_TABLE)} WHERE table_name = @table ORDER BY column_name`, { table });
        return rows.map(r => ({
            table: String(r.table_name),
            name: String(r.column_name),
            boardId: String(r.board_id),
            mondayColumnId: String(r.monday_column_id),
            part: String(r.part),
            mondayType: String(r.monday_type),
            type: String(r.sql_type),
            title: String(r.title ?? ''),
            active: r.active === true || Number(r.active) === 1
        }));
    }
    async useLayout(layout, options) {
        this.layouts.set(layout.boardId, layout);
        for (const table of tablesOf(layout)) {
            await checkTargetShape(this.db, layout.boardId, table);
            try {
                if (options.fresh)
                    await this.db.execute(dropTableStatement(this.db, table.stagingTable));
                for (const s of createTableStatements(this.db, table.stagingTable, layoutColumns(table)))
                    await this.db.execute(s);
            }
            catch (e) {
                throw new errors/* ConfigError */.xL(`board ${layout.boardId}: cannot create its staging table ${table.stagingTable}: ${(0,errors/* messageOf */.bD)(e)}`, 'boards.table', { cause: e });
            }
        }
    }
    layout(boardId) {
        const layout = this.layouts.get(boardId);
        if (!layout)
            throw new TypeError(`SqlStagingStore: no layout for board ${boardId} (call useLayout first)`);
        return layout;
    }
    async clear(boardId) {
        await this.useLayout(this.layout(boardId), { fresh: true });
    }
    async stagedItemIds(boardId) {
        const rows = await this.db.query(`SELECT item_id FROM ${this.db.quote(this.layout(boardId).items.stagingTable)}`);
        return new Set(rows.map(r => String(r.item_id)));
    }
    async stageBatch(boardId, itemIds, rows, options = {}) {
        const layout = this.layout(boardId);
        const items = rows.filter(r => r.parentItemId === null);
        const subitems = layout.subitems ? rows.filter(r => r.parentItemId !== null) : [];
        const write = async (tx) => {
            let written = await tx.insertMany(layout.items.stagingTable, layoutColumns(layout.items), items.map(r => rowValues(r, layout.items)));
            if (layout.subitems) {
                written += await tx.insertMany(layout.subitems.stagingTable, layoutColumns(layout.subitems), subitems.map(r => rowValues(r, layout.subitems)));
            }
            return written;
        };
        if (options.fresh && !layout.subitems)
            return await write(this.db);
        return await this.db.transaction(async (tx) => {
            if (!options.fresh) {
                await deleteIn(tx, layout.items.stagingTable, 'item_id', itemIds);
                if (layout.subitems)
                    await deleteIn(tx, layout.subitems.stagingTable, 'parent_item_id', itemIds);
            }
            return await write(tx);
        });
    }
    async countStaged(boardId) {
        const layout = this.layout(boardId);
        return {
            items: await countRows(this.db, layout.items.stagingTable),
            subitems: layout.subitems ? await countRows(this.db, layout.subitems.stagingTable) : 0
        };
    }
    async countTarget(boardId) {
        const layout = this.layout(boardId);
        return {
            items: await countRows(this.db, layout.items.table),
            subitems: layout.subitems ? await countRows(this.db, layout.subitems.table) : 0
        };
    }
    async swappedByRename(layout) {
        for (const table of tablesOf(layout)) {
            if ((await existingColumns(this.db, table.stagingTable)) !== null)
                return false;
            if ((await existingColumns(this.db, table.table)) === null)
                return false;
        }
        return true;
    }
    async legacyRows(boardIds) {
        return await legacyRows(this.db, boardIds);
    }
    async swap(boardId) {
        const layout = this.layout(boardId);
        return await this.db.transaction(async (tx) => {
            let rows = 0;
            for (const table of tablesOf(layout))
                rows += await swapTable(tx, layout.boardId, table, this.swapChunkRows);
            return rows;
        });
    }
}
/** A target table that exists but lacks the fixed columns is someone else's: never touch it. */
async function checkTargetShape(db, boardId, table) {
    const existing = await existingColumns(db, table.table);
    if (existing === null)
        return;
    // the generic table holds every board's rows: a typed load would replace them all with one board's
    if (await isLegacyTable(db, table.table)) {
        throw new errors/* ConfigError */.xL(`board ${boardId}: table "${table.table}" is the generic table of an earlier load-board (rows of every ` +
            `board, column values as JSON); load-board now writes one typed table per board and does not replace it. ` +
            `Name another table for this board (or leave the table unset: monday_board_${boardId}); ` +
            `its rows were left as they were (docs/load-board.md, "Moving from monday_items")`, 'table');
    }
    const missing = layoutColumns({ subitems: table.subitems, columns: [] }).filter(c => !existing.has(c.name));
    if (missing.length === 0)
        return;
    throw new errors/* ConfigError */.xL(`board ${boardId}: table "${table.table}" exists but is not a load-board table (it has no ` +
        `${missing.map(c => c.name).join(', ')}); choose another table name, its rows were left as they were`, 'table');
}
function tablesOf(layout) {
    return layout.subitems ? [layout.items, layout.subitems] : [layout.items];
}
async function deleteIn(tx, table, column, ids) {
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_STATEMENT) {
        const chunk = ids.slice(i, i + MAX_IDS_PER_STATEMENT);
        const params = {};
        chunk.forEach((id, j) => (params[`i${j}`] = Number(id)));
        const list = chunk.map((_, j) => `@i${j}`).join(', ');
        await tx.execute(`DELETE FROM ${tx.quote(table)} WHERE ${column} IN (${list})`, params);
    }
}

// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(43124);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
;// CONCATENATED MODULE: ./src/pipelines/load-board/errors.ts
/**
 * The class of a failure as the engine classified it. The engine's errors carry `errorClass`;
 * monday's legacy cursor error is recognised by its name or message (`CursorExpiredError`,
 * API-FACTS "Expired cursor").
 */
function errorClassOf(e) {
    if (e && typeof e === 'object') {
        const tagged = e;
        for (const value of [tagged.errorClass, tagged.classification]) {
            if (typeof value === 'string')
                return value;
            if (value && typeof value === 'object' && typeof value.kind === 'string') {
                return value.kind;
            }
        }
        if (tagged.name === 'CursorExpiredError' || tagged.code === 'CursorExpiredError')
            return 'cursor_expired';
    }
    const message = e instanceof Error ? e.message : String(e);
    if (/CursorExpired|CursorException|cursor .*expired/i.test(message))
        return 'cursor_expired';
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/id-queue.ts
/**
 * The hand-over between the walk (producer of ids) and the batch fetchers (consumers). The walk
 * waits while the queue holds more than its high-water mark, so memory stays bounded whatever
 * the relative speed of the two phases.
 */
class IdQueue {
    ids = [];
    head = 0;
    closed = false;
    wake = [];
    /** Ids waiting to be batched. */
    get size() {
        return this.ids.length - this.head;
    }
    /** No more ids will come (the walk finished or failed). */
    get done() {
        return this.closed;
    }
    push(ids) {
        for (const id of ids)
            this.ids.push(id);
        this.notify();
    }
    close() {
        this.closed = true;
        this.notify();
    }
    /** Takes up to `n` ids in walk order. */
    take(n) {
        const batch = this.ids.slice(this.head, this.head + n);
        this.head += batch.length;
        if (this.head > 4096 && this.head * 2 > this.ids.length) {
            this.ids = this.ids.slice(this.head);
            this.head = 0;
        }
        this.notify();
        return batch;
    }
    /** The ids not taken yet (for a checkpoint). */
    peekAll() {
        return this.ids.slice(this.head);
    }
    /** Resolves at the next push, take or close. */
    changed() {
        return new Promise(resolve => this.wake.push(resolve));
    }
    /** Resolves once at most `limit` ids wait (or the queue is closed). */
    async below(limit) {
        while (this.size > limit && !this.closed)
            await this.changed();
    }
    notify() {
        const wake = this.wake;
        this.wake = [];
        for (const resolve of wake)
            resolve();
    }
}
/** The smallest batch the last ids of a walk are spread into (smaller ones would be mostly base time). */
const TAIL_BATCH = 10;
/**
 * Shares of what is left per place at the end of a load. A read's time has a long tail (API-FACTS.md
 * "Time": p90 1.6 times the median, a whole read slower as much): with one share a place, one
 * read of 50 to 75 ids started ~15 s before the end and twice its median time held the load
 * ~1.5 s after the others. Two make the reads of the last ~20 s smaller; they cost requests only.
 */
const TAIL_SHARES = 2;
/**
 * Runs `runBatch` over batches drawn from `queue` until the queue is closed and empty, with up to
 * `concurrency()` batches in flight. A batch is started when a full one is available, or when the
 * walk has finished, or when nothing is in flight (so fetching starts while the walk still runs).
 * Once the walk has finished, ids fewer than a full batch for every place are spread over all the
 * places, busy ones included (at least `TAIL_BATCH` each), so the last reads end together.
 * `runBatch` must not throw: it reports its own failures.
 */
async function pumpBatches(queue, runBatch, options) {
    const inFlight = new Set();
    for (;;) {
        const size = Math.max(1, Math.min(100, Math.floor(options.batchSize())));
        const limit = Math.max(1, Math.floor(options.concurrency()));
        // The walk is over: what is left is spread over every place, busy ones too, in TAIL_SHARES
        // shares each. A read's time grows with its ids, and the places start the rest of the ids in
        // about the time they take to read one share each (Little's law), so a read started now ends
        // about when the last one does, even one TAIL_SHARES times slower than its median. Spread over
        // the free places only, a place that frees while the others are busy took a full batch: the
        // budget admitted the last full reads seconds before the end, and the load waited a full read
        // (~7 s on 30 columns) after the budget's last charge.
        const spread = Math.min(size, Math.max(TAIL_BATCH, Math.ceil(queue.size / (limit * TAIL_SHARES))));
        while (!options.stopped?.() && inFlight.size < limit && queue.size > 0 && (options.ready?.() ?? true)) {
            if (queue.size < size && !queue.done && inFlight.size > 0)
                break;
            const take = queue.done ? spread : size;
            const task = runBatch(queue.take(take)).finally(() => inFlight.delete(task));
            inFlight.add(task);
        }
        const exhausted = queue.done && (queue.size === 0 || options.stopped?.());
        if (exhausted && inFlight.size === 0)
            return;
        await Promise.race([...inFlight, queue.changed()]);
    }
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/column-types.ts
/** NVARCHAR(450) on SQL Server: a status label is cut there rather than fail the batch. */
const SHORT_TEXT = 450;
/** Each column value's JSON is parsed once per load (rows.ts stores it, the readers look into it). */
const parsedValues = new WeakMap();
/** monday's `value` JSON string parsed; null when empty, the string itself when it is not JSON. */
function column_types_valueOf(column) {
    if (parsedValues.has(column))
        return parsedValues.get(column);
    const raw = column.value;
    let value = null;
    if (raw !== null && raw !== undefined && raw !== '') {
        try {
            value = JSON.parse(raw);
        }
        catch {
            value = raw;
        }
    }
    parsedValues.set(column, value);
    return value;
}
function parsed(column) {
    const value = column_types_valueOf(column);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
}
const column_types_text = (c) => (c.text === null || c.text === undefined || c.text === '' ? null : c.text);
function toDate(raw) {
    if (!raw)
        return null;
    const date = new Date(raw);
    return Number.isNaN(date.getTime()) ? null : date;
}
/** A `YYYY-MM-DD` (with an optional `HH:MM:SS`) in UTC, as monday stores dates [API-FACTS, Writing items]. */
function dayTime(date, time) {
    if (typeof date !== 'string' || date === '')
        return null;
    return toDate(/T/.test(date) ? date : `${date}T${typeof time === 'string' && time ? time : '00:00:00'}Z`);
}
function number(c) {
    const raw = c.text ?? '';
    const n = raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
}
/** A checkbox: `{"checked": "true"}` when ticked; monday clears the value when it is not. */
function checked(c) {
    const v = parsed(c)?.checked;
    return v === true || v === 'true';
}
function idList(values, key) {
    if (!Array.isArray(values))
        return null;
    const ids = values
        .map(v => (v && typeof v === 'object' ? v[key] : v))
        .filter(v => typeof v === 'string' || typeof v === 'number')
        .map(String);
    return ids.length === 0 ? null : ids.join(',');
}
/** A field of the value JSON, else the text (email, phone and link keep their address there). */
const field = (key) => (c) => {
    const v = parsed(c)?.[key];
    return typeof v === 'string' && v !== '' ? v : column_types_text(c);
};
/** mirror and formula: monday answers null `text`; `display_value` holds what the board shows. */
const shown = (c) => (c.display_value ? c.display_value : column_types_text(c));
const TEXT = [{ part: '', type: 'text', read: column_types_text }];
/** The SQL columns of each monday column type; types not listed land as text. */
const PARTS = {
    text: TEXT,
    long_text: TEXT,
    numbers: [{ part: '', type: 'decimal', read: number }],
    status: [{ part: '', type: 'shorttext', read: c => column_types_text(c)?.slice(0, SHORT_TEXT) ?? null }],
    dropdown: TEXT,
    date: [{ part: '', type: 'datetime', read: c => (v => dayTime(v?.date, v?.time) ?? toDate(c.text))(parsed(c)) }],
    checkbox: [{ part: '', type: 'boolean', read: checked }],
    people: [
        { part: '', type: 'text', read: column_types_text },
        { part: 'ids', type: 'text', read: c => idList(parsed(c)?.personsAndTeams, 'id') }
    ],
    board_relation: [
        {
            part: '',
            type: 'text',
            // linked_item_ids since 2025-04 (value is null there); the value's linkedPulseIds before
            read: c => idList(c.linked_item_ids, 'id') ?? idList(parsed(c)?.linkedPulseIds, 'linkedPulseId')
        }
    ],
    timeline: [
        { part: 'from', type: 'datetime', read: c => dayTime(parsed(c)?.from, null) },
        { part: 'to', type: 'datetime', read: c => dayTime(parsed(c)?.to, null) }
    ],
    email: [{ part: '', type: 'text', read: field('email') }],
    phone: [{ part: '', type: 'text', read: field('phone') }],
    link: [{ part: '', type: 'text', read: field('url') }],
    tags: TEXT,
    mirror: [{ part: '', type: 'text', read: shown }],
    formula: [{ part: '', type: 'text', read: shown }]
};
/** Column types with no column of their own: the name is a fixed column, subitems have their table. */
const SKIPPED_TYPES = new Set(['name', 'subtasks']);
/** The SQL columns of a monday column type (text for a type this version does not know). */
function partsOf(mondayType) {
    return PARTS[mondayType] ?? TEXT;
}
/** The parts of a column mapped with an explicit SQL type: one column, read by that type. */
function mappedPart(type) {
    const read = (c) => {
        switch (type) {
            case 'json':
                return c.value ?? null;
            case 'integer':
            case 'bigint': {
                const n = number(c);
                return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
            }
            case 'real':
            case 'decimal':
                return number(c);
            case 'boolean':
                return checked(c);
            case 'datetime':
                return (v => dayTime(v?.date ?? v?.from, v?.time) ?? toDate(c.text))(parsed(c));
            case 'shorttext':
                return column_types_text(c)?.slice(0, SHORT_TEXT) ?? null;
            case 'text':
                return column_types_text(c);
        }
    };
    return { part: '', type, read };
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/rows.ts

/** NVARCHAR(450) on SQL Server: a longer group id is cut rather than fail the batch. */
const rows_SHORT_TEXT = 450;
function rows_toDate(raw) {
    if (!raw)
        return null;
    const date = new Date(raw);
    return Number.isNaN(date.getTime()) ? null : date;
}
function rowOf(item, parentItemId, typed) {
    const columns = item.column_values ?? [];
    const json = {};
    for (const column of columns) {
        json[column.id] = { type: column.type ?? null, text: column.text ?? null, value: column_types_valueOf(column) };
        // board_relation, mirror and formula carry what they show here (their text and value are null)
        if (column.display_value)
            json[column.id].display_value = column.display_value;
    }
    const byId = new Map(columns.map(c => [c.id, c]));
    const typedValues = {};
    for (const column of typed) {
        const value = byId.get(column.mondayColumnId);
        typedValues[column.name] = value ? column.read(value) : null;
    }
    return {
        itemId: item.id,
        groupId: item.group?.id?.slice(0, rows_SHORT_TEXT) ?? null,
        groupTitle: item.group?.title ?? null,
        name: item.name,
        state: item.state ?? null,
        createdAt: rows_toDate(item.created_at),
        updatedAt: rows_toDate(item.updated_at),
        parentItemId,
        columnValues: JSON.stringify(json),
        typed: typedValues
    };
}
/** The rows of one fetched item: the item, then its subitems (when they are loaded). */
function rowsOfItem(item, columns) {
    const rows = [rowOf(item, null, columns.items)];
    if (columns.subitems)
        for (const sub of item.subitems ?? [])
            rows.push(rowOf(sub, item.id, columns.subitems));
    return rows;
}

// EXTERNAL MODULE: ./src/pipelines/load-board/state.ts
var load_board_state = __webpack_require__(11388);
;// CONCATENATED MODULE: ./src/pipelines/load-board/board-load.ts






/** Group cursors walked at once when a board is walked by group. */
const WALK_LANES = 4;
/** One board's load in progress: walk, fetch, stage; `pendingIds` of its state stays live. */
class BoardLoad {
    ctx;
    state;
    columns;
    valueColumns;
    queue = new IdQueue();
    pending;
    seen;
    failures = [];
    missing = 0;
    stopped = false;
    writers;
    /** Batches fetched and not yet written to staging. */
    unwritten = 0;
    /** Walk pages asked and not answered yet (each keeps a place among the requests in flight). */
    walking = 0;
    constructor(ctx, state, 
    /** Top-level ids already in staging when the run started. */
    staged, 
    /** The board's typed columns (and its subitems', when they are loaded). */
    columns, 
    /** The column ids whose values are read; every column when absent. */
    valueColumns) {
        this.ctx = ctx;
        this.state = state;
        this.columns = columns;
        this.valueColumns = valueColumns;
        this.pending = new Set(state.pendingIds.filter(id => !staged.has(id)));
        this.seen = new Set([...staged, ...this.pending]);
        this.state.itemsStaged = staged.size;
        this.fresh = staged.size === 0 && this.pending.size === 0 && state.batchesDone === 0;
        this.writers = (0,p_limit/* default */.A)(ctx.stageWriters);
    }
    /** Nothing of this board was staged before this load: batches need not replace earlier rows. */
    fresh;
    /** The ids harvested and not yet staged, for a checkpoint. */
    pendingIds() {
        return [...this.pending];
    }
    async run() {
        const skipped = this.state.itemsStaged;
        this.queue.push([...this.pending]);
        const walk = this.walk().finally(() => this.queue.close());
        const fetch = pumpBatches(this.queue, ids => this.runBatch(ids), {
            batchSize: this.ctx.batchSize,
            // each walk page asked keeps a place among the requests in flight
            concurrency: () => Math.max(1, this.ctx.concurrency() - this.walking),
            ready: () => this.unwritten < 2 * this.ctx.stageWriters,
            stopped: () => this.stopped
        });
        await Promise.all([walk, fetch]);
        const counts = await this.ctx.store.countStaged(this.state.boardId);
        return {
            boardId: this.state.boardId,
            itemsStaged: counts.items,
            subitemsStaged: counts.subitems,
            itemsSkipped: skipped,
            missing: this.missing,
            failures: this.failures,
            swapped: false
        };
    }
    /**
     * The id walk: the board's cursor; a large board with several groups goes on with one cursor per
     * group, `WALK_LANES` at a time, once its first page has named them (a single cursor yields 500
     * ids per page time, which binds when full reads are slow: docs/load-board.md).
     */
    async walk() {
        const board = this.state;
        if (board.walkDone)
            return;
        if (board.groups === undefined && (await this.walkCursor(board, null)) !== 'by groups') {
            board.walkDone = !this.stopped;
            return;
        }
        const lanes = (0,p_limit/* default */.A)(WALK_LANES);
        await Promise.all((board.groups ?? []).map(g => lanes(async () => {
            if (!g.done)
                g.done = (await this.walkCursor(g, g.groupId)) === 'done';
        })));
        board.walkDone = !this.stopped && (board.groups ?? []).every(g => g.done);
    }
    /**
     * Walks one cursor to its end: the board's (`group` null) or a group's. An expired cursor starts
     * that walk again from its first page; ids already seen are not fetched again, so nothing is lost
     * or doubled. The board's cursor stops after its first page when the walk goes on by group.
     */
    async walkCursor(walk, group) {
        const { reader, clock, pageSize } = this.ctx;
        const board = this.state;
        if (walk.cursor !== null && !(0,load_board_state/* cursorUsable */.xl)(walk, clock.now()))
            this.restartWalk(walk, 'saved cursor is too old');
        while (!this.stopped) {
            await this.queue.below(Math.max(2_000, this.ctx.batchSize() * this.ctx.concurrency() * 4));
            if (this.stopped)
                break;
            let page;
            this.walking += 1;
            try {
                if (walk.cursor === null)
                    walk.cursorStartedAt = clock.now();
                page =
                    walk.cursor === null && group !== null && reader.groupPage
                        ? await reader.groupPage(board.boardId, group, pageSize)
                        : await reader.walkPage(board.boardId, walk.cursor, pageSize);
            }
            catch (e) {
                if (errorClassOf(e) === 'cursor_expired' && board.rewalks < this.ctx.maxRewalks) {
                    this.restartWalk(walk, (0,errors/* messageOf */.bD)(e));
                    continue;
                }
                this.fail('walk', e, []);
                break;
            }
            finally {
                this.walking -= 1;
            }
            if (page.itemsCount !== undefined && page.itemsCount !== null)
                board.expectedItems = page.itemsCount;
            const fresh = page.ids.filter(id => !this.seen.has(id));
            for (const id of fresh) {
                this.seen.add(id);
                this.pending.add(id);
            }
            board.harvested = this.seen.size;
            walk.cursor = page.cursor;
            this.queue.push(fresh);
            if (page.cursor === null) {
                walk.cursorStartedAt = null;
                return 'done';
            }
            if (group === null && this.byGroups(page.groups)) {
                // every group is walked from its start: the ids of this first page are found again and skipped
                board.groups = page.groups.map(groupId => ({ groupId, cursor: null, cursorStartedAt: null, done: false }));
                board.cursor = null;
                board.cursorStartedAt = null;
                return 'by groups';
            }
        }
        return 'stopped';
    }
    /** Whether the walk goes on by group: several groups that hold a page's worth of ids each on average. */
    byGroups(groups) {
        if (!groups || groups.length < 2 || !this.ctx.reader.groupPage)
            return false;
        return (this.state.expectedItems ?? 0) >= groups.length * this.ctx.pageSize;
    }
    /** An expired cursor: walk it again from its first page; ids already seen are not fetched again. */
    restartWalk(walk, reason) {
        this.state.rewalks += 1;
        walk.cursor = null;
        walk.cursorStartedAt = null;
        this.ctx.log('warning', `board ${this.state.boardId}: cursor expired (${reason}); walking again, staged items kept`);
    }
    async runBatch(ids) {
        const { reader, store } = this.ctx;
        const boardId = this.state.boardId;
        let operation = 'fetch_items';
        let fetched = false;
        try {
            const items = await reader.fetchItems(ids, {
                subitems: this.columns.subitems !== null,
                ...(this.valueColumns ? { columns: this.valueColumns } : {})
            });
            operation = 'stage';
            fetched = true;
            this.unwritten += 1;
            const wanted = new Set(ids);
            // an id returned twice is staged once (the staging tables are keyed by item id)
            const found = items.filter(item => wanted.delete(item.id));
            const rows = found.flatMap(item => rowsOfItem(item, this.columns));
            await this.writers(() => store.stageBatch(boardId, ids, rows, { fresh: this.fresh }));
            for (const id of ids)
                this.pending.delete(id);
            this.missing += ids.length - found.length;
            this.state.batchesDone += 1;
            this.state.itemsStaged += found.length;
        }
        catch (e) {
            this.fail(operation, e, ids);
            return;
        }
        finally {
            if (fetched)
                this.unwritten -= 1;
        }
        await this.ctx.progress();
    }
    fail(operation, e, ids) {
        const attempts = e?.attempts;
        this.failures.push({
            boardId: this.state.boardId,
            operation,
            errorClass: errorClassOf(e),
            message: (0,errors/* messageOf */.bD)(e),
            rowKeys: ids,
            attempts: typeof attempts === 'number' ? attempts : 1
        });
        this.ctx.log('warning', `board ${this.state.boardId}: ${operation} failed: ${(0,errors/* messageOf */.bD)(e)}`);
        // A load with a hole must not replace the target; stop starting work, keep what is staged.
        this.stopped = true;
        this.queue.close();
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/graphql/generated.ts
var generated = __webpack_require__(35120);
// EXTERNAL MODULE: ./src/graphql/operation.ts
var operation = __webpack_require__(88232);
;// CONCATENATED MODULE: ./src/pipelines/load-board/reader.ts


const SHOWN_TYPES = new Set(['board_relation', 'mirror', 'formula']);
/** The ids of the columns `column_values` returns (every one but the item's name), plain and shown apart. */
function valueColumnsOf(columns) {
    const ids = (list) => {
        const values = list.filter(c => c.type !== 'name');
        return {
            plain: values.filter(c => !SHOWN_TYPES.has(c.type)).map(c => c.id),
            shown: values.filter(c => SHOWN_TYPES.has(c.type)).map(c => c.id)
        };
    };
    return { items: ids(columns.columns), subitems: ids(columns.subitemColumns) };
}
/** One list of column values per item, in the order the board has them (`order`: ids; else as read). */
function joinValues(item, order, subitemOrder) {
    const { shown_values: shown, subitems, ...rest } = item;
    const byId = new Map((item.column_values ?? []).map(v => [v.id, v]));
    for (const v of shown ?? [])
        byId.set(v.id, v);
    let values = [...byId.values()];
    if (order) {
        const rank = new Map([...order.plain, ...order.shown].map((id, i) => [id, i]));
        values = values.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    }
    return {
        ...rest,
        column_values: values,
        ...(subitems === undefined ? {} : { subitems: subitems?.map(s => joinValues(s, subitemOrder)) ?? null })
    };
}
/** The subitems board named by the `subtasks` column's settings (`{"boardIds":[…]}`). */
function subitemsBoardOf(columns) {
    for (const column of columns) {
        if (column.type !== 'subtasks' || !column.settings_str)
            continue;
        try {
            const ids = JSON.parse(column.settings_str).boardIds;
            if (Array.isArray(ids) && ids.length > 0)
                return String(ids[0]);
        }
        catch {
            continue;
        }
    }
    return null;
}
/** The full-item query of graphql/load-board/items.graphql, with subitems or without. */
function itemsOperation(subitems) {
    return subitems ? generated/* LoadBoardItemsWithSubitemsDocument */.Um : generated/* LoadBoardItemsDocument */.Iv;
}
/** The texts of graphql/load-board/ (the tests and the bench read them). */
const FIRST_PAGE = String(generated/* LoadBoardFirstPageDocument */.f9);
const GROUP_FIRST_PAGE = String(generated/* LoadBoardGroupFirstPageDocument */.gG);
const NEXT_PAGE = String(generated/* LoadBoardNextPageDocument */.Wo);
const ITEMS_COUNTS = String(generated/* LoadBoardCountsDocument */.A6);
const BOARD_COLUMNS = String(generated/* LoadBoardColumnsDocument */.jo);
const itemsQuery = (subitems) => String(itemsOperation(subitems));
/** The default BoardReader: the documents above through a `MondayRequest`. */
class GraphqlBoardReader {
    request;
    constructor(request) {
        this.request = request;
    }
    async walkPage(boardId, cursor, limit, signal) {
        if (cursor === null) {
            const data = await (0,operation/* requestOperation */.dt)(this.request, generated/* LoadBoardFirstPageDocument */.f9, { board: [boardId], limit }, { kind: 'items_page', items: limit, signal });
            const board = data.boards?.[0];
            if (!board)
                throw new BoardNotFoundError(boardId);
            return {
                ids: board.items_page.items.map(i => i.id),
                cursor: board.items_page.cursor,
                itemsCount: board.items_count ?? null,
                groups: (0,operation/* present */.Eb)(board.groups).map(g => g.id)
            };
        }
        const data = await (0,operation/* requestOperation */.dt)(this.request, generated/* LoadBoardNextPageDocument */.Wo, { cursor, limit }, { kind: 'next_items_page', items: limit, signal });
        return { ids: data.next_items_page.items.map(i => i.id), cursor: data.next_items_page.cursor };
    }
    async groupPage(boardId, groupId, limit, signal) {
        const data = await (0,operation/* requestOperation */.dt)(this.request, generated/* LoadBoardGroupFirstPageDocument */.gG, { board: [boardId], group: [groupId], limit }, { kind: 'items_page', items: limit, signal });
        const board = data.boards?.[0];
        if (!board)
            throw new BoardNotFoundError(boardId);
        // a group deleted since the board's first page has no items left to walk
        const page = (0,operation/* present */.Eb)(board.groups).find(g => g.id === groupId)?.items_page;
        return { ids: page?.items.map(i => i.id) ?? [], cursor: page?.cursor ?? null };
    }
    async itemsCounts(boardIds) {
        const data = await (0,operation/* requestOperation */.dt)(this.request, generated/* LoadBoardCountsDocument */.A6, { boards: [...boardIds], limit: boardIds.length }, { kind: 'boards', items: boardIds.length });
        return new Map((data.boards ?? []).flatMap(b => (b ? [[String(b.id), b.items_count ?? null]] : [])));
    }
    async boardColumns(boardId, signal) {
        const read = async (id) => {
            const data = await (0,operation/* requestOperation */.dt)(this.request, generated/* LoadBoardColumnsDocument */.jo, { board: [id] }, { kind: 'boards', items: 1, signal });
            const board = data.boards?.[0];
            if (!board)
                throw new BoardNotFoundError(id);
            return { name: board.name, columns: (board.columns ?? []).flatMap(c => (c ? [c] : [])) };
        };
        const board = await read(boardId);
        const subitemsBoardId = subitemsBoardOf(board.columns);
        const plain = (list) => list.map(c => ({ id: c.id, title: c.title, type: c.type }));
        return {
            name: board.name,
            columns: plain(board.columns),
            subitemsBoardId,
            subitemColumns: subitemsBoardId === null ? [] : plain((await read(subitemsBoardId)).columns)
        };
    }
    async fetchItems(ids, options) {
        const columns = options.columns;
        // without named columns both lists return every column (the shown fields win)
        const named = (list) => (list ? [...list] : null);
        const data = await (0,operation/* requestOperation */.dt)(this.request, itemsOperation(options.subitems), {
            ids: [...ids],
            limit: ids.length,
            columns: named(columns?.items.plain),
            shown: named(columns?.items.shown),
            ...(options.subitems
                ? { subitemColumns: named(columns?.subitems.plain), subitemShown: named(columns?.subitems.shown) }
                : {})
        }, { kind: 'items', items: ids.length, signal: options.signal });
        return (data.items ?? []).flatMap(item => item === null ? [] : [joinValues(item, columns?.items, columns?.subitems)]);
    }
}
/** `boards(ids:)` returned no board: a wrong id or no access. */
class BoardNotFoundError extends Error {
    boardId;
    name = 'BoardNotFoundError';
    constructor(boardId) {
        super(`Board ${boardId} was not found (or the token cannot read it)`);
        this.boardId = boardId;
    }
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/column-names.ts
/**
 * SQL column names made from monday column titles: plain identifiers (`[a-z_][a-z0-9_]*`, the
 * only names the Database seam quotes), so an analyst rarely has to quote them. Accents are
 * dropped (`Größe` → `grosse`), other characters become `_`, a title with nothing
 * left (`日付`) falls back to the monday column id, and a name is cut to fit SQL Server's
 * 128-character limit with a suffix (`_ids`, `_2`) still to come. Names are compared without
 * case, as SQL Server (default collations) and SQLite compare them. The monday title of every
 * column stays in `monday_sync_columns`.
 */
/** Longest base name: 128 less room for `_from` and a `_999` duplicate counter. */
const MAX_BASE_LENGTH = 112;
/** Latin letters that do not decompose into a base letter and an accent. */
const LETTERS = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
function plain(text) {
    return text
        .normalize('NFKD')
        .toLowerCase()
        .replace(/\p{M}+/gu, '')
        .replace(/[ßæœøłđðþı]/g, c => LETTERS[c] ?? c)
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
}
/** A safe identifier from a monday title, e.g. `Due date` → `due_date`, `Größe (cm)` → `grosse_cm`. */
function nameFromTitle(title, fallback) {
    const name = (plain(title) || plain(fallback) || 'column').slice(0, MAX_BASE_LENGTH).replace(/_+$/, '');
    return /^[0-9]/.test(name) ? `c_${name}` : name;
}
/** Hands out names that are unique without regard to case. */
class NameAllocator {
    taken = new Set();
    constructor(reserved = []) {
        for (const name of reserved)
            this.taken.add(name.toLowerCase());
    }
    has(name) {
        return this.taken.has(name.toLowerCase());
    }
    reserve(name) {
        this.taken.add(name.toLowerCase());
    }
    /** `base` (with `_suffix`) if free, else `base_2`, `base_3`, …; the name is then taken. */
    allocate(base, suffix = '') {
        const tail = suffix ? `_${suffix}` : '';
        let name = `${base}${tail}`;
        for (let n = 2; this.has(name); n += 1)
            name = `${base}_${n}${tail}`;
        this.reserve(name);
        return name;
    }
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/table-plan.ts



const key = (columnId, part) => `${columnId}\u0000${part}`;
const table_plan_shown = (c) => `"${c.title}" (${c.mondayColumnId})`;
/**
 * Plans a typed table: one SQL column per monday column (two for people and timeline), named by
 * the mapping, else as in earlier loads, else from the title; compared with what earlier loads
 * recorded, to add new columns, keep removed ones and refuse a changed type.
 */
function planTable(options) {
    const { recorded, mappings } = options;
    const byKey = new Map(recorded.map(r => [key(r.mondayColumnId, r.part), r]));
    const byName = new Map(recorded.map(r => [r.name.toLowerCase(), r]));
    const mapped = new Map(mappings.map(m => [m.columnId, m]));
    const names = new NameAllocator([
        ...FIXED_NAMES,
        ...recorded.map(r => r.name),
        ...mappings.flatMap(m => {
            const name = m.name;
            return name ? ['', 'ids', 'from', 'to'].map(p => (p ? `${name}_${p}` : name)) : [];
        })
    ]);
    const conflicts = [];
    const foreign = recorded.find(r => r.boardId !== options.boardId);
    if (foreign) {
        conflicts.push(`table ${options.table} holds board ${foreign.boardId}; give board ${options.boardId} its own table`);
    }
    const columns = [];
    for (const column of options.columns) {
        if (SKIPPED_TYPES.has(column.type))
            continue;
        const mapping = mapped.get(column.id);
        const parts = mapping?.type ? [mappedPart(mapping.type)] : partsOf(column.type);
        const base = mapping?.name ?? nameFromTitle(column.title, column.id);
        for (const part of parts) {
            const wanted = mapping?.name ? (part.part ? `${mapping.name}_${part.part}` : mapping.name) : undefined;
            const earlier = byKey.get(key(column.id, part.part));
            let name;
            if (wanted)
                name = wanted;
            else if (earlier)
                name = earlier.name;
            else
                name = names.allocate(base, part.part);
            const planned = {
                name,
                type: part.type,
                mondayColumnId: column.id,
                part: part.part,
                mondayType: column.type,
                title: column.title,
                read: part.read
            };
            const before = byName.get(name.toLowerCase());
            const conflict = before && typeConflict(before, planned);
            if (conflict)
                conflicts.push(conflict);
            columns.push(planned);
        }
    }
    const dupes = duplicates(columns.map(c => c.name));
    for (const name of dupes)
        conflicts.push(`two columns are mapped to the SQL name ${name}; map one of them to another name`);
    const filled = new Set(columns.map(c => c.name.toLowerCase()));
    const isNew = (c) => !byName.has(c.name.toLowerCase());
    return {
        layout: {
            table: options.table,
            stagingTable: options.stagingTable,
            subitems: options.subitems,
            firstLoad: recorded.length === 0,
            columns,
            added: columns.filter(isNew),
            removed: recorded.filter(r => !filled.has(r.name.toLowerCase()))
        },
        conflicts
    };
}
/** A column whose SQL column was made for another monday or SQL type: the message names both. */
function typeConflict(before, now) {
    const fix = `map the column to a new name in the registry, or drop the SQL column ${before.name}, to load it again`;
    if (before.mondayColumnId === now.mondayColumnId) {
        if (before.mondayType === now.mondayType && before.type === now.type)
            return null;
        return (`column ${table_plan_shown(now)} changed type on monday from ${before.mondayType} to ${now.mondayType} ` +
            `(its SQL column ${before.name} is ${before.type}, the new type needs ${now.type}); ${fix}`);
    }
    if (before.type === now.type)
        return null;
    return (`SQL column ${before.name} holds column ${table_plan_shown(before)} of type ${before.mondayType} (${before.type}), ` +
        `but column ${table_plan_shown(now)} of type ${now.mondayType} needs ${now.type}; ${fix}`);
}
function duplicates(names) {
    const seen = new Set();
    const twice = new Set();
    for (const name of names) {
        const lower = name.toLowerCase();
        if (seen.has(lower))
            twice.add(name);
        seen.add(lower);
    }
    return [...twice];
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/board-target.ts




/** The defaults of a board named only by its id (the action's `board-id`, `--board` without a registry). */
function defaultTarget(boardId, includeSubitems = false) {
    const table = `monday_board_${boardId}`;
    return { boardId, table, subitemsTable: `${table}_subitems`, includeSubitems, columns: [], subitemColumns: [] };
}
/** The staging table beside a target table. */
function stagingTableOf(table) {
    return `${table}_staging`;
}
/** Plans a board's typed tables from its monday columns and what earlier loads recorded. */
async function planBoard(target, columns, store) {
    const plan = async (table, subitems, list, mappings) => planTable({
        boardId: target.boardId,
        table,
        stagingTable: subitems ? stagingTableOf(table) : (target.stagingTable ?? stagingTableOf(table)),
        subitems,
        columns: list,
        mappings,
        recorded: await store.recordedColumns(table)
    });
    const items = await plan(target.table, false, columns.columns, target.columns);
    const withSubitems = target.includeSubitems && columns.subitemsBoardId !== null;
    const subitems = withSubitems
        ? await plan(target.subitemsTable, true, columns.subitemColumns, target.subitemColumns)
        : null;
    const layout = { boardId: target.boardId, items: items.layout, subitems: subitems?.layout ?? null };
    return {
        layout,
        columns: {
            items: items.layout.columns,
            subitems: subitems ? subitems.layout.columns : null
        },
        valueColumns: valueColumnsOf(columns),
        conflicts: [...items.conflicts, ...(subitems?.conflicts ?? [])],
        fingerprint: fingerprintOf(layout)
    };
}
function fingerprintOf(layout) {
    const tables = [layout.items, layout.subitems].flatMap(t => t ? [[t.table, t.stagingTable, ...t.columns.map(c => `${c.name}:${c.type}`)].join(',')] : []);
    return (0,external_node_crypto_.createHash)('sha256').update(tables.join('|')).digest('hex').slice(0, 16);
}
function columnChanges(layout) {
    const tables = layout.subitems ? [layout.items, layout.subitems] : [layout.items];
    const describe = (table, c) => `${table}.${c.name} ("${c.title}", ${c.mondayColumnId}, ${c.mondayType})`;
    return {
        added: tables.flatMap(t => (t.firstLoad ? [] : t.added.map(c => `${t.table}.${c.name}`))),
        removed: tables.flatMap(t => t.removed.filter(c => c.active).map(c => describe(t.table, c)))
    };
}
function registered(board) {
    return {
        boardId: board.boardId,
        name: board.name,
        description: board.description,
        table: board.table,
        subitemsTable: board.subitemsTable,
        includeSubitems: board.includeSubitems,
        columns: board.columns,
        subitemColumns: board.subitemColumns
    };
}
/**
 * The boards of a run: `--board` ids (each one of the registry when the file has one), else every
 * registered board. A board without a registry gets the defaults, or `[load_board]`'s table and
 * columns when it is the only one.
 */
function boardTargets(args, file) {
    const registry = file.boards;
    if (args.boards.length === 0) {
        if (registry.length > 0)
            return registry.map(registered);
        const hint = args.config ? `${args.config} registers no board ([[boards]])` : 'or a --config FILE with [[boards]]';
        throw new errors/* ConfigError */.xL(`load-board: give at least one --board ID (${hint})`, '--board');
    }
    const ids = [...new Set(args.boards)];
    if (registry.length > 0) {
        return ids.map(id => {
            const board = registry.find(b => b.boardId === id);
            if (!board) {
                throw new errors/* ConfigError */.xL(`--board: board ${id} is not in the registry of ${args.config ?? 'the configuration'} ` +
                    `(registered: ${registry.map(b => `${b.boardId} ${b.name}`).join(', ')})`, '--board');
            }
            return registered(board);
        });
    }
    const single = file.targetTable !== undefined || file.stagingTable !== undefined || (file.columns?.length ?? 0) > 0;
    if (single && ids.length > 1) {
        throw new errors/* ConfigError */.xL(`load_board: target_table, staging_table and columns describe one board, but ${ids.length} are loaded; ` +
            `register each board in [[boards]] instead`, 'load_board');
    }
    return ids.map(id => {
        const target = defaultTarget(id, file.includeSubitems ?? false);
        if (!single)
            return target;
        const table = file.targetTable ?? target.table;
        return {
            ...target,
            table,
            subitemsTable: `${table}_subitems`,
            ...(file.stagingTable ? { stagingTable: file.stagingTable } : {}),
            columns: file.columns ?? []
        };
    });
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/board-prepare.ts




/**
 * Reads the board's columns, plans its typed tables and sets up their staging. A type change (or
 * any other conflict) fails this board before anything is fetched; other boards go on.
 */
async function prepareBoard(ctx, target, state, resumed) {
    let plan;
    try {
        plan = await planBoard(target, await ctx.reader.boardColumns(target.boardId), ctx.store);
    }
    catch (e) {
        return { failure: failedBoard(ctx, state, 'columns', errorClassOf(e), (0,errors/* messageOf */.bD)(e)) };
    }
    if (plan.conflicts.length > 0) {
        return { failure: failedBoard(ctx, state, 'schema', 'validation', plan.conflicts.join('; ')) };
    }
    const restarted = resumed && state.layout !== plan.fingerprint;
    if (restarted) {
        ctx.log('warning', `board ${state.boardId}: its columns changed since the checkpoint; loading it again from the start`);
        state = { ...(0,load_board_state/* initialBoardState */.gK)(state.boardId) };
    }
    // the swap renamed the staging tables (a first load on SQLite) and the run ended before its
    // checkpoint said so: the load is in the target, and staging made anew would be empty
    if (resumed && !restarted && !state.swapped && state.walkDone && (await ctx.store.swappedByRename?.(plan.layout)))
        state.swapped = true;
    const fresh = !state.swapped && !(resumed && !restarted);
    state.layout = plan.fingerprint;
    await ctx.store.useLayout(plan.layout, { fresh });
    return { plan, state, resumed: !fresh, restarted };
}
function failedBoard(ctx, state, operation, errorClass, message) {
    ctx.log('warning', `board ${state.boardId}: not loaded: ${message}`);
    return {
        boardId: state.boardId,
        itemsStaged: 0,
        subitemsStaged: 0,
        itemsSkipped: 0,
        missing: 0,
        failures: [{ boardId: state.boardId, operation, errorClass, message, rowKeys: [], attempts: 1 }],
        swapped: false
    };
}
/** The report's line of a board that failed before loading: its target tables are as they were. */
function unloaded(target, state, outcome) {
    return {
        boardId: state.boardId,
        expectedItems: state.expectedItems,
        walked: 0,
        loaded: 0,
        subitems: 0,
        missing: 0,
        batches: 0,
        rewalks: 0,
        swapped: false,
        verified: false,
        mismatches: outcome.failures.map(f => `${f.message}; target tables left as they were`),
        ...describe(target, null)
    };
}
function describe(target, plan) {
    const changes = plan ? columnChanges(plan.layout) : { added: [], removed: [] };
    return {
        ...(target.name ? { name: target.name } : {}),
        table: target.table,
        ...(plan?.layout.subitems ? { subitemsTable: target.subitemsTable } : {}),
        columnsAdded: changes.added,
        columnsRemoved: changes.removed
    };
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/checkpointer.ts

/** Writes load-board checkpoints through `hooks.onCheckpoint`, one at a time, in order. */
class Checkpointer {
    options;
    count = 0;
    sequence;
    sinceLast = 0;
    lastAt;
    chain = Promise.resolve();
    constructor(options) {
        this.options = options;
        this.sequence = options.sequenceFrom;
        this.lastAt = options.clock.now();
    }
    /** Called after each batch; writes when enough batches or time went by. */
    async maybe() {
        this.sinceLast += 1;
        const due = this.sinceLast >= this.options.everyBatches || this.options.clock.now() - this.lastAt >= this.options.intervalMs;
        if (due)
            await this.write(false);
    }
    /** Writes a checkpoint now (the state is captured when this is called). */
    write(final) {
        const hook = this.options.hooks?.onCheckpoint;
        this.sinceLast = 0;
        this.lastAt = this.options.clock.now();
        if (!hook)
            return Promise.resolve();
        this.sequence += 1;
        this.count += 1;
        const checkpoint = {
            pipeline: 'load-board',
            sequence: this.sequence,
            at: new Date(this.options.clock.now()).toISOString(),
            final,
            state: (0,load_board_state/* snapshot */.gv)(this.options.state())
        };
        this.chain = this.chain.then(() => hook.call(this.options.hooks, checkpoint));
        return this.chain;
    }
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/metrics.ts
function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
/**
 * A BoardReader that measures the requests it makes: the report's metrics when the engine
 * supplies none of its own. Latencies in milliseconds.
 */
class MeteredReader {
    inner;
    clock;
    kinds = new Map();
    started;
    throughput = [];
    constructor(inner, clock) {
        this.inner = inner;
        this.clock = clock;
        this.started = clock.now();
        const groupPage = inner.groupPage?.bind(inner);
        if (groupPage)
            this.groupPage = (boardId, groupId, limit, signal) => this.measure('items_page', page => page.ids.length, () => groupPage(boardId, groupId, limit, signal));
    }
    async measure(kind, items, call) {
        const record = this.kinds.get(kind) ?? { requests: 0, items: 0, errors: 0, latencies: [] };
        this.kinds.set(kind, record);
        const start = this.clock.now();
        record.requests += 1;
        try {
            const result = await call();
            record.items += items(result);
            if (record.latencies.length < 100_000)
                record.latencies.push(this.clock.now() - start);
            return result;
        }
        catch (e) {
            record.errors += 1;
            throw e;
        }
    }
    walkPage(boardId, cursor, limit, signal) {
        const kind = cursor === null ? 'items_page' : 'next_items_page';
        return this.measure(kind, page => page.ids.length, () => this.inner.walkPage(boardId, cursor, limit, signal));
    }
    /** Present when the inner reader can walk a group. */
    groupPage;
    boardColumns(boardId, signal) {
        return this.measure('boards', () => 1, () => this.inner.boardColumns(boardId, signal));
    }
    async fetchItems(ids, options) {
        const items = await this.measure('items', r => r.length, () => this.inner.fetchItems(ids, options));
        this.throughput.push({ atMs: this.clock.now() - this.started, items: items.length });
        return items;
    }
    itemsCounts(boardIds) {
        if (!this.inner.itemsCounts)
            return Promise.resolve(new Map());
        return this.measure('boards', m => m.size, () => this.inner.itemsCounts(boardIds));
    }
    snapshot() {
        const byKind = {};
        let requests = 0;
        for (const [kind, r] of this.kinds) {
            const sorted = [...r.latencies].sort((a, b) => a - b);
            byKind[kind] = {
                requests: r.requests,
                items: r.items,
                points: 0,
                errors: r.errors,
                p50Ms: percentile(sorted, 50),
                p95Ms: percentile(sorted, 95),
                p99Ms: percentile(sorted, 99)
            };
            requests += r.requests;
        }
        return {
            requests,
            items: byKind.items?.items ?? 0,
            complexityUsed: 0,
            budgetPerMinute: 0,
            byKind,
            retries: {},
            throttledMs: {},
            batchSizes: [],
            throughput: this.throughput.slice(-1000)
        };
    }
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/verify.ts
/**
 * Swaps a complete board into the target and counts what landed. A board with failed batches
 * is not swapped (the target keeps its previous load); a count mismatch is reported, not hidden.
 */
async function verifyBoard(store, state, outcome, log) {
    const mismatches = [];
    if (outcome.failures.length > 0) {
        mismatches.push(`${outcome.failures.length} request(s) failed; target left as it was; re-run to resume`);
    }
    else if (!state.swapped) {
        await store.swap(state.boardId);
        state.swapped = true;
        outcome.swapped = true;
    }
    const counts = state.swapped ? await store.countTarget(state.boardId) : await store.countStaged(state.boardId);
    const walked = state.harvested;
    if (counts.items !== walked - outcome.missing) {
        mismatches.push(`loaded ${counts.items} items but the walk found ${walked} (${outcome.missing} gone since)`);
    }
    if (state.expectedItems !== null && counts.items !== state.expectedItems) {
        mismatches.push(`loaded ${counts.items} items but monday's items_count is ${state.expectedItems}`);
    }
    for (const m of mismatches)
        log('warning', `board ${state.boardId}: ${m}`);
    return {
        boardId: state.boardId,
        expectedItems: state.expectedItems,
        walked,
        loaded: counts.items,
        subitems: counts.subitems,
        missing: outcome.missing,
        batches: state.batchesDone,
        rewalks: state.rewalks,
        swapped: state.swapped,
        verified: mismatches.length === 0,
        mismatches
    };
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/run.ts









function resumeState(resume) {
    if (resume === undefined || resume === null)
        return [];
    const state = resume.pipeline
        ? resume.state
        : resume;
    return (0,load_board_state/* parseLoadBoardState */.FO)(state).boards;
}
function taskGraph(states, clock) {
    return {
        pipeline: 'load-board',
        createdAt: new Date(clock.now()).toISOString(),
        boardIds: states.map(s => s.boardId),
        nodes: states.flatMap(s => {
            const items = s.expectedItems ?? 0;
            return [
                { id: `walk:${s.boardId}`, kind: 'walk', items, dependsOn: [] },
                { id: `fetch:${s.boardId}`, kind: 'fetch_items', items, dependsOn: [`walk:${s.boardId}`] },
                { id: `swap:${s.boardId}`, kind: 'swap', items, dependsOn: [`fetch:${s.boardId}`] }
            ];
        })
    };
}
/**
 * Loads whole boards into the staging table, then replaces each board's target rows in one
 * transaction. Boards run one after the other through the same reader (one engine, one budget);
 * within a board the id walk and the batch fetches overlap.
 */
async function runLoadBoard(deps, options) {
    const clock = deps.clock ?? engine_clock/* systemClock */.m;
    const started = clock.now();
    const store = deps.store ?? new SqlStagingStore(requireDb(deps.db));
    const targets = new Map((options.targets ?? []).map(t => [t.boardId, t]));
    const targetOf = (id) => targets.get(id) ?? defaultTarget(id, options.includeSubitems ?? false);
    const metered = new MeteredReader(deps.reader, clock);
    const log = deps.hooks?.onLog?.bind(deps.hooks) ?? (() => undefined);
    const resumed = new Map(resumeState(options.resume).map(s => [s.boardId, s]));
    const states = [...new Set(options.boardIds)].map(id => resumed.get(id) ?? (0,load_board_state/* initialBoardState */.gK)(id));
    const loads = new Map();
    const checkpointer = new Checkpointer({
        clock,
        hooks: deps.hooks,
        everyBatches: options.checkpointEveryBatches ?? 20,
        intervalMs: options.checkpointIntervalMs ?? 10_000,
        sequenceFrom: options.resume?.sequence ?? 0,
        state: () => states.map(s => ({ ...s, pendingIds: loads.get(s.boardId)?.pendingIds() ?? s.pendingIds }))
    });
    const fixedBatch = Math.min(100, Math.max(1, options.batchSize ?? 100));
    const fixedConcurrency = Math.max(1, options.concurrency ?? 8);
    const ctx = {
        reader: metered,
        store,
        clock,
        pageSize: Math.min(500, Math.max(1, options.pageSize ?? 500)),
        batchSize: () => Math.min(fixedBatch, deps.tuning?.batchSize() ?? fixedBatch),
        concurrency: () => deps.tuning?.concurrency() ?? fixedConcurrency,
        stageWriters: Math.max(1, options.stageWriters ?? 2),
        maxRewalks: options.maxRewalks ?? 3,
        log,
        progress: async () => {
            const done = states.reduce((n, s) => n + s.itemsStaged, 0);
            const total = states.reduce((n, s) => n + Math.max(s.expectedItems ?? 0, s.harvested), 0);
            const rate = done / Math.max(0.001, (clock.now() - started) / 1000);
            deps.hooks?.onProgress?.({
                done,
                total,
                failed: 0,
                itemsPerSecond: rate,
                etaMs: rate > 0 ? ((total - done) / rate) * 1000 : null
            });
            await checkpointer.maybe();
        }
    };
    await store.prepare();
    const legacy = await legacyNotes(store, states, targetOf, log);
    await countItems(metered, states, log);
    await deps.hooks?.onTaskGraph?.(taskGraph(states, clock));
    const outcomes = [];
    const details = [];
    for (const [i, state] of states.entries()) {
        const target = targetOf(state.boardId);
        const prepared = await prepareBoard(ctx, target, state, resumed.has(state.boardId));
        if ('failure' in prepared) {
            outcomes.push(prepared.failure);
            details.push(unloaded(target, state, prepared.failure));
            continue;
        }
        // a layout change since the checkpoint restarts the board: its staged rows have other columns
        if (prepared.restarted)
            states[i] = prepared.state;
        const outcome = await loadBoard(ctx, prepared, loads);
        await checkpointer.write(false);
        const verification = await verifyBoard(store, prepared.state, outcome, log);
        details.push({ ...verification, ...describe(target, prepared.plan), ...legacy.get(state.boardId) });
        await checkpointer.write(false);
        outcomes.push(outcome);
    }
    await checkpointer.write(true);
    const finished = clock.now();
    return {
        pipeline: 'load-board',
        dryRun: false,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        itemsDone: outcomes.reduce((n, o) => n + o.itemsStaged - o.itemsSkipped, 0),
        itemsFailed: outcomes.reduce((n, o) => n + o.failures.reduce((m, f) => m + f.rowKeys.length, 0), 0),
        itemsSkipped: outcomes.reduce((n, o) => n + o.itemsSkipped, 0),
        failures: outcomes.flatMap(o => o.failures),
        checkpoints: checkpointer.count,
        metrics: mergeMetrics(metered.snapshot(), deps.metrics?.()),
        details: { boards: details, verified: details.every(d => d.verified === true) }
    };
}
async function loadBoard(ctx, prepared, loads) {
    const { state, plan, resumed } = prepared;
    if (state.swapped) {
        const counts = await ctx.store.countTarget(state.boardId);
        return {
            boardId: state.boardId,
            itemsStaged: counts.items,
            subitemsStaged: counts.subitems,
            itemsSkipped: counts.items,
            missing: 0,
            failures: [],
            swapped: true
        };
    }
    const staged = resumed ? await ctx.store.stagedItemIds(state.boardId) : new Set();
    const load = new BoardLoad(ctx, state, staged, plan.columns, plan.valueColumns);
    loads.set(state.boardId, load);
    return await load.run();
}
/**
 * Boards whose rows the generic table of earlier versions (`monday_items`) still holds: those rows
 * are no longer updated, and nothing deletes them. Said once per board in the log and the report.
 */
async function legacyNotes(store, states, targetOf, log) {
    const found = await store.legacyRows?.(states.map(s => s.boardId));
    const notes = new Map();
    for (const [boardId, rows] of found?.rows ?? []) {
        const table = found.table;
        log('warning', `board ${boardId}: ${table} (the generic table of earlier versions) still holds ${rows} of its rows; ` +
            `they are no longer updated: this load writes ${targetOf(boardId).table} ` +
            `(docs/load-board.md, "Moving from monday_items")`);
        notes.set(boardId, { legacy: { table, rows } });
    }
    return notes;
}
/** Fills `expectedItems` for the task graph; the walk's first page refreshes it. */
async function countItems(reader, states, log) {
    const unknown = states.filter(s => s.expectedItems === null && !s.swapped).map(s => s.boardId);
    if (unknown.length === 0)
        return;
    try {
        const counts = await reader.itemsCounts(unknown);
        for (const state of states)
            state.expectedItems = counts.get(state.boardId) ?? state.expectedItems;
    }
    catch (e) {
        log('warning', `items_count not available for the task graph: ${e instanceof Error ? e.message : String(e)}`);
    }
}
/** The pipeline's own measures with the engine's figures (when there is an engine) over them. */
function mergeMetrics(own, engine) {
    if (!engine)
        return own;
    // every engine figure (requests, complexity, budget and its minute, retries, throttling), with
    // the items staged and their throughput as the pipeline counted them
    return {
        ...engine,
        items: own.items,
        throughput: own.throughput,
        batchSizes: [...engine.batchSizes, ...own.batchSizes]
    };
}
function requireDb(db) {
    if (!db)
        throw new TypeError('runLoadBoard: deps.db or deps.store is required');
    return db;
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/index.ts




// EXTERNAL MODULE: ./src/pipelines/load-board/run-dir.ts
var run_dir = __webpack_require__(39638);
;// CONCATENATED MODULE: ./src/pipelines/load-board/tuning.ts
/**
 * What an engine event tells the tuning: a successful request is 'ok'; a retry is the outcome of
 * its error class (a failed attempt is always followed by its retry event or the request's error,
 * so failed `request` events are not counted twice); other events say nothing.
 */
function outcomeOfEvent(event) {
    if (event.type === 'request')
        return event.ok && event.kind !== 'probe' ? 'ok' : null;
    if (event.type !== 'retry')
        return null;
    const c = event.errorClass;
    if (c === 'rate_limit' || c === 'complexity' || c === 'concurrency' || c === 'timeout')
        return c;
    return 'other';
}
/**
 * A full read's p90 stays inside a fifth of monday's 60 s timeout (monday ms). A read's time has a
 * long tail (API-FACTS.md "Time": one id from 180 to 640 ms, p90 1.6 times the median), and a cut
 * read costs 60 s, a retry and a back-off: at twice monday's latency, with a p90 near 20 s, a read
 * was cut in 2 of 4 loads of 100,000 items (one of 85 ids). Smaller reads cost only requests: a read's
 * points are per item, and the requests in flight that reach the budget barely change.
 */
const TARGET_READ_MS = 12_000;
/**
 * load-board's batch size and batch requests in flight, fed by the engine's events.
 *
 * In flight follows the engine's own level (its control loop: the binding limit's rate × the
 * request time, Little's law, with its back-off on `MAX_CONCURRENCY_EXCEEDED` and timeouts; see
 * docs/engine.md), capped by the configured ceiling. More batches than the engine admits would
 * only queue in front of the id walk's next page.
 *
 * The batch size is half the configured one until the engine has measured reads, then keeps a
 * read's p90 inside TARGET_READ_MS at the measured time per item (a wide board's page that nears
 * the timeout shrinks), halves after a timeout or a query that cost too much, and grows back by 10
 * after a run of successes, never above the configured size.
 */
class AdaptiveTuning {
    options;
    now;
    start;
    batch;
    engineLevel;
    streak = 0;
    /** Batch size and in-flight level over time (ms since `start`), for the report. */
    history = [];
    constructor(options, now = Date.now, start = now()) {
        this.options = options;
        this.now = now;
        this.start = start;
        this.batch = Math.min(100, Math.max(1, options.batchSize));
        this.engineLevel = Math.max(1, options.initialConcurrency ?? Math.min(8, options.concurrency));
    }
    batchSize() {
        const perItem = this.options.serverTimeMs?.();
        // until the engine has measured a read, half the size: the first reads go out together before
        // any answer, and a wide board's full page at twice monday's latency takes ~19 s (p90 ~30 s)
        if (this.options.serverTimeMs && perItem === undefined)
            return Math.max(1, Math.ceil(this.batch / 2));
        const timeCap = perItem && perItem > 0 ? Math.max(1, Math.floor(TARGET_READ_MS / perItem)) : Infinity;
        return Math.max(1, Math.min(this.batch, timeCap));
    }
    concurrency() {
        return Math.max(1, Math.min(this.options.concurrency, this.engineLevel));
    }
    /** Takes in one engine event: a request's outcome or the engine's new in-flight level. */
    observe(event) {
        if (event.type === 'concurrency') {
            const before = this.concurrency();
            this.engineLevel = Math.max(1, event.limit);
            if (this.concurrency() !== before)
                this.note('concurrency', this.concurrency());
            return;
        }
        const outcome = outcomeOfEvent(event);
        if (outcome)
            this.record(outcome);
    }
    record(outcome) {
        if (outcome === 'other')
            return;
        if (outcome === 'ok') {
            if (++this.streak < (this.options.growAfter ?? 20))
                return;
            this.streak = 0;
            this.setBatch(Math.min(100, this.options.batchSize, this.batch + 10));
            return;
        }
        this.streak = 0;
        if (outcome === 'complexity' || outcome === 'timeout')
            this.setBatch(Math.min(this.batch, Math.max(this.options.minBatchSize ?? 10, Math.floor(this.batch / 2))));
    }
    setBatch(batch) {
        if (batch === this.batch)
            return;
        this.batch = batch;
        this.note('items', batch);
    }
    note(kind, size) {
        this.history.push({ atMs: this.now() - this.start, kind, size });
    }
}

// EXTERNAL MODULE: ./src/jobs/output.ts
var jobs_output = __webpack_require__(12035);
// EXTERNAL MODULE: ./src/young-generation.ts + 1 modules
var young_generation = __webpack_require__(88263);
// EXTERNAL MODULE: ./src/jobs/run-folder-hooks.ts
var run_folder_hooks = __webpack_require__(66027);
;// CONCATENATED MODULE: ./src/jobs/load-board.ts









/** Batches written to staging at once (connections of the pool); reads in flight are the engine's. */
const STAGE_WRITERS = 4;
/** Runs load-board with its artifacts in the run folder and returns its report. The CLI and the action call this. */
async function runLoadBoardJob(settings, deps = {}) {
    checkBoardIds(settings.boardIds);
    (0,young_generation/* keepHeapSmall */.p)();
    const output = deps.output ?? jobs_output/* silentOutput */.$j;
    const runDir = new run_dir/* RunDirectory */.d(settings.runDir);
    const resume = (0,run_dir/* findResumeCheckpoint */.$)(runDir, settings.resumeFrom);
    if (resume)
        output.stdout(`Resuming from checkpoint ${resume.sequence} (${resume.at})\n`);
    const events = {};
    const client = deps.request ? null : tunedClient(settings, events);
    const tuning = client
        ? new AdaptiveTuning({
            batchSize: settings.batchSize ?? 100,
            // by default the engine's level decides, up to the plan's limit
            concurrency: settings.concurrency ?? client.limits.concurrency,
            serverTimeMs: () => client.serverTimeMs?.('items')
        })
        : undefined;
    events.tuning = tuning;
    const request = deps.request ?? client.request;
    // a connection per staging writer, the run's own statements, and the held board locks
    const db = await (0,sql_open/* openDatabase */.q)(settings.databaseUrl, 'DATABASE_URL', {
        poolMax: STAGE_WRITERS + 3,
        retry: { onRetry: (0,jobs_output/* sqlRetryWarning */.nT)(output) }
    });
    const locks = [];
    try {
        locks.push(...(await lockBoards(db, settings.boardIds)));
        const report = await runLoadBoard({
            reader: new GraphqlBoardReader(request),
            db,
            ...(client && tuning ? { tuning, metrics: () => client.metrics() } : {}),
            hooks: (0,run_folder_hooks/* runFolderHooks */.i)({ runDir, output, extra: deps.hooks ?? {}, progressLine })
        }, { ...settings, stageWriters: STAGE_WRITERS, resume: resume ?? undefined });
        if (tuning)
            report.metrics.batchSizes.push(...tuning.history);
        runDir.write('report.json', report);
        return report;
    }
    finally {
        for (const lock of locks)
            await lock.release();
        await db.close();
    }
}
/**
 * One load of a board at a time: two runs of one board would both clear and insert its rows, and
 * the target would hold them twice. The second run stops before reading anything.
 */
async function lockBoards(db, boardIds) {
    const held = [];
    for (const id of [...new Set(boardIds)]) {
        const lock = await db.tryLock(`load-board/${id}`);
        if (!lock) {
            for (const other of held)
                await other.release();
            throw new errors/* DatabaseError */.a$(`board ${id} is being loaded by another run into this database (lock monday-sync/load-board/${id}); ` +
                'run again when that run has ended');
        }
        held.push(lock);
    }
    return held;
}
function checkBoardIds(boardIds) {
    if (boardIds.length === 0)
        throw new errors/* ConfigError */.xL('load-board: give at least one --board ID', '--board');
    for (const id of boardIds) {
        if (!/^\d+$/.test(id))
            throw new errors/* ConfigError */.xL(`--board: "${id}" is not a monday board id (digits only)`, '--board');
    }
}
/**
 * One engine client for every board of the run: one budget, one pacing, one set of metrics.
 * Its events feed load-board's batch size and in-flight batches (`AdaptiveTuning`).
 */
function tunedClient(settings, events) {
    return (0,client/* createMondayClient */._)({
        url: settings.apiUrl ?? 'https://api.monday.com/v2',
        token: settings.token,
        ...(settings.apiVersion ? { apiVersion: settings.apiVersion } : {}),
        ...(settings.plan ? { plan: settings.plan } : {}),
        ...(settings.timeScale ? { timeScale: settings.timeScale } : {}),
        onEvent: event => events.tuning?.observe(event)
    });
}
function progressLine(p) {
    return `  ${p.done}/${p.total} items  ${Math.round(p.itemsPerSecond)} items/s  eta ${(0,run_folder_hooks/* etaText */.U)(p)}\n`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/config/database.ts
var database = __webpack_require__(75669);
// EXTERNAL MODULE: ./src/config/refs.ts
var refs = __webpack_require__(8670);
// EXTERNAL MODULE: ./src/redaction.ts + 1 modules
var redaction = __webpack_require__(63580);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
// EXTERNAL MODULE: ./src/adapters/sql/identifiers.ts
var identifiers = __webpack_require__(86739);
// EXTERNAL MODULE: ./src/adapters/monday/types.ts
var types = __webpack_require__(21488);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(61036);
;// CONCATENATED MODULE: ./src/config/registry.ts
/**
 * The board registry of load-board: `[[boards]]` entries in the same TOML file as the sync's
 * configuration (or a file of their own), validated like it: zod for shapes, then identifiers,
 * column ids and uniqueness, each error naming its key (`boards[1].table`).
 */





/** SQL types a mapping may ask for (see docs/load-board.md for the SQL of each). */
const MAPPED_SQL_TYPES = [
    'text',
    'shorttext',
    'integer',
    'bigint',
    'real',
    'decimal',
    'boolean',
    'datetime',
    'json'
];
/** Fixed columns of the typed tables: no mapping may take their names. */
const FIXED = [
    'item_id',
    'parent_item_id',
    'name',
    'group_id',
    'group_title',
    'state',
    'created_at',
    'updated_at',
    'column_values'
];
/** Longest table name part: room for `_subitems_staging` within SQL Server's 128 characters. */
const MAX_TABLE_PART = 110;
const mappingSchema = schemas/* strictObject */.rej({
    column_id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP().min(1).optional(),
    type: schemas/* enum */.k5n(MAPPED_SQL_TYPES).optional()
});
const boardSchema = schemas/* strictObject */.rej({
    board_id: schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* number */.aig().int().positive()]).transform(v => String(v)),
    name: schemas/* string */.YjP().min(1),
    description: schemas/* string */.YjP().default(''),
    table: schemas/* string */.YjP().min(1),
    subitems_table: schemas/* string */.YjP().min(1).optional(),
    include_subitems: schemas/* boolean */.zMY().optional(),
    environments: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).optional(),
    columns: schemas/* array */.YOg(mappingSchema).default([]),
    subitem_columns: schemas/* array */.YOg(mappingSchema).default([])
});
const registrySchema = schemas/* array */.YOg(boardSchema);
/**
 * Validates the `boards` value of a parsed configuration file; `file` names it in messages.
 * Returns the boards to load in `options.environment` (an absent `boards` is an empty registry).
 */
function parseBoardRegistry(boards, file, options) {
    if (boards === undefined)
        return [];
    const result = registrySchema.safeParse(boards);
    if (!result.success) {
        const issue = result.error.issues[0];
        throw (0,load/* configIssue */.e1)(file, issue && { ...issue, path: ['boards', ...issue.path] });
    }
    const tables = new Map();
    const ids = new Map();
    const loaded = [];
    for (const [i, entry] of result.data.entries()) {
        const at = `boards[${i}]`;
        const table = checkTable(entry.table, `${at}.table`, file);
        const subitemsTable = checkTable(entry.subitems_table ?? `${entry.table}_subitems`, `${at}.subitems_table`, file);
        for (const [name, key] of [
            [table, `${at}.table`],
            [subitemsTable, `${at}.subitems_table`]
        ]) {
            const other = tables.get(name.toLowerCase());
            if (other)
                throw new errors/* ConfigError */.xL(`${file}: ${key}: table "${name}" is already used by ${other}`, key);
            tables.set(name.toLowerCase(), key);
        }
        const columns = checkMappings(entry.columns, `${at}.columns`, file);
        const subitemColumns = checkMappings(entry.subitem_columns, `${at}.subitem_columns`, file);
        if (entry.environments && !options.environment) {
            throw new errors/* ConfigError */.xL(`${file}: ${at}.environments: this board loads only in ${entry.environments.join(', ')}; ` +
                `pick an environment with --environment or MONDAY_SYNC_ENV`, `${at}.environments`);
        }
        if (entry.environments && !entry.environments.includes(options.environment ?? ''))
            continue;
        const boardId = (0,refs/* resolveRefs */.F)(entry.board_id, `${at}.board_id`, options.env);
        if (!/^\d+$/.test(boardId)) {
            throw new errors/* ConfigError */.xL(`${file}: ${at}.board_id: "${boardId}" is not a monday board id (digits only)`, `${at}.board_id`);
        }
        const twice = ids.get(boardId);
        if (twice)
            throw new errors/* ConfigError */.xL(`${file}: ${at}.board_id: board ${boardId} is already registered as ${twice}`, `${at}.board_id`);
        ids.set(boardId, at);
        loaded.push({
            boardId,
            name: entry.name,
            description: entry.description,
            table,
            subitemsTable,
            includeSubitems: entry.include_subitems ?? entry.subitems_table !== undefined,
            columns,
            subitemColumns
        });
    }
    return loaded;
}
function checkTable(name, key, file) {
    try {
        (0,identifiers/* checkIdentifier */.K)(name, key);
    }
    catch (e) {
        throw new errors/* ConfigError */.xL(`${file}: ${e instanceof Error ? e.message : String(e)}`, key, { cause: e });
    }
    if ((name.split('.').pop() ?? name).length > MAX_TABLE_PART) {
        throw new errors/* ConfigError */.xL(`${file}: ${key}: "${name}" is longer than ${MAX_TABLE_PART} characters`, key);
    }
    return name;
}
/** Column ids and SQL names of one board's mappings: well formed, not a fixed column, no name twice. */
function checkMappings(mappings, at, file) {
    const names = new Map();
    const ids = new Set();
    return mappings.map((m, i) => {
        const key = `${at}[${i}]`;
        try {
            (0,load/* checkColumnId */.AP)(m.column_id, `${key}.column_id`);
            if (ids.has(m.column_id)) {
                throw new errors/* ConfigError */.xL(`${key}.column_id: column "${m.column_id}" is mapped twice`, `${key}.column_id`);
            }
            ids.add(m.column_id);
            if (m.name !== undefined)
                checkColumnName(m.name, `${key}.name`, names);
        }
        catch (e) {
            if (e instanceof errors/* ConfigError */.xL)
                throw new errors/* ConfigError */.xL(`${file}: ${e.message}`, e.setting, { cause: e });
            throw e;
        }
        return { columnId: m.column_id, ...(m.name ? { name: m.name } : {}), ...(m.type ? { type: m.type } : {}) };
    });
}
/** A mapped SQL column name: a plain identifier, no fixed column, not used twice (without regard to case). */
function checkColumnName(name, key, taken) {
    (0,identifiers/* checkIdentifier */.K)(name, key);
    if (name.includes('.'))
        throw new errors/* ConfigError */.xL(`${key}: a column name cannot contain "."`, key);
    if (name.length > 120)
        throw new errors/* ConfigError */.xL(`${key}: "${name}" is longer than 120 characters`, key);
    const lower = name.toLowerCase();
    if (FIXED.includes(lower))
        throw new errors/* ConfigError */.xL(`${key}: "${name}" is already a column of the typed table`, key);
    const other = taken.get(lower);
    if (other)
        throw new errors/* ConfigError */.xL(`${key}: "${name}" is already the name of ${other}`, key);
    taken.set(lower, key);
}

;// CONCATENATED MODULE: ./src/pipelines/load-board/config-section.ts







/** The `[load_board]` section (keys as in the TOML file). */
const sectionSchema = schemas/* object */.Ikc({
    staging_table: schemas/* string */.YjP().optional(),
    target_table: schemas/* string */.YjP().optional(),
    include_subitems: schemas/* boolean */.zMY().optional(),
    page_size: schemas/* number */.aig().int().min(1).max(500).optional(),
    batch_size: schemas/* number */.aig().int().min(1).max(100).optional(),
    concurrency: schemas/* number */.aig().int().min(1).max(250).optional(),
    columns: schemas/* array */.YOg(schemas/* strictObject */.rej({ column_id: schemas/* string */.YjP().min(1), target: schemas/* string */.YjP().min(1), type: schemas/* enum */.k5n(MAPPED_SQL_TYPES) }))
        .optional()
})
    .strict();
/**
 * Reads `[load_board]` and `environments.<environment>.database_url` from a TOML file. Other
 * sections are left to the configuration module; errors name the key at fault.
 */
function readLoadBoardConfig(path, environment, env = process.env) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        throw new errors/* ConfigError */.xL(`${path}: ${e instanceof Error ? e.message : String(e)}`, path, { cause: e });
    }
    const result = sectionSchema.safeParse(doc.load_board ?? {});
    if (!result.success) {
        const issue = result.error.issues[0];
        const key = ['load_board', ...(issue?.path ?? [])].join('.');
        throw new errors/* ConfigError */.xL(`${path}: ${key}: ${issue?.message ?? 'invalid'}`, key);
    }
    const section = result.data;
    if (section.staging_table !== undefined)
        (0,identifiers/* checkIdentifier */.K)(section.staging_table, 'load_board.staging_table');
    if (section.target_table !== undefined)
        (0,identifiers/* checkIdentifier */.K)(section.target_table, 'load_board.target_table');
    const targets = new Map();
    section.columns?.forEach((c, i) => checkColumnName(c.target, `load_board.columns[${i}].target`, targets));
    const environments = (doc.environments ?? {});
    let databaseUrl;
    let databasePassword;
    let apiVersion;
    let plan;
    if (environment) {
        const env = environments[environment];
        if (!env)
            throw new errors/* ConfigError */.xL(`${path}: no [environments.${environment}] section`, `environments.${environment}`);
        if (env.database_url !== undefined && typeof env.database_url !== 'string') {
            throw new errors/* ConfigError */.xL(`${path}: environments.${environment}.database_url must be a string`, `environments.${environment}.database_url`);
        }
        databaseUrl = env.database_url;
        if (env.database_password !== undefined && typeof env.database_password !== 'string') {
            throw new errors/* ConfigError */.xL(`${path}: environments.${environment}.database_password must be a string (usually "\${DB_PASSWORD}")`, `environments.${environment}.database_password`);
        }
        databasePassword = env.database_password;
        if (env.api_version !== undefined && (typeof env.api_version !== 'string' || env.api_version === '')) {
            throw new errors/* ConfigError */.xL(`${path}: environments.${environment}.api_version must be a version string such as "2026-10"`, `environments.${environment}.api_version`);
        }
        apiVersion = env.api_version;
        if (env.plan !== undefined && !types/* PLANS */.NB.includes(env.plan)) {
            throw new errors/* ConfigError */.xL(`${path}: environments.${environment}.plan must be one of ${types/* PLANS */.NB.join(', ')}`, `environments.${environment}.plan`);
        }
        plan = env.plan;
    }
    return {
        databaseUrl,
        databasePassword,
        apiVersion,
        plan,
        stagingTable: section.staging_table,
        targetTable: section.target_table,
        includeSubitems: section.include_subitems,
        pageSize: section.page_size,
        batchSize: section.batch_size,
        concurrency: section.concurrency,
        columns: section.columns?.map(c => ({ columnId: c.column_id, name: c.target, type: c.type })),
        boards: parseBoardRegistry(doc.boards, path, {
            environment: environment ?? (typeof doc.default_environment === 'string' ? doc.default_environment : undefined),
            env
        })
    };
}

// EXTERNAL MODULE: ./src/jobs/sync-settings.ts
var sync_settings = __webpack_require__(22979);
;// CONCATENATED MODULE: ./src/jobs/load-board-settings.ts










/**
 * The run folder: `--run-dir`, else the newest `.runs/*` whose load-board checkpoint for the same
 * boards is unfinished (so a plain re-run resumes), else a new `.runs/<timestamp>`.
 */
function chooseRunDir(args, root = '.runs', now = new Date()) {
    if (args.runDir)
        return args.runDir;
    const wanted = [...new Set(args.boards)].sort().join(',');
    const folders = (0,external_node_fs_.existsSync)(root) ? (0,external_node_fs_.readdirSync)(root).sort().reverse() : [];
    for (const folder of folders) {
        const file = (0,external_node_path_.join)(root, folder, 'checkpoint.json');
        if (!(0,external_node_fs_.existsSync)(file))
            continue;
        try {
            const checkpoint = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
            const boards = checkpoint.state?.boards ?? [];
            const same = boards
                .map(b => b.boardId)
                .sort()
                .join(',') === wanted;
            if (checkpoint.pipeline === 'load-board' && same && boards.some(b => !b.swapped))
                return (0,external_node_path_.join)(root, folder);
        }
        catch {
            continue;
        }
    }
    return (0,external_node_path_.join)(root, now.toISOString().replace(/[:.]/g, '-'));
}
/** Resolves the request, the configuration file and the environment into the settings of a load-board job. */
async function loadBoardSettings(args, env) {
    const token = env.MONDAY_API_TOKEN;
    if (!token)
        throw new errors/* ConfigError */.xL('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN');
    const environment = args.environment ?? env.MONDAY_SYNC_ENV;
    const file = args.config ? readLoadBoardConfig(args.config, environment, env) : { boards: [] };
    const targets = boardTargets(args, file);
    (0,redaction/* addSecret */.Ck)(token);
    const { databaseUrl, databasePassword, apiVersion, plan, includeSubitems, pageSize, batchSize, concurrency } = file;
    const fromFile = { apiVersion, plan, includeSubitems, pageSize, batchSize, concurrency };
    const at = `environments.${environment ?? ''}`;
    const options = {
        ...Object.fromEntries(Object.entries(fromFile).filter(([, v]) => v !== undefined)),
        boardIds: targets.map(t => t.boardId),
        targets,
        databaseUrl: (0,database/* chooseDatabaseUrl */.sy)({
            env,
            file: {
                url: databaseUrl && !env[database/* DATABASE_URL_VARIABLE */.lB]
                    ? (0,database/* resolveDatabaseUrl */.N1)(databaseUrl, `${at}.database_url`, env)
                    : undefined,
                password: databasePassword && (0,refs/* resolveRefs */.F)(databasePassword, `${at}.database_password`, env),
                at
            },
            fallback: jobs_output/* DEFAULT_DATABASE_URL */.yk
        }),
        token,
        apiUrl: env.MONDAY_API_URL || undefined,
        runDir: chooseRunDir(args),
        resumeFrom: args.resumeFrom
    };
    const timeScale = (0,sync_settings/* timeScaleOf */.p)(env);
    if (timeScale)
        options.timeScale = timeScale;
    if (args.batchSize !== undefined)
        options.batchSize = args.batchSize;
    if (args.concurrency !== undefined)
        options.concurrency = args.concurrency;
    return options;
}

;// CONCATENATED MODULE: ./src/cli/commands/load-board.ts


/** The final table, one line per board. */
function reportTable(report) {
    const boards = (report.details.boards ?? []);
    const head = ['board', 'items_count', 'walked', 'loaded', 'subitems', 'missing', 'rewalks', 'swapped', 'verified'];
    const lines = boards.map(b => [
        b.boardId,
        b.expectedItems ?? '-',
        b.walked,
        b.loaded,
        b.subitems,
        b.missing,
        b.rewalks,
        b.swapped ? 'yes' : 'no',
        b.verified ? 'yes' : 'NO'
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map(l => String(l[i]).length)));
    const fmt = (cells) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ');
    const rate = report.itemsDone / Math.max(0.001, report.durationMs / 1000);
    const notes = boards
        .flatMap(b => [...tableNotes(b), ...b.mismatches].map(m => `  board ${b.boardId}: ${m}\n`))
        .join('');
    return (`${fmt(head)}\n${lines.map(fmt).join('\n')}\n` +
        `${report.itemsDone} items loaded, ${report.itemsSkipped} from an earlier attempt, ${report.failures.length} failed ` +
        `request(s), ${Math.round(rate)} items/s, ${(report.durationMs / 1000).toFixed(1)} s\n${metricsLine(report)}${notes}`);
}
/** Where a board landed and how its columns changed (added, removed on monday). */
function tableNotes(b) {
    const where = b.subitemsTable ? `table ${b.table}, subitems ${b.subitemsTable}` : `table ${b.table}`;
    const tables = b.table ? [`${b.name ? `${b.name}: ` : ''}${where}`] : [];
    const added = b.columnsAdded?.length ? [`columns added: ${b.columnsAdded.join(', ')}`] : [];
    const removed = (b.columnsRemoved ?? []).map(c => `column removed on monday, kept with NULLs from now on: ${c}`);
    const legacy = b.legacy
        ? [
            `${b.legacy.table} (the generic table of earlier versions) still holds ${b.legacy.rows} rows of this board, ` +
                `no longer updated; move your queries to ${b.table ?? 'its typed table'} (docs/load-board.md, "Moving from monday_items")`
        ]
        : [];
    return [...tables, ...added, ...removed, ...legacy];
}
/** What the engine measured: requests, complexity against the budget, retries and throttled time. */
function metricsLine(report) {
    const m = report.metrics;
    if (m.budgetPerMinute <= 0)
        return '';
    const retries = Object.values(m.retries).reduce((n, v) => n + (v ?? 0), 0);
    const throttled = Object.values(m.throttledMs).reduce((n, v) => n + (v ?? 0), 0);
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    return (`${fmt(m.requests)} requests, ${fmt(m.complexityUsed)} complexity points (budget ${fmt(m.budgetPerMinute)}/min), ` +
        `${retries} retries, ${(throttled / 1000).toFixed(1)} s throttled\n`);
}
/** `monday-sync load-board`: returns the process exit code (1 when a board is not loaded). */
async function loadBoardCommand(args, io) {
    const options = await loadBoardSettings(args, io.env);
    io.stdout(`Loading board(s) ${options.boardIds.join(', ')} (run folder ${options.runDir})\n`);
    const report = await runLoadBoardJob(options, { output: io });
    io.stdout(reportTable(report));
    return report.failures.length > 0 ? 1 : 0;
}


/***/ })

};
