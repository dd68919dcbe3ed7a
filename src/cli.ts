import { USAGE, parseCli } from './cli/args.js'
import { loadBoardCommand } from './cli/commands/load-board.js'
import { syncCommand } from './cli/commands/sync.js'
import { processIo, type CliIo } from './cli/io.js'
import { messageOf } from './errors.js'

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCli(argv)
  switch (args.command) {
    case 'help':
      io.stdout(USAGE)
      return 0
    case 'version':
      io.stdout('monday-sync 0.1.0\n')
      return 0
    case 'sync':
      return await syncCommand(args, io)
    case 'load-board':
      return await loadBoardCommand(args, io)
  }
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
