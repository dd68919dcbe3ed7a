import { appendFileSync, existsSync, readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What the reliability suite counts; the summary line prints their totals. */
export interface Counts {
  killPoints: number
  faults: number
  badInputs: number
  records: number
  leaks: number
}

const ZERO: Counts = { killPoints: 0, faults: 0, badInputs: 0, records: 0, leaks: 0 }
const SUITE_DIR = dirname(fileURLToPath(import.meta.url))

/** Scales the seeded sweeps (kill points, fault rows): RELIABILITY_SCALE=4 runs four times as many. */
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? 1) || 1)

/**
 * One Jest run: workers are child processes of the Jest process (their ppid), or it runs in band
 * (its own pid). Every test file of that run appends to the same file.
 */
function runFile(): string {
  const runId = typeof process.send === 'function' ? process.ppid : process.pid
  return join(tmpdir(), `monday-sync-reliability-${runId}.jsonl`)
}

/** A per-file counter; `report` appends the counts once, in the file's `afterAll`. */
export class Tally {
  readonly counts: Counts = { ...ZERO }

  constructor(readonly testFile: string) {}

  add(kind: keyof Counts, n = 1): void {
    this.counts[kind] += n
  }

  /**
   * Appends this file's counts to the run's file; the last file of the suite to finish prints
   * the summary line with the totals.
   */
  report(): void {
    const file = runFile()
    const name = this.testFile.split(/[\\/]/).pop() ?? this.testFile
    let lines = readLines(file)
    // an old file left by an earlier run with the same process id
    const stale = existsSync(file) && Date.now() - statSync(file).mtimeMs > 30 * 60_000
    if (stale || lines.some(l => l.file === name)) {
      unlinkSync(file)
      lines = []
    }
    appendFileSync(file, `${JSON.stringify({ file: name, counts: this.counts })}\n`)
    lines.push({ file: name, counts: this.counts })
    const suite = readdirSync(SUITE_DIR).filter(f => f.endsWith('.test.ts'))
    const reported = new Set(lines.map(l => l.file))
    if (suite.every(f => reported.has(f))) {
      const total = lines.reduce<Counts>((sum, l) => addCounts(sum, l.counts), { ...ZERO })
      process.stdout.write(`\n${summaryLine(total, reported.size)}\n`)
      unlinkSync(file)
    }
  }
}

function readLines(file: string): { file: string; counts: Counts }[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as { file: string; counts: Counts })
}

function addCounts(a: Counts, b: Counts): Counts {
  return {
    killPoints: a.killPoints + b.killPoints,
    faults: a.faults + b.faults,
    badInputs: a.badInputs + b.badInputs,
    records: a.records + b.records,
    leaks: a.leaks + b.leaks
  }
}

export function summaryLine(c: Counts, files: number): string {
  return (
    `reliability summary (${files} files, scale ${SCALE}): kill points survived ${c.killPoints}, ` +
    `faults injected ${c.faults}, bad inputs tried ${c.badInputs}, records checked ${c.records}, ` +
    `leaks found = ${c.leaks}`
  )
}

/** A seeded source in [0, 1) so every sweep can be replayed from its seed. */
export { seededRandom as seeded } from '../../src/engine/clock.js'
