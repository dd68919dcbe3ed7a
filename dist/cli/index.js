#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a$: () => (/* binding */ DatabaseError),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony exports isConfigError, RowValidationError, isRowValidationError, isDatabaseError, NotImplementedError */
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
class NotImplementedError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'NotImplementedError';
}
/** The message of anything thrown, without assuming it is an Error. */
function messageOf(e) {
    return e instanceof Error ? e.message : String(e);
}


/***/ }),

/***/ 63580:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  v5: () => (/* binding */ MASK),
  Ck: () => (/* binding */ addSecret),
  E$: () => (/* binding */ redact),
  O3: () => (/* binding */ secrets)
});

// UNUSED EXPORTS: SecretRegistry, decodeLeniently, secretForms

;// CONCATENATED MODULE: ./src/adapters/github/html.ts
/** Escapes text for HTML (and Markdown that GitHub renders as HTML). */
function escapeHtml(value) {
    return String(value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/\|/g, '&#124;')
        .replace(/`/g, '&#96;')
        .replace(/\r?\n/g, ' ');
}
/** A fenced code block that no backtick run inside `text` can close early. */
function fence(text, language = '') {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return `${ticks}${language}\n${text}\n${ticks}`;
}

;// CONCATENATED MODULE: ./src/redaction.ts

/**
 * Redaction by value: every secret the process learns (monday token, GitHub token, database
 * password, a database URL) is registered here, and every text that leaves the process (CLI
 * output, run folder files, artifacts, the job summary, issues, the action's failure message)
 * passes through `redact`. Masking by pattern alone misses passwords that break the pattern
 * (`user@server` logins, `@` or `:` inside the password); masking by value does not.
 */
/** Forms shorter than this are not masked: a one-letter "secret" would blank every word. */
const MIN_LENGTH = 4;
/** The replacement of every secret form. */
const MASK = '***';
/** `%XX` sequences decoded where they form valid UTF-8; anything else (a stray `%`) kept. */
function decodeLeniently(text) {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
        try {
            return decodeURIComponent(run);
        }
        catch {
            return run;
        }
    });
}
/**
 * The spellings under which `value` can reach a text: as is, URL-encoded (path and form
 * encoding), URL-decoded, JSON-escaped (report.json, artifacts) and HTML-escaped (the job summary).
 */
function secretForms(value) {
    const decoded = decodeLeniently(value);
    const bases = [value, decoded];
    const forms = bases.flatMap(v => [
        v,
        encodeURIComponent(v),
        new URLSearchParams({ v }).toString().slice(2),
        JSON.stringify(v).slice(1, -1),
        escapeHtml(v)
    ]);
    return [...new Set(forms)].filter(f => f.length >= MIN_LENGTH);
}
/** A set of secrets and the text filter that masks them. */
class SecretRegistry {
    forms = new Set();
    pattern = null;
    /** Registers a secret under all its forms; empty and very short values are ignored. */
    add(value) {
        if (!value)
            return;
        for (const form of secretForms(value))
            this.forms.add(form);
        this.pattern = null;
    }
    /** Every registered form (the action hands them to `core.setSecret`). */
    all() {
        return [...this.forms];
    }
    /** `text` with every form of every secret replaced by `***` (longest forms first). */
    redact(text) {
        if (this.forms.size === 0 || !text)
            return text;
        this.pattern ??= new RegExp([...this.forms]
            .sort((a, b) => b.length - a.length)
            .map(f => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('|'), 'g');
        return text.replace(this.pattern, MASK);
    }
    /** A JSON-able value (report, checkpoint) with every secret masked in its strings and keys. */
    redactValue(value) {
        if (this.forms.size === 0)
            return value;
        const walk = (v) => {
            if (typeof v === 'string')
                return this.redact(v);
            if (Array.isArray(v))
                return v.map(walk);
            if (v === null || typeof v !== 'object' || v instanceof Date)
                return v;
            const json = v.toJSON;
            if (typeof json === 'function')
                return walk(json.call(v));
            return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.redact(k), walk(inner)]));
        };
        return walk(value);
    }
    /** Forgets every secret (tests). */
    clear() {
        this.forms.clear();
        this.pattern = null;
    }
}
/** The process's secrets: like the runner's masks, one set for the whole process. */
const secrets = new SecretRegistry();
/** Registers a secret with the process's registry. */
const addSecret = (value) => secrets.add(value);
/** Masks the process's secrets in `text`. */
const redact = (text) => secrets.redact(text);


/***/ }),

/***/ 88263:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  p: () => (/* binding */ keepHeapSmall)
});

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
var external_node_v8_default = /*#__PURE__*/__nccwpck_require__.n(external_node_v8_namespaceObject);
;// CONCATENATED MODULE: ./src/young-generation.ts

/**
 * Keeps V8's heap near what a load keeps alive.
 *
 * V8 grows its young generation (by its growth factor, 2) while objects survive its scavenges; a
 * load's steady stream of large answers (100 full items are ~400 KB of JSON) took it to 128 MB
 * (measured with v8.getHeapSpaceStatistics), which alone put a 100,000-item load over 300 MB of
 * RSS. Kept at its initial size, it costs more scavenges of a few live megabytes each.
 * `--max-semi-space-size` would say it better, but node reads it only at start-up, and a run is
 * started by the action's runner, the bin or `node dist/cli/index.js`; the growth factor is read
 * at each growth. The CLI calls this before it loads the command (the sooner, the smaller it
 * stays: 235 MB against 269 MB at 40,000 items); runLoadBoardJob calls it for the action.
 */
function keepHeapSmall() {
    external_node_v8_default().setFlagsFromString('--semi-space-growth-factor=1');
    // what the small young generation no longer holds is promoted: without this, the old generation's
    // limit grows to up to 4 × what lives after a full collection. Measured at 100,000 items (S = 5):
    // 301 and 503 MB peak without it, 178 MB at 50 (207 MB at 100), at the same throughput.
    external_node_v8_default().setFlagsFromString('--heap-growing-percent=50');
}


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 49140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 7194:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dgram");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 80099:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(57975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(83916);
;// CONCATENATED MODULE: ./src/cli/args.ts


const USAGE = `monday-sync: move data between a SQL database and monday.com boards

Usage:
  monday-sync sync --config FILE [--environment E] [--item-mode single|batch|asyncBatch] [--dry-run]
                   [--run-dir DIR]
  monday-sync load-board [--board ID...] [--config FILE] [--environment E]
                         [--batch-size N] [--concurrency N]
  monday-sync --help | --version

Commands:
  sync        pending order rows become monday items and subitems; ids and SYNCED are written back
  load-board  whole monday boards land in typed SQL tables (one per board and one for its subitems):
              every board of the --config file's [[boards]] registry, or the --board ids

Environment:
  MONDAY_API_TOKEN   monday API token (required; never printed)
  MONDAY_API_URL     monday API endpoint (default https://api.monday.com/v2; an emulator's URL for tests)
  DATABASE_URL       overrides the environment's database URL (sqlite:<path> or mssql://...)
  MONDAY_SYNC_ENV    environment name when --environment is not given
  MONDAY_SYNC_TIME_SCALE  emulator runs: an emulated minute lasts 60/scale seconds (default 1)
`;
function intFlag(name, value) {
    if (value === undefined)
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new errors/* ConfigError */.xL(`--${name} must be a whole number of at least 1; got "${value}"`, `--${name}`);
    }
    return Number(value);
}
/** Parses the command line; throws ConfigError naming the flag at fault. */
function parseCli(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
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
        throw new errors/* ConfigError */.xL(e instanceof Error ? e.message : String(e), 'arguments', { cause: e });
    }
    const { values, positionals } = parsed;
    const first = positionals[0];
    const command = values.help ? 'help' : values.version ? 'version' : (first ?? 'help');
    if (!['sync', 'load-board', 'help', 'version'].includes(command)) {
        throw new errors/* ConfigError */.xL(`Unknown command "${command}"; expected sync or load-board (see --help)`, 'command');
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

// EXTERNAL MODULE: ./src/redaction.ts + 1 modules
var redaction = __nccwpck_require__(63580);
;// CONCATENATED MODULE: ./src/cli/io.ts

/** `io` with every text masked by value (redaction.ts) on its way out. */
function redactingIo(io) {
    return { env: io.env, stdout: text => io.stdout((0,redaction/* redact */.E$)(text)), stderr: text => io.stderr((0,redaction/* redact */.E$)(text)) };
}
/** The process's streams, redacted. */
const processIo = redactingIo({
    env: process.env,
    stdout: text => void process.stdout.write(text),
    stderr: text => void process.stderr.write(text)
});

;// CONCATENATED MODULE: ./src/cli/runtime.ts
/**
 * The oldest Node.js the commands run on: `node:sqlite` without a flag and the rest of what
 * package.json's `engines` promises. `--help` and `--version` run on any Node that parses the bundle.
 */
const REQUIRED_NODE_MAJOR = 24;
/** One line saying which Node the commands need and how to get it, or null when this one will do. */
function runtimeProblem(version = process.versions.node) {
    const major = Number(version.split('.')[0]);
    if (major >= REQUIRED_NODE_MAJOR)
        return null;
    return (`monday-sync needs Node.js ${REQUIRED_NODE_MAJOR} or later (this is Node.js ${version}); ` +
        `install it from https://nodejs.org/ or with \`nvm install ${REQUIRED_NODE_MAJOR}\`\n`);
}

// EXTERNAL MODULE: ./src/young-generation.ts + 1 modules
var young_generation = __nccwpck_require__(88263);
;// CONCATENATED MODULE: ./src/cli.ts





/** Exit code of a run that cannot start on this Node. */
const EXIT_RUNTIME = 2;
async function main(argv, io) {
    const args = parseCli(argv);
    if (args.command === 'help') {
        io.stdout(USAGE);
        return 0;
    }
    if (args.command === 'version') {
        io.stdout('monday-sync 0.1.0\n');
        return 0;
    }
    const problem = runtimeProblem();
    if (problem) {
        io.stderr(problem);
        return EXIT_RUNTIME;
    }
    // Loaded only now: the commands and their drivers need what runtimeProblem checked.
    if (args.command === 'sync') {
        const { syncCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(390), __nccwpck_require__.e(727), __nccwpck_require__.e(348)]).then(__nccwpck_require__.bind(__nccwpck_require__, 31348));
        return await syncCommand(args, io);
    }
    (0,young_generation/* keepHeapSmall */.p)();
    const { loadBoardCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(390), __nccwpck_require__.e(727), __nccwpck_require__.e(42)]).then(__nccwpck_require__.bind(__nccwpck_require__, 97042));
    return await loadBoardCommand(args, io);
}
main(process.argv.slice(2), processIo).then(code => {
    process.exitCode = code;
}, (e) => {
    processIo.stderr(`monday-sync: ${(0,errors/* messageOf */.bD)(e)}\n`);
    process.exitCode = 1;
});

