/**
 * monday's real schemas (../shared/monday/schema-*.graphql, never copied into the project): every
 * document a fidelity test posts is first validated against the real schema of its API version, so
 * the emulator is only ever asked what monday itself would accept.
 */
import { existsSync, readFileSync } from 'node:fs'
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql'
import { post, type Reply } from './http.js'

/** The versions whose real schema is kept beside API-FACTS.md. */
export const REAL_VERSIONS = ['2025-10', '2026-07', '2026-10'] as const
export type RealVersion = (typeof REAL_VERSIONS)[number]

const cache = new Map<string, GraphQLSchema | null>()

/** The real schema of `version`, or null when its file is absent (the check is then skipped). */
export function realSchema(version: string): GraphQLSchema | null {
  if (!cache.has(version)) {
    const file = new URL(`../../../shared/monday/schema-${version}.graphql`, import.meta.url)
    cache.set(version, existsSync(file) ? buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true }) : null)
  }
  return cache.get(version) ?? null
}

/** Validation errors of `query` against monday's schema of `version` ([] when valid or unknown). */
export function realErrors(version: string, query: string): string[] {
  const schema = realSchema(version)
  return schema === null ? [] : validate(schema, parse(query)).map(e => e.message)
}

/** POSTs with `API-Version: version` after checking the document against that version's real schema. */
export async function postAs(
  url: string,
  version: string,
  query: string,
  variables: Record<string, unknown> = {}
): Promise<Reply> {
  const errors = realErrors(version, query)
  if (errors.length > 0) throw new Error(`not valid against monday ${version}: ${errors.join('; ')}\n${query}`)
  return await post(url, query, variables, { 'API-Version': version })
}
