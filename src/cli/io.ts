import type { JobEnv, JobOutput } from '../jobs/output.js'

/** What a CLI command may touch of the process: its environment and its two streams. */
export interface CliIo extends JobOutput {
  env: JobEnv
}

export const processIo: CliIo = {
  env: process.env,
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text)
}
