import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { loadMondaySchema, missingSchemaMessage, schemaCandidates, underCi } from './monday-schema.js'

const ROOT = new URL('../../', import.meta.url).pathname

/** Runs schema-probe.ts (a schema test for version 1999-01, which exists nowhere) in a child jest. */
function runProbe(env: Record<string, string | undefined>): { status: number | null; out: string } {
  const res = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--coverage=false',
      '--testMatch',
      '**/__tests__/helpers/schema-probe.ts'
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }
  )
  return { status: res.status, out: `${res.stdout}${res.stderr}` }
}

describe('finding monday schema', () => {
  it('searches only $MONDAY_SCHEMA_DIR when it is set, else ../shared/monday', () => {
    expect(schemaCandidates('2026-10', { MONDAY_SCHEMA_DIR: '/tmp/sdl' })).toEqual(['/tmp/sdl/schema-2026-10.graphql'])
    expect(schemaCandidates('2026-10', {})).toEqual([
      expect.stringMatching(/\/shared\/monday\/schema-2026-10\.graphql$/)
    ])
  })

  it('says how to fetch a missing schema from monday', () => {
    expect(missingSchemaMessage('2026-07', {})).toContain(
      'https://api.monday.com/v2/get_schema?format=sdl&version=2026-07'
    )
  })

  it('treats CI=true as CI and CI=false or unset as not', () => {
    expect(underCi({ CI: 'true' })).toBe(true)
    expect(underCi({ CI: 'false' })).toBe(false)
    expect(underCi({})).toBe(false)
  })
})

describe('a schema test without a schema (child jest, version 1999-01 exists nowhere)', () => {
  it('fails under CI, and elsewhere is skipped with a notice', () => {
    const ci = runProbe({ CI: 'true', MONDAY_SCHEMA_DIR: undefined })
    expect(ci.status).toBe(1)
    expect(ci.out).toContain("monday's schema 1999-01 was not found")
    const local = runProbe({ CI: undefined, MONDAY_SCHEMA_DIR: undefined })
    expect(local.status).toBe(0)
    expect(local.out).toMatch(/SKIPPED "probe": monday's schema 1999-01 was not found/)
    expect(local.out).toMatch(/1 skipped/)
  })

  it('reads the schema from MONDAY_SCHEMA_DIR when the workflow fetched it there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ms-sdl-'))
    writeFileSync(join(dir, 'schema-1999-01.graphql'), 'type Query { me: String }\n')
    const before = process.env.MONDAY_SCHEMA_DIR
    process.env.MONDAY_SCHEMA_DIR = dir
    try {
      const found = loadMondaySchema('1999-01')
      expect(found.file).toBe(join(dir, 'schema-1999-01.graphql'))
      expect(Object.keys(found.schema.getQueryType()?.getFields() ?? {})).toEqual(['me'])
    } finally {
      if (before === undefined) delete process.env.MONDAY_SCHEMA_DIR
      else process.env.MONDAY_SCHEMA_DIR = before
    }
  })
})
