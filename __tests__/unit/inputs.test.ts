import { readFileSync } from 'node:fs'
import { describe, expect, it, jest } from '@jest/globals'
import { INPUTS, maskDatabaseUrl, parseInputs } from '../../src/action/inputs.js'
import { OUTPUTS } from '../../src/action/report-outputs.js'
import { parseCli } from '../../src/cli/args.js'

const getter =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? ''

describe('action inputs', () => {
  it('parses a full set into a typed object', () => {
    const inputs = parseInputs(
      getter({
        [INPUTS.command]: 'load-board',
        [INPUTS.itemMode]: 'batch',
        [INPUTS.boardId]: '123, 456',
        [INPUTS.batchSize]: '25',
        [INPUTS.dryRun]: 'true',
        [INPUTS.mondayToken]: 'tok'
      })
    )
    expect(inputs).toMatchObject({
      command: 'load-board',
      itemMode: 'batch',
      boardIds: ['123', '456'],
      batchSize: 25,
      dryRun: true,
      resumeFrom: 'auto',
      checkpointRetentionDays: 3,
      resumeMaxAgeHours: 12
    })
    const scoped = parseInputs(
      getter({
        [INPUTS.mondayToken]: 'tok',
        [INPUTS.artifactScope]: ' eu ',
        [INPUTS.checkpointRetentionDays]: '1',
        [INPUTS.resumeMaxAgeHours]: '30'
      })
    )
    expect(scoped).toMatchObject({ artifactScope: 'eu', checkpointRetentionDays: 1, resumeMaxAgeHours: 30 })
  })

  it.each([
    [INPUTS.command, 'push', /Input "command" must be one of sync, load-board; got "push"/],
    [INPUTS.itemMode, 'fast', /Input "item-mode" must be one of single, batch, asyncBatch/],
    [INPUTS.batchSize, '0', /Input "batch-size" must be a whole number/],
    [INPUTS.dryRun, 'yes', /Input "dry-run" must be true or false/],
    [INPUTS.boardId, 'abc', /Input "board-id" must be numeric/],
    [INPUTS.resumeFrom, 'latest', /Input "resume-from" must be auto, none or a run id/],
    [INPUTS.checkpointRetentionDays, '0', /Input "checkpoint-retention-days" must be a whole number/],
    [INPUTS.resumeMaxAgeHours, '1.5', /Input "resume-max-age-hours" must be a whole number/]
  ])('rejects a bad %s naming the input', (name, value, message) => {
    expect(() => parseInputs(getter({ [INPUTS.mondayToken]: 'tok', [name]: value }))).toThrow(message)
  })

  it('treats an unexpanded ${{ github.token }} default (local runners) as no token', () => {
    const inputs = parseInputs(getter({ [INPUTS.mondayToken]: 'tok', [INPUTS.githubToken]: '${{ github.token }}' }))
    expect(inputs.githubToken).toBeUndefined()
  })

  it('declares in action.yml exactly the inputs and outputs the code reads and sets', () => {
    const yml = readFileSync('action.yml', 'utf8')
    const section = (name: string): string[] => {
      const body = yml.split(new RegExp(`^${name}:\\n`, 'm'))[1]!.split(/^\S/m)[0]!
      return [...body.matchAll(/^ {2}([a-z-]+):$/gm)].map(m => m[1]!).sort()
    }
    expect(section('inputs')).toEqual(Object.values(INPUTS).sort())
    expect(section('outputs')).toEqual(Object.values(OUTPUTS).sort())
    expect(yml).toMatch(/^ {2}using: node24$/m)
  })

  it('requires the monday token', () => {
    expect(() => parseInputs(getter({}))).toThrow(/monday-token" is required/)
  })

  it('masks the token, the database URL and its password (raw and decoded) before parsing anything else', () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    try {
      parseInputs(
        getter({ [INPUTS.mondayToken]: 'tok-1', [INPUTS.databaseUrl]: 'mssql://sync:p%40ss@db.internal:1433/ORDERS' })
      )
      maskDatabaseUrl('Server=db;User Id=sa;Password=s3cret;')
      maskDatabaseUrl('')
    } finally {
      spy.mockRestore()
    }
    const masks = written.join('').trim().split(/\r?\n/)
    expect(masks.slice(0, 2)).toEqual([
      '::add-mask::tok-1',
      '::add-mask::mssql://sync:p%2540ss@db.internal:1433/ORDERS' // % is escaped as %25 in commands
    ])
    // every spelling of the password: decoded, URL-encoded, JSON- and HTML-escaped
    expect(masks).toEqual(
      expect.arrayContaining([
        '::add-mask::p@ss',
        '::add-mask::p%2540ss',
        '::add-mask::Server=db;User Id=sa;Password=s3cret;',
        '::add-mask::s3cret'
      ])
    )
    expect(new Set(masks).size).toBe(masks.length)
  })

  it('masks the password given on its own, and a user@server login does not hide it from the masks', () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    let inputs: ReturnType<typeof parseInputs>
    try {
      inputs = parseInputs(
        getter({
          [INPUTS.mondayToken]: 'tok-1',
          [INPUTS.databaseUrl]: 'mssql://sync@myserver:p@ss:w0rd/x@myserver.database.windows.net/orders',
          [INPUTS.databasePassword]: 'Other"P<ss>'
        })
      )
    } finally {
      spy.mockRestore()
    }
    expect(inputs.databasePassword).toBe('Other"P<ss>')
    const masks = written.join('').trim().split(/\r?\n/)
    expect(masks).toEqual(
      expect.arrayContaining([
        '::add-mask::p@ss:w0rd/x',
        '::add-mask::p%2540ss%253Aw0rd%252Fx',
        '::add-mask::Other"P<ss>',
        '::add-mask::Other\\"P<ss>',
        '::add-mask::Other&quot;P&lt;ss&gt;'
      ])
    )
  })
})

describe('command line', () => {
  it('parses sync flags', () => {
    expect(parseCli(['sync', '--config', 'a.toml', '--item-mode', 'single', '--dry-run'])).toMatchObject({
      command: 'sync',
      config: 'a.toml',
      itemMode: 'single',
      dryRun: true
    })
  })
  it('collects several boards', () => {
    expect(parseCli(['load-board', '--board', '1', '--board', '2']).boards).toEqual(['1', '2'])
  })
  it('names a bad flag', () => {
    expect(() => parseCli(['load-board', '--concurrency', 'x'])).toThrow(/--concurrency must be a whole number/)
    expect(() => parseCli(['push'])).toThrow(/Unknown command "push"/)
  })
})
