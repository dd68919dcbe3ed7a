import type { JobEnv, JobOutput } from '../jobs/output.js'
import { redact } from '../redaction.js'

/** What a CLI command may touch of the process: its environment and its two streams. */
export interface CliIo extends JobOutput {
  env: JobEnv
}

/** `io` with every text masked by value (redaction.ts) on its way out. */
export function redactingIo(io: CliIo): CliIo {
  return { env: io.env, stdout: text => io.stdout(redact(text)), stderr: text => io.stderr(redact(text)) }
}

/** The process's streams, redacted. */
export const processIo: CliIo = redactingIo({
  env: process.env,
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text)
})
