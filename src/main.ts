import * as core from '@actions/core'
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { run as runAction } from './action/run.js'
import { messageOf } from './errors.js'
import { redact } from './redaction.js'

/** The action's boundary: any error fails the step with its message. `local-action` calls this. */
export async function run(): Promise<void> {
  try {
    await runAction()
  } catch (e) {
    // the message is masked by value: a driver's message may quote what it was given
    core.setFailed(redact(e instanceof Error ? String(e) : messageOf(e)))
  }
}

/** True when this module is the process entry (`node dist/index.js`, `tsx src/main.ts`), not imported. */
function isEntry(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntry()) await run()
