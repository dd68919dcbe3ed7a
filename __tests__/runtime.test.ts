import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from '@jest/globals'

describe('runtime', () => {
  it('runs on Node 24, the runtime of the action', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24)
  })
  it('has the embedded database', () => {
    const db = new DatabaseSync(':memory:')
    expect(db.prepare('select 41 + 1 as n').get()).toEqual({ n: 42 })
  })
})
