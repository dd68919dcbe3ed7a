import { describe, expect, it } from '@jest/globals'
import { parse, validate } from 'graphql'
import {
  FIRST_PAGE,
  GROUP_FIRST_PAGE,
  ITEMS_COUNTS,
  NEXT_PAGE,
  itemsQuery
} from '../../src/pipelines/load-board/reader.js'
import { itWithMondaySchema } from '../helpers/monday-schema.js'

describe('load-board GraphQL documents', () => {
  itWithMondaySchema('are valid against monday 2026-10', ({ schema }) => {
    for (const document of [
      FIRST_PAGE,
      GROUP_FIRST_PAGE,
      NEXT_PAGE,
      ITEMS_COUNTS,
      itemsQuery(false),
      itemsQuery(true)
    ]) {
      expect(validate(schema, parse(document)).map(e => e.message)).toEqual([])
    }
  })

  it('asks items(ids:) for as many items as ids (the default limit is 25)', () => {
    expect(itemsQuery(false)).toMatch(/items\(ids: \$ids, limit: \$limit\)/)
    expect(itemsQuery(true)).toMatch(/subitems \{/)
    expect(itemsQuery(false)).not.toMatch(/subitems/)
  })
})
