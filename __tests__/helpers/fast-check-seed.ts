// Jest setupFiles: every fast-check property of the run draws from one seed. The tally reporter
// picks it per run and prints it; MONDAY_SYNC_SEED=<seed> npm test replays a run's properties.
import fc from 'fast-check'

const value = process.env.MONDAY_SYNC_SEED
/** Without the reporter (a custom --reporters), a fixed seed: still reproducible. */
const seed = value === undefined || value === '' ? 20_26 : Number(value)
if (!Number.isSafeInteger(seed)) throw new Error(`MONDAY_SYNC_SEED must be a whole number; got "${value}"`)
fc.configureGlobal({ seed })
