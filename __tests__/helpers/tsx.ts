/**
 * The command that runs one of the project's TypeScript entry points from its sources: this Node
 * with tsx's loader. One process per run: the tsx command would start a second Node below itself,
 * which on a loaded 2-core machine costs seconds per run and puts a relay between a test's signals
 * and the process that handles them. Relative paths resolve from the working directory.
 */
export function tsxCommand(entry: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', entry, ...args]]
}
