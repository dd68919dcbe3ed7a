import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsxCommand } from '../helpers/tsx.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What one run of the action left: its streams, the job summary and the outputs file. */
export interface ActionResult {
  code: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: string
  /** RUNNER_TEMP of the run (the action's work folder and local artifacts are below it). */
  tempDir: string
}

/**
 * Runs `src/main.ts` as the runner would: `INPUT_*` variables (upper case, hyphens kept), and
 * GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP in a fresh folder. The test's own GitHub
 * variables are not passed down.
 */
export function runAction(inputs: Record<string, string>, env: Record<string, string>): Promise<ActionResult> {
  const tempDir = mkdtempSync(join(tmpdir(), 'rel-action-'))
  const summaryFile = join(tempDir, 'summary.md')
  const outputFile = join(tempDir, 'output.txt')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const childEnv: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|ACTIONS_|INPUT_|RUNNER_)/.test(key)) childEnv[key] = value
  }
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value
  Object.assign(childEnv, { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: tempDir }, env)
  return new Promise((resolve, reject) => {
    const [command, args] = tsxCommand(join(ROOT, 'src/main.ts'))
    const child = spawn(command, args, {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', code =>
      resolve({
        code,
        stdout,
        stderr,
        summary: readFileSync(summaryFile, 'utf8'),
        outputs: readFileSync(outputFile, 'utf8'),
        tempDir
      })
    )
  })
}
