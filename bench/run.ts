/**
 * `npm run bench`: every scenario against the monday emulator, figures to stdout and to
 * bench/results.json, each with the bound implied by the emulator's limits and the ratio to it.
 *
 *   npm run bench [-- --only sync,load-board] [-- --quick]
 *
 * `--quick` runs smaller sizes (a smoke run); the figures in bench/README.md come from a full run.
 * Every scenario runs on the `monday` latency profile (bench/profile.ts); `sweep` runs sync
 * (asyncBatch) and load-board again at 0.5× and 2× its latency.
 */
import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { benchEngine } from './engine.js'
import { benchLoadBoard } from './load-board.js'
import { benchOverhead } from './overhead.js'
import { benchSharedAccount } from './shared-account.js'
import { describeProfile, benchProfile } from './profile.js'
import { benchSync } from './sync.js'

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, out: { type: 'string' } }
})
const quick = values.quick ?? false
const only = values.only ? new Set(values.only.split(',')) : null

type Scenario = { name: string; run: (log: (line: string) => void) => Promise<object> }

const scenarios: Scenario[] = [
  { name: 'engine', run: log => benchEngine({ log, ...(quick ? { items: 2_000 } : {}) }) },
  { name: 'sync', run: log => benchSync({ log, ...(quick ? { orders: 200 } : {}) }) },
  { name: 'load-board', run: log => benchLoadBoard({ log, ...(quick ? { items: 10_000 } : {}) }) },
  { name: 'shared-account', run: log => benchSharedAccount({ log, ...(quick ? { orders: 100 } : {}) }) },
  { name: 'overhead', run: log => benchOverhead({ log, ...(quick ? { items: 10_000 } : {}) }) },
  { name: 'sweep', run: log => sweep(log) }
]

/** sync (asyncBatch) and load-board at 0.5× and 2× the profile's latency; 1× is the scenarios above. */
async function sweep(log: (line: string) => void): Promise<object> {
  const out: Record<string, object> = {}
  for (const factor of [0.5, 2]) {
    const sync = await benchSync({
      log,
      modes: ['asyncBatch'],
      latencyFactor: factor,
      ...(quick ? { orders: 200 } : {})
    })
    const load = await benchLoadBoard({ log, latencyFactor: factor, walkPages: 0, ...(quick ? { items: 10_000 } : {}) })
    const m = sync.modes[0]
    out[`x${factor}`] = {
      sync: m
        ? {
            itemsPerSecond: m.itemsPerSecond,
            fractionOfBound: m.fractionOfBound,
            bound: m.bound,
            timeouts: m.timeouts,
            exactlyOnce: m.exactlyOnce
          }
        : null,
      loadBoard: {
        itemsPerSecond: load.itemsPerSecond,
        fractionOfBound: load.fractionOfBound,
        bound: load.boundItemsPerSecond,
        binding: load.bounds.binding,
        timeouts: load.timeouts,
        verified: load.verified
      }
    }
  }
  return out
}

/** One line per figure: numbers rounded for reading; nested objects flattened with dots. */
function describe(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    const text =
      typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : String(value)
    return [`  ${prefix}: ${text}`]
  }
  return Object.entries(value).flatMap(([k, v]) => describe(v, prefix ? `${prefix}.${k}` : k))
}

async function main(): Promise<void> {
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    at: new Date().toISOString(),
    quick,
    profile: describeProfile(benchProfile(), 1).replace(/, time scale.*/, '')
  }
  console.log(
    `monday-sync benchmarks on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}\n`
  )
  const results: Record<string, unknown> = { machine }
  let failed = false
  for (const scenario of scenarios) {
    if (only && !only.has(scenario.name)) continue
    console.log(`== ${scenario.name}`)
    const started = performance.now()
    try {
      const result = await scenario.run(line => console.log(`  ${line}`))
      results[scenario.name] = result
      console.log(describe(result).join('\n'))
    } catch (e) {
      failed = true
      results[scenario.name] = { error: e instanceof Error ? e.message : String(e) }
      console.log(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    }
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
  }
  const out = values.out ?? (quick ? 'bench/results.tmp.json' : 'bench/results.json')
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  console.log(`results written to ${out}`)
  if (failed) process.exitCode = 1
}

await main()
