import { NotImplementedError } from '../../errors.js'
import type { CliArgs } from '../args.js'
import type { CliIo } from '../io.js'

/** `monday-sync sync`: returns the process exit code. */
export function syncCommand(_args: CliArgs, _io: CliIo): Promise<number> {
  return Promise.reject(new NotImplementedError('monday-sync sync: not implemented yet'))
}
