import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { INPUTS, parseInputs } from '../../src/action/inputs.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { startHarness } from '../sync/harness.js'
import { plantRows } from './bad-rows.js'
import { startCli } from './child.js'
import { syncEnv, writeSyncConfig } from './sync-setup.js'
import { count } from './tally.js'

const TOKEN = 'tok-SECRET-9d41c7e2'
const PASSWORD = 'pw@SECRET:b7/19'
const ENCODED = encodeURIComponent(PASSWORD)
/** Every spelling of a secret that must not appear anywhere. */
const SECRETS = [TOKEN, PASSWORD, ENCODED, TOKEN.slice(4), 'SECRET-9d41', 'SECRET:b7']

/** Every file below `dir` (the run folder's artifacts), with its text. */
function filesBelow(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesBelow(path) : [{ file: path, text: readFileSync(path, 'latin1') }]
  })
}

/** No text holds a secret (the failure lists each as `where: secret`); counts the texts scanned. */
function expectNoLeaks(texts: { where: string; text: string }[]): void {
  expect(texts.flatMap(t => SECRETS.filter(s => t.text.includes(s)).map(s => `${t.where}: ${s}`))).toEqual([])
  count('texts', texts.length)
}

describe('secrets never reach output or artifacts', () => {
  let refusing: Server
  let refusingUrl = ''
  let fake: Awaited<ReturnType<typeof startFakeMonday>>
  const seenTokens: string[] = []

  beforeAll(async () => {
    // monday's answer to a bad token [ERR]: HTTP 401
    refusing = createServer((req, res) => {
      seenTokens.push(String(req.headers.authorization))
      req.resume()
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errors: [{ message: 'Not Authenticated', extensions: { code: 'Unauthorized' } }] }))
      })
    })
    await new Promise<void>(resolve => refusing.listen(0, '127.0.0.1', resolve))
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v2`
    fake = await startFakeMonday([FakeBoard.make('42', 120)])
  })
  afterAll(async () => {
    await new Promise<void>(resolve => refusing.close(() => resolve()))
    await fake.close()
  })

  /** Runs the CLI in a fresh folder; returns its output and artifacts. */
  async function failingRun(
    name: string,
    env: (dir: string) => Record<string, string>,
    extra: (dir: string) => string[] = () => []
  ): Promise<{ code: number | null; stdout: string; stderr: string; texts: { where: string; text: string }[] }> {
    const dir = mkdtempSync(join(tmpdir(), `rel-secret-${name}-`))
    const runDir = join(dir, 'run')
    const child = startCli(['load-board', '--board', '42', '--run-dir', runDir, ...extra(dir)], env(dir))
    const result = await child.done
    const texts = [
      { where: 'stdout', text: result.stdout },
      { where: 'stderr', text: result.stderr },
      ...filesBelow(runDir).map(f => ({ where: f.file, text: f.text }))
    ]
    return { code: result.code, stdout: result.stdout, stderr: result.stderr, texts }
  }

  it('a token monday refuses (401): the run fails, says why, and prints neither secret', async () => {
    const run = await failingRun('401', dir => ({
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: refusingUrl,
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`
    }))
    expect(run.code).toBe(1)
    expect(run.stdout + run.stderr).toMatch(/Not Authenticated/)
    expect(seenTokens).toContain(TOKEN)
    expectNoLeaks(run.texts)
    expect(run.texts.length).toBeGreaterThan(2)
  })

  it('a SQL Server that cannot be reached: the URL is shown without its password', async () => {
    const run = await failingRun('mssql', () => ({
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: fake.url,
      DATABASE_URL: `mssql://sync_user:${ENCODED}@127.0.0.1:9/orders`
    }))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/127\.0\.0\.1:9/)
    expectNoLeaks(run.texts)
  })

  it('the password in the configuration file: neither secret is printed', async () => {
    const run = await failingRun(
      'config',
      () => ({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: fake.url }),
      dir => {
        const config = join(dir, 'monday-sync.toml')
        writeFileSync(
          config,
          `[environments.prod]\ndatabase_url = "Server=127.0.0.1,9;Database=orders;User Id=sync;Password=${PASSWORD};"\n`
        )
        return ['--config', config, '--environment', 'prod']
      }
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/DATABASE_URL/)
    expectNoLeaks(run.texts)
  })

  it('a board monday does not have, next to one it has: the run fails for that board only, no secret printed', async () => {
    const run = await failingRun(
      'board',
      dir => ({ MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: fake.url, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` }),
      () => ['--board', '43']
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^42\s+120\s+120\s+120/m)
    expect(run.texts.some(t => t.where.endsWith('report.json'))).toBe(true)
    expectNoLeaks(run.texts)
  })

  it('the action masks the token and the database password (core.setSecret) before anything else', () => {
    const written: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array): boolean => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
    try {
      for (const databaseUrl of [
        `mssql://sync_user:${ENCODED}@db.example:1433/orders`,
        `Server=db.example;Database=orders;User Id=sync;Password=${PASSWORD};`
      ]) {
        const values: Record<string, string> = { [INPUTS.mondayToken]: TOKEN, [INPUTS.databaseUrl]: databaseUrl }
        // a bad input after the secrets: they are masked even though parsing fails
        values[INPUTS.batchSize] = 'many'
        expect(() => parseInputs(name => values[name] ?? '')).toThrow(/batch-size/)
      }
    } finally {
      process.stdout.write = write
    }
    // workflow commands escape their data (% \r \n); the runner masks the unescaped value
    const masks = written
      .join('')
      .split('\n')
      .filter(l => l.startsWith('::add-mask::'))
      .map(l => l.trimEnd().replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
    expect(masks).toEqual(expect.arrayContaining([`::add-mask::${TOKEN}`, `::add-mask::${PASSWORD}`]))
    expect(masks).toContain(`::add-mask::${ENCODED}`)
  })
})

