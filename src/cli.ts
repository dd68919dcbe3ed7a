import { USAGE, parseCli } from './cli/args.js'
import { processIo, type CliIo } from './cli/io.js'
import { runtimeProblem } from './cli/runtime.js'
import { messageOf } from './errors.js'
import { keepHeapSmall } from './young-generation.js'

/** Exit code of a run that cannot start on this Node. */
const EXIT_RUNTIME = 2

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCli(argv)
  if (args.command === 'help') {
    io.stdout(USAGE)
    return 0
  }
  if (args.command === 'version') {
    io.stdout('monday-sync 0.1.0\n')
    return 0
  }
  const problem = runtimeProblem()
  if (problem) {
    io.stderr(problem)
    return EXIT_RUNTIME
  }
  // Loaded only now: the commands and their drivers need what runtimeProblem checked.
  if (args.command === 'sync') {
    const { syncCommand } = await import('./cli/commands/sync.js')
    return await syncCommand(args, io)
  }
  keepHeapSmall()
  const { loadBoardCommand } = await import('./cli/commands/load-board.js')
  return await loadBoardCommand(args, io)
}

main(process.argv.slice(2), processIo).then(
  code => {
    process.exitCode = code
  },
  (e: unknown) => {
    processIo.stderr(`monday-sync: ${messageOf(e)}\n`)
    process.exitCode = 1
  }
)
