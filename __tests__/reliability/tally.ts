import { appendFileSync } from 'node:fs'
import { expect } from '@jest/globals'
import fc from 'fast-check'

/**
 * What the reliability tally counts (tally-reporter.js prints each with what it means). Each
 * figure counts only what a test checked against a real part, and a test adds to it only after
 * the assertions that check it; the reporter sums the counts of passing tests, and prints them
 * only when every reliability test of the run passed.
 * - `rows`: database rows checked against the emulator board they were synced to or loaded from;
 * - `badInputs`: settings, flags, inputs and rows, each refused with the error its test asserts;
 * - `faults`: injected faults that fired during a run whose outcome was then verified;
 * - `killPoints`: seeded SIGKILL points tried, each followed by a re-run verified exactly once (the
 *   tests assert that nearly all landed; which late ones land varies with timing, so all are counted);
 * - `texts`: logs, summaries, artifacts and issue bodies scanned for secrets (none held one);
 * - `propertyCases`: fast-check cases (generated inputs), printed on their own line.
 */
export type Counted = 'rows' | 'badInputs' | 'faults' | 'killPoints' | 'texts' | 'propertyCases'

/** Scales the seeded sweeps (kill points, fault rows): RELIABILITY_SCALE=4 runs four times as many. */
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? 1) || 1)

/** The environment variable naming the file the tally reporter reads (set by the reporter). */
export const TALLY_FILE_VARIABLE = 'MONDAY_SYNC_TALLY_FILE'

/** One count, as written to the run's file: the test it belongs to (absent in a hook). */
export interface TallyLine {
  file: string
  test?: string
  kind: Counted
  n: number
}

/**
 * Adds `n` to the figure `kind` for the running test. Call it after the assertions that check
 * what it counts: the reporter keeps counts of passing tests only.
 */
export function count(kind: Counted, n = 1): void {
  const file = process.env[TALLY_FILE_VARIABLE]
  if (!file || n === 0) return
  const state = expect.getState()
  const line: TallyLine = { file: state.testPath ?? '', kind, n }
  if (state.currentTestName) line.test = state.currentTestName
  appendFileSync(file, `${JSON.stringify(line)}\n`)
}

/** fc.assert (seeded by the run's seed, see helpers/fast-check-seed.ts), then counts its cases. */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, numRuns: number): void {
  fc.assert(property, { numRuns })
  count('propertyCases', numRuns)
}

/** The same for an asynchronous property. */
export async function checkAsyncProperty<Ts>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  await fc.assert(property, { numRuns })
  count('propertyCases', numRuns)
}

/** A seeded source in [0, 1) so every sweep can be replayed from its seed. */
export { seededRandom as seeded } from '../../src/engine/clock.js'
