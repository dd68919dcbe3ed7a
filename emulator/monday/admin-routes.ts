/** The admin API over HTTP, for child processes (CLI tests, benchmarks). */
import type { HttpReply } from './error-shapes.js'
import type { EmulatorAdmin } from './types.js'

function ok(body: unknown): HttpReply {
  return { status: 200, headers: {}, body }
}

function fail(status: number, message: string): HttpReply {
  return { status, headers: {}, body: { error: message } }
}

function json(body: string): unknown {
  return body.trim() === '' ? {} : JSON.parse(body)
}

/** `POST /admin/boards`, `GET /admin/boards/:id/items`, `GET /admin/stats`, `POST /admin/{reset,limits,faults,latency}`. */
export function handleAdminRoute(admin: EmulatorAdmin, method: string, path: string, body: string): HttpReply {
  try {
    const items = /^\/admin\/boards\/([^/]+)\/items$/.exec(path)
    if (method === 'GET' && items?.[1] !== undefined) return ok(admin.items(decodeURIComponent(items[1])))
    if (method === 'GET' && path === '/admin/stats') return ok(admin.stats())
    if (method !== 'POST') return fail(404, `No admin route ${method} ${path}`)
    switch (path) {
      case '/admin/boards':
        return ok(admin.createBoard(json(body) as Parameters<EmulatorAdmin['createBoard']>[0]))
      case '/admin/reset':
        admin.reset()
        return ok({ ok: true })
      case '/admin/limits':
        admin.setLimits(json(body) as Parameters<EmulatorAdmin['setLimits']>[0])
        return ok({ ok: true })
      case '/admin/faults':
        admin.setFaults(json(body) as Parameters<EmulatorAdmin['setFaults']>[0])
        return ok({ ok: true })
      case '/admin/latency':
        admin.setLatency(json(body) as Parameters<EmulatorAdmin['setLatency']>[0])
        return ok({ ok: true })
      default:
        return fail(404, `No admin route ${method} ${path}`)
    }
  } catch (e) {
    return fail(400, e instanceof Error ? e.message : String(e))
  }
}
