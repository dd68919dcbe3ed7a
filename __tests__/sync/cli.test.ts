import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseCli } from '../../src/cli/args.js'
import { syncCommand, syncSettings } from '../../src/cli/commands/sync.js'
import type { CliIo } from '../../src/cli/io.js'
import { seededRandom as seeded } from '../../src/engine/clock.js'
import { type SyncHarness, startHarness, TIME_SCALE, verify } from './harness.js'
import { tsxCommand } from '../helpers/tsx.js'

const TOKEN = 'tok-SECRET-sync-42'

function captureIo(env: Record<string, string>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { env, out, err, stdout: t => void out.push(t), stderr: t => void err.push(t) }
}

/** The example configuration with a literal board id and small batches (many requests to kill between). */
function writeConfig(h: SyncHarness, batchMax: number): string {
  const file = join(h.dir, 'sync.toml')
  const text = readFileSync('configs/pipelines/sync_order_list.toml', 'utf8')
    .replace(/board_id = "\$\{MONDAY_BOARD_ID\}"/g, `board_id = "${h.boardId}"`)
    .replace('batch_size_max = 50', `batch_size_max = ${batchMax}`)
    .replace('concurrency = 8', 'concurrency = 4')
  writeFileSync(file, text)
  return file
}

/**
 * A pass-through proxy in front of the emulator that counts mutation requests and, at the chosen
 * one, kills the CLI after monday has executed it but before the answer arrives (the worst case).
 */
