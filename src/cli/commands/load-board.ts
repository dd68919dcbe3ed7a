import { NotImplementedError } from '../../errors.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

/** `monday-sync load-board`: returns the process exit code. */
export function loadBoardCommand(_args: CliArgs, _io: CliIo): Promise<number> {
  return Promise.reject(new NotImplementedError('monday-sync load-board: not implemented yet'))
}
