import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { buildSchema, parse, validate } from 'graphql'
import { FIRST_PAGE, ITEMS_COUNTS, NEXT_PAGE, itemsQuery } from '../../src/pipelines/load-board/reader.js'

const SCHEMA = '../shared/monday/schema-2026-10.graphql'
const present = existsSync(SCHEMA)
if (!present) process.stdout.write(`load-board documents not validated: ${SCHEMA} does not exist\n`)

describe('load-board GraphQL documents', () => {
  ;(present ? it : it.skip)('are valid against monday 2026-10', () => {
    const schema = buildSchema(readFileSync(SCHEMA, 'utf8'), { assumeValidSDL: true })
    for (const document of [FIRST_PAGE, NEXT_PAGE, ITEMS_COUNTS, itemsQuery(false), itemsQuery(true)]) {
      expect(validate(schema, parse(document)).map(e => e.message)).toEqual([])
    }
  })

  it('asks items(ids:) for as many items as ids (the default limit is 25)', () => {
    expect(itemsQuery(false)).toMatch(/items\(ids: \$ids, limit: \$limit\)/)
    expect(itemsQuery(true)).toMatch(/subitems \{/)
    expect(itemsQuery(false)).not.toMatch(/subitems/)
  })
})