describe('sync: secrets never reach output or artifacts', () => {
  /** Runs `monday-sync sync` and returns its streams and every file of its run folder. */
  async function syncRun(argv: string[], env: Record<string, string>, runDir: string) {
    const result = await startCli(['sync', ...argv, '--run-dir', runDir], env).done
    const texts = [
      { where: 'stdout', text: result.stdout },
      { where: 'stderr', text: result.stderr },
      ...filesBelow(runDir).map(f => ({ where: f.file, text: f.text }))
    ]
    return { ...result, texts }
  }

  it('rows that fail and a token monday refuses: exit 1, reasons shown, no secret anywhere', async () => {
    const h = await startHarness({ orders: 30, linesPerOrder: 2 })
    try {
      await plantRows(h.db)
      const config = writeSyncConfig(h.dir, h.boardId)
      const failing = await syncRun(['--config', config], syncEnv(TOKEN, h.emu.url, h.dbUrl), join(h.dir, 'run'))
      expect(failing.code).toBe(1)
      expect(failing.stdout).toMatch(/failed/)
      expectNoLeaks(failing.texts)
    } finally {
      await h.close()
    }
    const locked = await startHarness({ orders: 5, linesPerOrder: 1 }, { token: 'the-only-good-token' })
    try {
      const config = writeSyncConfig(locked.dir, locked.boardId)
      const refused = await syncRun(
        ['--config', config],
        syncEnv(TOKEN, locked.emu.url, locked.dbUrl),
        join(locked.dir, 'run')
      )
      expect(refused.code).toBe(1)
      expect(refused.stdout + refused.stderr).toMatch(/401|auth|token/i)
      expectNoLeaks(refused.texts)
    } finally {
      await locked.close()
    }
  })

  it('the production database URL with its password from the environment: never printed', async () => {
    const h = await startHarness({ orders: 1, linesPerOrder: 1 })
    try {
      const config = writeSyncConfig(h.dir, h.boardId)
      writeFileSync(config, readFileSync(config, 'utf8').replace('sql.example.internal:1433', '127.0.0.1:9'))
      const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_API_URL: h.emu.url, DB_PASSWORD: ENCODED }
      const run = await syncRun(['--config', config, '--environment', 'production'], env, join(h.dir, 'run'))
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/127\.0\.0\.1/)
      expectNoLeaks(run.texts)
    } finally {
      await h.close()
    }
  })
})
