import { parseArgs } from 'node:util'
import { ConfigError } from '../errors.js'

export const USAGE = `monday-sync: move data between a SQL database and monday.com boards

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
`

export interface CliArgs {
  command: 'sync' | 'load-board' | 'help' | 'version'
  config?: string
  environment?: string
  itemMode?: string
  dryRun: boolean
  boards: string[]
  batchSize?: number
  concurrency?: number
  resumeFrom?: string
  runDir?: string
}

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new ConfigError(`--${name} must be a whole number of at least 1; got "${value}"`, `--${name}`)
  }
  return Number(value)
}

/** Parses the command line; throws ConfigError naming the flag at fault. */
export function parseCli(argv: readonly string[]): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
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
    })
  } catch (e) {
    throw new ConfigError(e instanceof Error ? e.message : String(e), 'arguments', { cause: e })
  }
  const { values, positionals } = parsed
  const first = positionals[0]
  const command = values.help ? 'help' : values.version ? 'version' : (first ?? 'help')
  if (!['sync', 'load-board', 'help', 'version'].includes(command)) {
    throw new ConfigError(`Unknown command "${command}"; expected sync or load-board (see --help)`, 'command')
  }
  return {
    command: command as CliArgs['command'],
    config: values.config,
    environment: values.environment,
    itemMode: values['item-mode'],
    dryRun: values['dry-run'],
    boards: values.board ?? [],
    batchSize: intFlag('batch-size', values['batch-size']),
    concurrency: intFlag('concurrency', values.concurrency),
    resumeFrom: values['resume-from'],
    runDir: values['run-dir']
  }
}
