import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { loadBoardCommand } from '../../src/cli/commands/load-board.js'
import { syncCommand } from '../../src/cli/commands/sync.js'
import { type CliIo, redactingIo } from '../../src/cli/io.js'
import { messageOf } from '../../src/errors.js'
import { secrets } from '../../src/redaction.js'
import { passwords } from '../helpers/passwords.js'
import { FakeBoard } from '../load-board/fake-board.js'
import { startFakeMonday } from '../load-board/fake-monday-server.js'
import { writeSyncConfig } from './sync-setup.js'

/** Every file below `dir` with its text. */
function filesBelow(dir: string): { where: string; text: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesBelow(path) : [{ where: path, text: readFileSync(path, 'utf8') }]
  })
}

/** Every spelling of `password` a reader could recognise. */
const spellings = (password: string): string[] => [
  password,
  encodeURIComponent(password),
  JSON.stringify(password).slice(1, -1)
]

/**
 * Runs one CLI command in process as `monday-sync` would: output through the redacting streams,
 * a thrown error printed as `monday-sync: message` (src/cli.ts). Returns every text it left.
 */
async function runCli(
  command: (io: CliIo) => Promise<number>,
  env: Record<string, string>,
  runDir: string
): Promise<{ where: string; text: string }[]> {
  let stdout = ''
  let stderr = ''
  const io = redactingIo({ env, stdout: t => void (stdout += t), stderr: t => void (stderr += t) })
  let thrown = ''
  await command(io).catch((e: unknown) => {
    thrown = messageOf(e)
    io.stderr(`monday-sync: ${thrown}\n`)
  })
  expect(stderr).toMatch(/127\.0\.0\.1:9|cannot connect/)
  return [
    { where: 'stdout', text: stdout },
    { where: 'stderr', text: stderr },
    // the error itself, before any redaction of the streams: the adapter masked it already
    { where: 'error message', text: thrown },
    ...filesBelow(runDir)
  ]
}

describe('property: a generated password never appears in printed text or artifacts', () => {
  let monday: Awaited<ReturnType<typeof startFakeMonday>>
  beforeAll(async () => {
    monday = await startFakeMonday([FakeBoard.make('42', 5)])
  })
  afterAll(async () => {
    await monday.close()
    secrets.clear()
  })

  const password = passwords()

  it('sync and load-board, password in the URL, by ${reference} or on its own, user or user@server', async () => {
    await fc.assert(
      fc.asyncProperty(
        password,
        fc.constantFrom('url', 'reference', 'own'),
        fc.constantFrom('sync_user', 'sync_user@myserver'),
        fc.constantFrom('sync', 'load-board'),
        async (pw, where, user, command) => {
          secrets.clear()
          const dir = mkdtempSync(join(tmpdir(), 'secret-prop-'))
          const runDir = join(dir, 'run')
          const base = `127.0.0.1:9/ORDERS?connectTimeout=2000`
          const env: Record<string, string> = { MONDAY_API_TOKEN: 'tok-prop-0001', MONDAY_API_URL: monday.url }
          let url = `mssql://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@${base}`
          if (where === 'own') {
            url = `mssql://${user}@${base}`
            env.DATABASE_PASSWORD = pw
          }
          if (where === 'reference') {
            url = `mssql://${user}:\${DB_PASSWORD}@${base}`
            env.DB_PASSWORD = pw
          }
          const config = writeSyncConfig(dir, '42')
          writeFileSync(
            config,
            readFileSync(config, 'utf8').replace(
              /database_url = "mssql:[^"]*"/,
              `database_url = "${url.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
            )
          )
          const args = {
            boards: ['42'],
            config,
            environment: 'production',
            dryRun: false,
            runDir
          }
          const texts = await runCli(
            io =>
              command === 'sync'
                ? syncCommand({ ...args, command: 'sync', boards: [] }, io)
                : loadBoardCommand({ ...args, command: 'load-board' }, io),
            env,
            runDir
          )
          const found = texts.flatMap(t =>
            spellings(pw)
              .filter(s => t.text.includes(s))
              .map(s => `${t.where}: ${s}`)
          )
          expect(found).toEqual([])
        }
      ),
      { seed: 1905, numRuns: 24 }
    )
  })
})
