import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readStepSummary } from '../../emulator/github/runner.js'
import { tsxCommand } from '../helpers/tsx.js'

/** What one run of the action left behind. */
export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The job summary as GitHub shows it: empty when the runner dropped it for its size. */
  summary: string
  /** Bytes the step wrote to GITHUB_STEP_SUMMARY. */
  summaryBytes: number
  /** The signal the child was sent, if any. */
  signalled?: NodeJS.Signals
}

/** Reads a GITHUB_OUTPUT file (`name<<DELIM`, value lines, `DELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const head = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (!head) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== head[2]; i++) value.push(lines[i]!)
    outputs[head[1]!] = value.join('\n')
  }
  return outputs
}

/**
 * Runs the action as the runner does: `INPUT_*` variables (hyphens kept), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, in a child process: `src/main.ts` through tsx, or a bundle (`entry`
 * or ACTION_E2E_ENTRY ending in .js, e.g. `ACTION_E2E_ENTRY=dist/index.js` once dist is rebuilt).
 */
export function runAction(options: {
  inputs: Record<string, string>
  env: Record<string, string>
  entry?: string
  /**
   * Cancels the step as the runner does once stdout matches `when`: SIGINT, then SIGTERM after
   * `termAfterMs` (the runner's 7 500 ms) and SIGKILL 2 500 ms later, if the process still runs.
   */
  cancel?: { when: RegExp; termAfterMs?: number }
}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|ACTIONS_|INPUT_|RUNNER_)/.test(key)) env[key] = value
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir }, options.env)
  const entry = options.entry ?? process.env.ACTION_E2E_ENTRY ?? 'src/main.ts'
  const [command, args] = /\.m?js$/.test(entry) ? [process.execPath, [entry]] : tsxCommand(entry)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let signalled: NodeJS.Signals | undefined
    let term: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (options.cancel && !signalled && options.cancel.when.test(stdout)) {
        signalled = 'SIGINT'
        child.kill('SIGINT')
        term = setTimeout(() => {
          signalled = 'SIGTERM'
          child.kill('SIGTERM')
          // then the runner kills the process tree 2 500 ms later
          term = setTimeout(() => child.kill('SIGKILL'), 2_500)
        }, options.cancel.termAfterMs ?? 7_500)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', code => {
      clearTimeout(term)
      const summary = readStepSummary(summaryFile)
      resolve({
        code,
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        summary: summary.text,
        summaryBytes: summary.bytes,
        signalled
      })
    })
  })
}
