import * as core from '@actions/core'
import { NotImplementedError } from '../errors.js'
import { parseInputs } from './inputs.js'

/** The action: inputs → pipeline → outputs, summary, artifacts and issues. */
export async function run(): Promise<void> {
  const inputs = parseInputs()
  core.info(`monday-sync ${inputs.command} (item mode ${inputs.itemMode ?? 'from configuration'})`)
  throw new NotImplementedError(`The ${inputs.command} pipeline is not implemented yet`)
}
