import { spawn } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { optionsFromArgs } from '../../emulator/monday/cli.js'
import { post } from './http.js'
import { tsxCommand } from '../helpers/tsx.js'

describe('emulator CLI', () => {
  it('turns flags into options', () => {
    expect(
      optionsFromArgs([
        '--port',
        '4555',
        '--plan',
        'basic',
        '--token',
        'T',
        '--time-scale',
        '60',
        '--latency-ms',
        '20',
        '--fault-rate',
        '0.2',
        '--seed',
        '7',
        '--legacy-errors'
      ])
    ).toEqual({
      port: 4555,
      plan: 'basic',
      token: 'T',
      timeScale: 60,
      latency: { baseMs: 20, jitter: 0.2 },
      faults: { error500: 0.1, error502: 0.05, error504: 0.05 },
      seed: 7,
      legacyErrors: true
    })
    expect(optionsFromArgs([])).toEqual({ plan: 'pro', port: 0, latency: 'monday' })
    expect(optionsFromArgs(['--latency', 'none'])).toMatchObject({ latency: 'none' })
    expect(optionsFromArgs(['--latency', 'emulator/monday/profiles/monday.json'])).toMatchObject({
      latency: { name: 'monday', mutations: { create_item: { medianMs: 826 } } }
    })
    expect(() => optionsFromArgs(['--latency', 'no-such.json'])).toThrow(/cannot read latency profile/)
    expect(() => optionsFromArgs(['--plan', 'gold'])).toThrow(/--plan must be one of/)
    expect(() => optionsFromArgs(['--port=-1'])).toThrow(/--port must be a non-negative number/)
    expect(() => optionsFromArgs(['--bogus'])).toThrow()
  })

  it('starts with npm run emulator, prints how to point the CLI at it, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      ...tsxCommand('emulator/monday/cli.ts', ['--port', '0', '--plan', 'enterprise', '--token', 'tok']),
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 120_000)
      child.stdout.on('data', () => {
        const m = /MONDAY_API_URL=(\S+) MONDAY_API_TOKEN=tok monday-sync/.exec(out)
        if (m?.[1] !== undefined) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
    })
    const reply = await post(url, '{ me { id } }', {}, { Authorization: 'tok' })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('ratelimit-policy')).toContain('"minuteRate";q=5000')
    const code = await new Promise<number | null>(resolve => {
      child.on('exit', c => resolve(c))
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
    expect(out).toContain('SIGTERM: stopping the emulator')
  })
})
