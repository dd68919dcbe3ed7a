import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { openDatabase } from '../src/adapters/sql/open.js'

const text = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const major = (version: string): number => Number(/\d+/.exec(version)?.[0])

describe('the runtime the project declares', () => {
  it('is one Node major everywhere: action.yml, engines, the node dev dependency, CI, and this process', () => {
    const pkg = JSON.parse(text('package.json')) as {
      engines: { node: string }
      devDependencies: Record<string, string>
    }
    const action = /^\s*using:\s*node(\d+)\s*$/m.exec(text('action.yml'))?.[1]
    const ci = [...text('.github/workflows/ci.yml').matchAll(/node-version:\s*(\d+)/g)].map(m => Number(m[1]))
    const majors = {
      action: Number(action),
      engines: major(pkg.engines.node),
      devDependency: major(pkg.devDependencies.node ?? ''),
      ci: [...new Set(ci)],
      process: major(process.versions.node)
    }
    expect(majors).toEqual({ action: 24, engines: 24, devDependency: 24, ci: [24], process: 24 })
  })

  it("runs the project's embedded database adapter (node:sqlite) through openDatabase", async () => {
    const db = await openDatabase('sqlite::memory:')
    try {
      await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
      await db.execute('INSERT INTO t (id, name) VALUES (@id, @name)', { id: 42, name: 'é "quoted"' })
      expect(await db.query('SELECT id, name FROM t')).toEqual([{ id: 42, name: 'é "quoted"' }])
    } finally {
      await db.close()
    }
  })
})