async function startKillProxy(
  target: string
): Promise<{ url: string; arm(n: number, kill: () => void): void; close(): Promise<void> }> {
  let remaining = Infinity
  let killer: (() => void) | null = null
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString()
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v
    const answer = await fetch(target, { method: 'POST', headers, body })
    const text = await answer.text()
    if (body.includes('mutation') && --remaining <= 0 && killer) {
      killer()
      killer = null
      res.destroy()
      return
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(text)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    arm: (n, kill) => {
      remaining = n
      killer = kill
    },
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
}

describe('monday-sync sync (CLI)', () => {
  let h: SyncHarness
  beforeAll(async () => {
    h = await startHarness({ orders: 150, linesPerOrder: 3 })
  })
  afterAll(() => h.close())

  it('plans a dry run, then syncs, prints progress and a table, writes the run folder and never the token', async () => {
    const config = writeConfig(h, 50)
    const env = {
      MONDAY_API_TOKEN: TOKEN,
      MONDAY_API_URL: h.emu.url,
      DATABASE_URL: h.dbUrl,
      MONDAY_SYNC_TIME_SCALE: String(TIME_SCALE)
    }
    const dry = captureIo(env)
    expect(
      await syncCommand(parseCli(['sync', '--config', config, '--dry-run', '--run-dir', join(h.dir, 'dry')]), dry)
    ).toBe(0)
    // 150 orders at the 18 create_item per request asyncBatch starts with (a third of the 60 s timeout)
    expect(dry.out.join('')).toMatch(/dry run: nothing was changed[\s\S]*"itemBatches": 9/)
    expect(h.emu.admin.items(h.boardId)).toHaveLength(0)

    const io = captureIo(env)
    const runDir = join(h.dir, 'run')
    expect(
      await syncCommand(parseCli(['sync', '--config', config, '--item-mode', 'batch', '--run-dir', runDir]), io)
    ).toBe(0)
    const out = io.out.join('')
    expect(out).toMatch(/Syncing ORDER_LIST to board \d+ \(development, batch\)/)
    expect(out).toMatch(/\d+\/600 rows\s+\d+ items\/s\s+eta/)
    expect(out).toMatch(/orders \(items\)\s+150\s+0\s+0\s+0\s+0\s+0\s+0/)
    expect(out).toMatch(/lines \(subitems\)\s+450\s+0\s+0\s+0\s+0\s+0\s+0/)
    expect(out + io.err.join('')).not.toContain(TOKEN)
    for (const file of ['task-graph.json', 'checkpoint.json', 'report.json']) {
      expect(readFileSync(join(runDir, file), 'utf8')).not.toContain(TOKEN)
    }
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as {
      itemsDone: number
      pipeline: string
    }
    expect(report).toMatchObject({ pipeline: 'sync', itemsDone: 600 })
    expect((await verify(h)).problems).toEqual([])
  })

  it('names the missing or bad setting', () => {
    expect(() => syncSettings(parseCli(['sync']), {})).toThrow(/--config FILE is required/)
    const args = parseCli(['sync', '--config', 'configs/pipelines/sync_order_list.toml'])
    expect(() => syncSettings(args, {})).toThrow(/MONDAY_API_TOKEN is not set/)
    const env = { MONDAY_API_TOKEN: TOKEN, MONDAY_BOARD_ID: '5' }
    expect(() => syncSettings({ ...args, itemMode: 'fast' }, env)).toThrow(
      /--item-mode must be one of single, batch, asyncBatch/
    )
    expect(() => syncSettings(args, { ...env, MONDAY_SYNC_TIME_SCALE: 'x' })).toThrow(/MONDAY_SYNC_TIME_SCALE/)
    const settings = syncSettings(args, { ...env, DB_PASSWORD: 'p' }, new Date('2026-01-01T00:00:00Z'))
    expect(settings).toMatchObject({
      databaseUrl: 'sqlite:./monday-sync.db',
      runDir: '.runs/sync-2026-01-01T00-00-00-000Z',
      dryRun: false
    })
  })
})

/** Kill points (mutation requests, after the two create_group) from a seed; KILL_SEED and KILL_CHAINS widen the sweep. */
function killChains(seed: number, chains: number, perChain: number, max: number): number[][] {
  const r = seeded(seed)
  return Array.from({ length: chains }, () => Array.from({ length: perChain }, () => 3 + Math.floor(r() * max)))
}

describe('monday-sync sync killed with SIGKILL', () => {
  it.each(killChains(Number(process.env.KILL_SEED ?? 20261123), Number(process.env.KILL_CHAINS ?? 3), 2, 40))(
    'killed after mutation %i, re-run and killed after mutation %i, re-run: every item exactly once',
    async (...points: number[]) => {
      const h = await startHarness({ orders: 120, linesPerOrder: 3 })
      const proxy = await startKillProxy(h.emu.url)
      try {
        const config = writeConfig(h, 10)
        const env = {
          ...process.env,
          MONDAY_API_TOKEN: TOKEN,
          MONDAY_API_URL: proxy.url,
          DATABASE_URL: h.dbUrl,
          MONDAY_SYNC_TIME_SCALE: String(TIME_SCALE)
        }
        const argv = ['src/cli.ts', 'sync', '--config', config, '--run-dir', join(h.dir, 'run')]
        let stdout = ''
        const run = (kill: number | null): Promise<number | string | null> =>
          new Promise(resolve => {
            // its own process group, so the kill reaches anything the CLI started
            const child = spawn(...tsxCommand(argv[0]!, argv.slice(1)), {
              env,
              stdio: ['ignore', 'pipe', 'pipe'],
              detached: true
            })
            stdout = ''
            child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
            child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
            if (kill !== null) {
              proxy.arm(kill, () => {
                try {
                  process.kill(-child.pid!, 'SIGKILL')
                } catch {
                  // already gone
                }
              })
            } else proxy.arm(Infinity, () => undefined)
            child.on('exit', (code, signal) => resolve(signal ?? code))
          })
        // a later run may finish before its kill point (fewer mutations left): the chain ends there
        let killed = false
        for (const [i, point] of points.entries()) {
          const outcome = await run(point)
          if (i === 0) expect(outcome).toBe('SIGKILL')
          else expect(['SIGKILL', 0]).toContain(outcome)
          killed = outcome === 'SIGKILL'
          if (!killed) break
        }
        if (killed) {
          expect(await run(null)).toBe(0)
          // the kill came after monday executed a batch: the last run found those rows in progress
          expect(stdout).toMatch(/reconciled \d+ (orders|lines): [1-9]\d* adopted/)
        }
        expect(stdout).not.toContain(TOKEN)
        expect(await verify(h)).toEqual({
          items: 120,
          subitems: 360,
          synced: { orders: 120, lines: 360 },
          problems: []
        })
      } finally {
        await proxy.close()
        await h.close()
      }
    }
  )
})
