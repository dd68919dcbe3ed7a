import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { it } from '@jest/globals'
import { buildSchema, type GraphQLSchema } from 'graphql'

/**
 * monday's real schemas, for the tests that validate documents (or the emulator's subset) against them.
 *
 * Where they come from:
 * - `$MONDAY_SCHEMA_DIR/schema-<version>.graphql` when that variable is set (and then only there). The
 *   GitHub workflow fills that folder by fetching monday's published SDL,
 *   `GET https://api.monday.com/v2/get_schema?format=sdl&version=<version>` (monday changelog,
 *   2024-02-08), in a step before the tests.
 * - otherwise `../shared/monday/schema-<version>.graphql` beside the checkout (the development machines).
 *
 * monday's schema is never committed to the project. When neither is there, a test that needs it
 * fails under CI (`CI` set, as GitHub sets it), and elsewhere is skipped with a notice on stderr:
 * it never skips silently.
 */

/** The API version the client sends by default (`API-Version` header). */
export const DEFAULT_SCHEMA_VERSION = '2026-10'

/** The environment variable naming a folder of `schema-<version>.graphql` files. */
export const SCHEMA_DIR_VARIABLE = 'MONDAY_SCHEMA_DIR'

/** One of monday's schemas, found and built. */
export interface MondaySchema {
  version: string
  /** The file it was read from. */
  file: string
  sdl: string
  schema: GraphQLSchema
}

const SHARED = fileURLToPath(new URL('../../../shared/monday/', import.meta.url))
const built = new Map<string, MondaySchema>()

/** The files searched for `version` (one: the folder named by the variable, else ../shared/monday). */
export function schemaCandidates(version: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const name = `schema-${version}.graphql`
  const dir = env[SCHEMA_DIR_VARIABLE]
  return [join(dir || SHARED, name)]
}

/** Why a schema could not be found: the files searched and how to provide one. */
export function missingSchemaMessage(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return (
    `monday's schema ${version} was not found (searched ${schemaCandidates(version, env).join(', ')}). ` +
    `Fetch it with: curl -fsSL 'https://api.monday.com/v2/get_schema?format=sdl&version=${version}' ` +
    `-o "$${SCHEMA_DIR_VARIABLE}/schema-${version}.graphql"`
  )
}

/** Whether the tests run under CI, where a missing schema is a failure and not a skip. */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0'
}

/** monday's schema `version`, or undefined when no file holds it. Built once per process. */
export function findMondaySchema(version: string = DEFAULT_SCHEMA_VERSION): MondaySchema | undefined {
  const cached = built.get(version)
  if (cached) return cached
  const file = schemaCandidates(version).find(f => existsSync(f))
  if (file === undefined) return undefined
  const sdl = readFileSync(file, 'utf8')
  const found = { version, file, sdl, schema: buildSchema(sdl, { assumeValidSDL: true }) }
  built.set(version, found)
  return found
}

/** monday's schema `version`; throws with {@link missingSchemaMessage} when no file holds it. */
export function loadMondaySchema(version: string = DEFAULT_SCHEMA_VERSION): MondaySchema {
  const found = findMondaySchema(version)
  if (!found) throw new Error(missingSchemaMessage(version))
  return found
}

/**
 * An `it` that needs monday's schema `version`. With the schema, `test` receives it. Without:
 * under CI the test fails with {@link missingSchemaMessage}; elsewhere it is skipped and the skip
 * is written to stderr.
 */
export function itWithMondaySchema(
  name: string,
  test: (schema: MondaySchema) => void | Promise<void>,
  version: string = DEFAULT_SCHEMA_VERSION
): void {
  const present = schemaCandidates(version).some(f => existsSync(f))
  if (present || underCi()) {
    it(name, () => test(loadMondaySchema(version)))
    return
  }
  process.stderr.write(`SKIPPED "${name}": ${missingSchemaMessage(version)}\n`)
  it.skip(name, () => undefined)
}
