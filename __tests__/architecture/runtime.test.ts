import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { REQUIRED_NODE_MAJOR, runtimeProblem } from '../../src/cli/runtime.js'
import { loadedAtStart } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DRIVERS = ['node:sqlite', 'mssql']

describe('the CLI on an older Node', () => {
  it('loads no database driver before a database is opened, from either entry point', () => {
    for (const entry of ['src/cli.ts', 'src/main.ts']) {
      const loaded = loadedAtStart(ROOT, entry)
      expect(loaded.size).toBeGreaterThan(3)
      const drivers = [...loaded].flatMap(([file, packages]) =>
        packages.filter(p => DRIVERS.includes(p)).map(p => `${file} → ${p}`)
      )
      expect(drivers).toEqual([])
    }
  })

  it('loads no command before it knows the Node is recent enough (so --help and --version run anywhere)', () => {
    const loaded = [...loadedAtStart(ROOT, 'src/cli.ts').keys()]
    expect(loaded.filter(f => f.startsWith('src/cli/commands/') || f.startsWith('src/jobs/'))).toEqual([])
  })

  it('names the Node it needs and how to get it, in one line, on an older one', () => {
    const problem = runtimeProblem('20.20.2')
    expect(problem).toMatch(
      /^monday-sync needs Node\.js 24 or later \(this is Node\.js 20\.20\.2\); .*nodejs\.org.*\n$/
    )
    expect(problem?.trimEnd()).not.toContain('\n')
    expect(runtimeProblem('24.0.0')).toBeNull()
    expect(runtimeProblem('25.1.0')).toBeNull()
  })

  it('asks for the Node major that package.json engines declares', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { engines: { node: string } }
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`)
  })
})
