import { USAGE, parseCli } from './cli/args.js'
import { messageOf } from './errors.js'

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCli(argv)
  if (args.command === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  if (args.command === 'version') {
    process.stdout.write('monday-sync 0.1.0\n')
    return 0
  }
  process.stderr.write(`monday-sync ${args.command}: not implemented yet\n`)
  return 2
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`monday-sync: ${messageOf(e)}\n`)
    process.exitCode = 1
  }
)
