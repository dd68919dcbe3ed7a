#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Named errors of monday-sync. Each sets `name`, wraps its cause and has a type guard.
 * Messages name the setting, row or column at fault and never contain secrets.
 */
/** A setting (action input, CLI flag, configuration key) is missing or has a bad value. */
class ConfigError extends Error {
    setting;
    name = 'ConfigError';
    constructor(message, 
    /** The input, flag or key at fault, for example `environments.production.board_id`. */
    setting, options) {
        super(message, options);
        this.setting = setting;
    }
}
const isConfigError = (e) => e instanceof ConfigError;
/** A source row cannot be sent as it is; the row stays in the database with this reason. */
class RowValidationError extends Error {
    rowKey;
    column;
    name = 'RowValidationError';
    constructor(message, rowKey, column, options) {
        super(message, options);
        this.rowKey = rowKey;
        this.column = column;
    }
}
const isRowValidationError = (e) => e instanceof RowValidationError;
/** The database refused or lost a statement. */
class DatabaseError extends Error {
    name = 'DatabaseError';
    constructor(message, options) {
        super(message, options);
    }
}
const isDatabaseError = (e) => e instanceof DatabaseError;
/** A feature that has not landed yet. The CLI exits non-zero with this message. */
class NotImplementedError extends Error {
    name = 'NotImplementedError';
}
/** The message of anything thrown, without assuming it is an Error. */
function messageOf(e) {
    return e instanceof Error ? e.message : String(e);
}

;// CONCATENATED MODULE: ./src/cli/args.ts


const USAGE = `monday-sync: move data between a SQL database and monday.com boards

Usage:
  monday-sync sync --config FILE [--environment E] [--item-mode single|batch|asyncBatch] [--dry-run]
  monday-sync load-board --board ID [--board ID...] [--config FILE] [--environment E]
                         [--batch-size N] [--concurrency N]
  monday-sync --help | --version

Commands:
  sync        pending order rows become monday items and subitems; ids and SYNCED are written back
  load-board  whole monday boards land in SQL staging tables, then replace the target rows

Environment:
  MONDAY_API_TOKEN   monday API token (required; never printed)
  MONDAY_API_URL     monday API endpoint (default https://api.monday.com/v2; an emulator's URL for tests)
  DATABASE_URL       overrides the environment's database URL (sqlite:<path> or mssql://...)
  MONDAY_SYNC_ENV    environment name when --environment is not given
`;
function intFlag(name, value) {
    if (value === undefined)
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new ConfigError(`--${name} must be a whole number of at least 1; got "${value}"`, `--${name}`);
    }
    return Number(value);
}
/** Parses the command line; throws ConfigError naming the flag at fault. */
function parseCli(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: [...argv],
            allowPositionals: true,
            options: {
                config: { type: 'string', short: 'c' },
                environment: { type: 'string', short: 'e' },
                'item-mode': { type: 'string' },
                'dry-run': { type: 'boolean', default: false },
                board: { type: 'string', multiple: true },
                'batch-size': { type: 'string' },
                concurrency: { type: 'string' },
                'resume-from': { type: 'string' },
                'run-dir': { type: 'string' },
                help: { type: 'boolean', short: 'h', default: false },
                version: { type: 'boolean', short: 'v', default: false }
            }
        });
    }
    catch (e) {
        throw new ConfigError(e instanceof Error ? e.message : String(e), 'arguments', { cause: e });
    }
    const { values, positionals } = parsed;
    const first = positionals[0];
    const command = values.help || !first ? 'help' : values.version ? 'version' : first;
    if (!['sync', 'load-board', 'help', 'version'].includes(command)) {
        throw new ConfigError(`Unknown command "${command}"; expected sync or load-board (see --help)`, 'command');
    }
    return {
        command: command,
        config: values.config,
        environment: values.environment,
        itemMode: values['item-mode'],
        dryRun: values['dry-run'],
        boards: values.board ?? [],
        batchSize: intFlag('batch-size', values['batch-size']),
        concurrency: intFlag('concurrency', values.concurrency),
        resumeFrom: values['resume-from'],
        runDir: values['run-dir']
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/load-board.ts

/** `monday-sync load-board`: returns the process exit code. */
function loadBoardCommand(_args, _io) {
    return Promise.reject(new NotImplementedError('monday-sync load-board: not implemented yet'));
}

;// CONCATENATED MODULE: ./src/cli/commands/sync.ts

/** `monday-sync sync`: returns the process exit code. */
function syncCommand(_args, _io) {
    return Promise.reject(new NotImplementedError('monday-sync sync: not implemented yet'));
}

;// CONCATENATED MODULE: ./src/cli/io.ts
const processIo = {
    env: process.env,
    stdout: text => void process.stdout.write(text),
    stderr: text => void process.stderr.write(text)
};

;// CONCATENATED MODULE: ./src/cli.ts





async function main(argv, io) {
    const args = parseCli(argv);
    switch (args.command) {
        case 'help':
            io.stdout(USAGE);
            return 0;
        case 'version':
            io.stdout('monday-sync 0.1.0\n');
            return 0;
        case 'sync':
            return await syncCommand(args, io);
        case 'load-board':
            return await loadBoardCommand(args, io);
    }
}
main(process.argv.slice(2), processIo).then(code => {
    process.exitCode = code;
}, (e) => {
    processIo.stderr(`monday-sync: ${messageOf(e)}\n`);
    process.exitCode = 1;
});

