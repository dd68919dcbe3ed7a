/** Raw-HTTP helpers for the emulator's own tests (fetch only, never our client). */
import { startMondayEmulator, type MondayEmulator, type MondayEmulatorOptions } from '../../emulator/monday/index.js'

export interface Reply {
  status: number
  headers: Headers
  body: {
    data?: Record<string, unknown> | null
    errors?: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[]
    extensions?: Record<string, unknown>
    [key: string]: unknown
  }
}

/** A clock the test moves by hand (milliseconds). */
export class ManualClock {
  constructor(public t = Date.UTC(2026, 10, 23, 12, 0, 0)) {}
  now(): number {
    return this.t
  }
  advance(ms: number): void {
    this.t += ms
  }
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'test-token', ...headers },
    body: JSON.stringify({ query, variables })
  })
  const text = await res.text()
  // a gateway (504) answers in HTML, as proxies do
  const body = (text.startsWith('<') ? { html: text } : JSON.parse(text)) as Reply['body']
  return { status: res.status, headers: res.headers, body }
}

/** Starts an emulator for one test file; `stop()` closes it. */
export async function emulator(options: MondayEmulatorOptions = {}): Promise<MondayEmulator> {
  return await startMondayEmulator(options)
}

/** `data` of a reply, failing loudly when the reply carries errors. */
export function dataOf(reply: Reply): Record<string, unknown> {
  if (reply.body.errors !== undefined) throw new Error(`unexpected errors: ${JSON.stringify(reply.body.errors)}`)
  if (reply.body.data == null) throw new Error(`no data: ${JSON.stringify(reply.body)}`)
  return reply.body.data
}

export function codes(reply: Reply): unknown[] {
  return (reply.body.errors ?? []).map(e => e.extensions.code)
}
