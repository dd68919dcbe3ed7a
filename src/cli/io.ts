/** What a CLI command may touch of the process: its environment and its two streams. */
export interface CliIo {
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export const processIo: CliIo = {
  env: process.env,
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text)
}
