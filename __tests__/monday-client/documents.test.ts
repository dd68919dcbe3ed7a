import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse, print, validate } from 'graphql'
import { withComplexity } from '../../src/adapters/monday/complexity-field.js'
import { COMPLEXITY_FRAGMENT, PROBE_QUERY } from '../../src/adapters/monday/documents.js'
import { itWithMondaySchema } from '../helpers/monday-schema.js'

const file = (name: string): string => readFileSync(new URL(`../../graphql/client/${name}`, import.meta.url), 'utf8')

describe('the documents the client sends', () => {
  it('documents.ts holds exactly the graphql/*.graphql documents (comments aside)', () => {
    expect(print(parse(COMPLEXITY_FRAGMENT))).toBe(print(parse(file('complexity.graphql'))))
    expect(print(parse(PROBE_QUERY))).toBe(print(parse(file('probe.graphql'))))
  })

  itWithMondaySchema('are valid against monday 2026-10, and so is every injected selection', ({ schema }) => {
    const docs = [
      PROBE_QUERY,
      withComplexity('query Q($ids: [ID!]) { boards(ids: $ids) { id } }').text,
      withComplexity('mutation M($b: ID!) { a0: create_item(board_id: $b, item_name: "x") { id } }').text
    ]
    for (const d of docs) expect(validate(schema, parse(d)).map(e => e.message)).toEqual([])
  })

  it('adds complexity to the root of each operation once, and leaves documents that select it', () => {
    const q = withComplexity('query { me { id } }')
    expect(q).toMatchObject({ injected: true, isMutation: false })
    expect(q.text).toMatch(/complexity \{\s+before\s+after\s+query\s+reset_in_x_seconds\s+\}\s*\}\s*$/)
    expect(withComplexity('query { me { id } }')).toBe(q)
    const m = withComplexity('mutation { a: create_item(board_id: 1, item_name: "x") { id } }')
    expect(m.isMutation).toBe(true)
    const has = withComplexity(PROBE_QUERY)
    expect(has).toEqual({ text: PROBE_QUERY, injected: false, isMutation: false })
    const frag = withComplexity('fragment F on User { id } query { me { ...F } }')
    expect(frag.text.match(/complexity/g)).toHaveLength(1)
  })
})
