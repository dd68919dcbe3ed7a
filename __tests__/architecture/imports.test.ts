import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { importCycles, importGraph } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const graph = importGraph(ROOT, 'src')

describe('the import graph of src/', () => {
  it('reads every module', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect(graph.get('src/cli.ts')).toContain('src/cli/args.ts')
  })

  it('has no cycle', () => {
    expect(importCycles(graph)).toEqual([])
  })

  it('has no arrow into src/cli from outside it: the CLI is a caller, never a dependency', () => {
    const inbound = [...graph]
      .filter(([from]) => !from.startsWith('src/cli/') && from !== 'src/cli.ts')
      .flatMap(([from, targets]) => targets.filter(to => to.startsWith('src/cli')).map(to => `${from} → ${to}`))
    expect(inbound).toEqual([])
  })

  it('finds a cycle when there is one (the check itself works)', () => {
    const fake = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']]
    ])
    expect(importCycles(fake)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })
})
