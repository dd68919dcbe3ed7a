// A Jest reporter (plain JavaScript: Jest loads reporters without transforming them).
// It picks the run's fast-check seed, gives the test workers a file to append counts to
// (reliability/tally.ts), and at the end prints the reliability tally: the counts of passing
// tests only, and only when every reliability test of the run passed.
import { existsSync, readFileSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'

/** What each figure counts; the order of the printed lines. */
const LABELS = {
  rows: 'rows verified (database rows checked against the emulator board they were synced to or loaded from)',
  badInputs: 'bad inputs refused (settings, flags, inputs and rows, each with the error its test asserts)',
  faults:
    'faults fired (injected faults that happened during a run whose outcome was then verified; ' +
    'the same in every run: the fault-matrix runs send one request at a time, so the seeded faults hit the same requests)',
  killPoints:
    'kill points tried (seeded SIGKILLs aimed inside a run, each followed by a re-run verified exactly once; ' +
    'the tests assert that nearly all land while the process runs, but whether a late one does varies ' +
    'with timing, so every point tried is counted)',
  texts: 'texts scanned for secrets (logs, summaries, artifacts, issue bodies; none held one)'
}
const SEED = 'MONDAY_SYNC_SEED'
const FILE = 'MONDAY_SYNC_TALLY_FILE'
const SUITE = `${sep}__tests__${sep}reliability${sep}`

export default class TallyReporter {
  constructor() {
    // set before Jest starts its workers, which inherit the environment
    if (!process.env[SEED]) process.env[SEED] = String(Math.floor(Math.random() * 2 ** 31))
    this.seed = process.env[SEED]
    this.file = join(tmpdir(), `monday-sync-tally-${process.pid}-${Date.now()}.jsonl`)
    process.env[FILE] = this.file
  }

  onRunComplete(_contexts, results) {
    try {
      const text = tallyText(results, readCounts(this.file), this.seed)
      if (text) process.stdout.write(`\n${text}\n`)
    } finally {
      if (existsSync(this.file)) unlinkSync(this.file)
    }
  }
}

function readCounts(file) {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
}

/** The tally's lines, or undefined when no reliability test file ran. */
export function tallyText(results, lines, seed) {
  const files = results.testResults.filter(r => r.testFilePath.includes(SUITE))
  const reproduce = `fast-check seed ${seed}; MONDAY_SYNC_SEED=${seed} replays it`
  if (files.length === 0) return `${reproduce}`
  const failed = files.filter(r => r.numFailingTests > 0 || r.testExecError || r.failureMessage)
  if (failed.length > 0) {
    return (
      `reliability tally withheld: ${failed.length} reliability test file(s) failed ` +
      `(it is printed only when every reliability test passes); ${reproduce}`
    )
  }
  const passed = new Set(
    files.flatMap(r =>
      r.testResults.filter(t => t.status === 'passed').map(t => `${r.testFilePath}\u0000${t.fullName}`)
    )
  )
  const ran = new Set(files.map(r => r.testFilePath))
  const totals = { rows: 0, badInputs: 0, faults: 0, killPoints: 0, texts: 0, propertyCases: 0 }
  for (const line of lines) {
    if (!(line.kind in totals)) throw new Error(`tally: unknown figure ${line.kind}`)
    // a count from a hook belongs to its file (which passed whole); one from a test, to that test
    const counted = line.test === undefined ? ran.has(line.file) : passed.has(`${line.file}\u0000${line.test}`)
    if (counted) totals[line.kind] += line.n
  }
  const skipped = files.reduce((n, r) => n + r.numPendingTests + r.numTodoTests, 0)
  return [
    `reliability tally (${files.length} reliability test files passed, ${skipped} tests skipped, ` +
      `scale ${process.env.RELIABILITY_SCALE || 1}; ${reproduce}):`,
    ...Object.entries(LABELS).map(([kind, label]) => `  ${label}: ${totals[kind]}`),
    `property-test cases run and passed (fast-check, generated inputs, seed ${seed}): ${totals.propertyCases}`
  ].join('\n')
}
