/**
 * `npm run emulator -- --port N --plan P [--token T] [--time-scale S] [--latency none|monday|FILE.json]
 * [--latency-ms N] [--fault-rate R] [--seed N]` starts the emulator, prints how to point the CLI at
 * it, and stops cleanly on SIGINT/SIGTERM. `--latency` defaults to `monday` (profiles/monday.json);
 * `--latency-ms N` replaces it with a flat N emulated ms per request (±20%).
 */
import { parseArgs } from 'node:util'
import { startMondayEmulator, type MondayEmulatorOptions, type Plan } from './index.js'
import { EmulatorUsageError } from './errors.js'
import { readProfile } from './timing.js'

const PLANS: readonly Plan[] = ['free', 'basic', 'standard', 'pro', 'enterprise']

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0)
    throw new EmulatorUsageError(`--${name} must be a non-negative number, got ${String(raw)}`)
  return n
}

/** Options from command-line arguments; throws EmulatorUsageError on bad values. */
export function optionsFromArgs(args: string[]): MondayEmulatorOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      plan: { type: 'string' },
      token: { type: 'string' },
      'time-scale': { type: 'string' },
      latency: { type: 'string' },
      'latency-ms': { type: 'string' },
      'fault-rate': { type: 'string' },
      seed: { type: 'string' },
      'legacy-errors': { type: 'boolean' }
    },
    strict: true
  })
  const plan = values.plan ?? 'pro'
  if (!PLANS.includes(plan as Plan)) throw new EmulatorUsageError(`--plan must be one of ${PLANS.join(', ')}`)
  const options: MondayEmulatorOptions = { plan: plan as Plan, port: numberOption(values, 'port') ?? 0 }
  if (values.host !== undefined) options.host = values.host
  if (values.token !== undefined) options.token = values.token
  const timeScale = numberOption(values, 'time-scale')
  if (timeScale !== undefined) options.timeScale = timeScale
  const profile = values.latency ?? 'monday'
  options.latency = profile === 'monday' || profile === 'none' ? profile : readProfile(profile)
  const latency = numberOption(values, 'latency-ms')
  if (latency !== undefined) options.latency = { baseMs: latency, jitter: 0.2 }
  const rate = numberOption(values, 'fault-rate')
  if (rate !== undefined) options.faults = { error500: rate / 2, error502: rate / 4, error504: rate / 4 }
  const seed = numberOption(values, 'seed')
  if (seed !== undefined) options.seed = seed
  if (values['legacy-errors'] === true) options.legacyErrors = true
  return options
}

function latencyName(options: MondayEmulatorOptions): string {
  const l = options.latency
  if (l === undefined || typeof l === 'string') return `${l ?? 'none'} profile`
  return 'mutations' in l ? `${l.name} profile` : `${l.baseMs ?? 0} ms per request`
}

async function main(): Promise<void> {
  const options = optionsFromArgs(process.argv.slice(2))
  const emu = await startMondayEmulator(options)
  const token = options.token ?? 'anything'
  process.stdout.write(
    [
      `monday emulator (${options.plan ?? 'pro'} plan) listening on ${emu.url}`,
      `server time: ${latencyName(options)}, time scale ${options.timeScale ?? 1}`,
      `limits: ${JSON.stringify(emu.limits)}`,
      `point the CLI at it: MONDAY_API_URL=${emu.url} MONDAY_API_TOKEN=${token} monday-sync …`,
      `admin: POST ${emu.url.replace(/\/v2$/, '')}/admin/boards, GET /admin/stats, POST /admin/reset`,
      ''
    ].join('\n')
  )
  const stop = (signal: string): void => {
    process.stdout.write(`${signal}: stopping the emulator\n`)
    void emu.close().then(() => process.exit(0))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

if (process.argv[1]?.endsWith('cli.ts') === true || process.argv[1]?.endsWith('cli.js') === true) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(2)
  })
}
