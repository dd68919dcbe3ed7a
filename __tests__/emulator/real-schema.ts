/**
 * Fidelity tests post only what monday itself would accept: every document is first validated against
 * monday's real schema of its API version (found by ../helpers/monday-schema.ts, never copied into the
 * project). Without that schema the check fails under CI and is skipped elsewhere.
 */
import { parse, validate } from 'graphql'
import { findMondaySchema, missingSchemaMessage, underCi } from '../helpers/monday-schema.js'
import { post, type Reply } from './http.js'

/** The versions whose real schema is kept beside API-FACTS.md. */
export const REAL_VERSIONS = ['2025-10', '2026-07', '2026-10'] as const

/** Validation errors of `query` against monday's schema of `version` ([] when valid, or absent outside CI). */
export function realErrors(version: string, query: string): string[] {
  const found = findMondaySchema(version)
  if (found === undefined) {
    if (underCi()) throw new Error(missingSchemaMessage(version))
    return []
  }
  return validate(found.schema, parse(query)).map(e => e.message)
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
