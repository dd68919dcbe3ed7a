import type { ErrorClass } from '../../engine/run-types.js'

/**
 * The class of a failure as the engine classified it. The engine's errors carry `errorClass`;
 * monday's legacy cursor error is recognised by its name or message (`CursorExpiredError`,
 * API-FACTS "Expired cursor").
 */
export function errorClassOf(e: unknown): ErrorClass {
  if (e && typeof e === 'object') {
    const tagged = e as { errorClass?: unknown; classification?: unknown; name?: unknown; code?: unknown }
    for (const value of [tagged.errorClass, tagged.classification]) {
      if (typeof value === 'string') return value as ErrorClass
      if (value && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string') {
        return (value as { kind: ErrorClass }).kind
      }
    }
    if (tagged.name === 'CursorExpiredError' || tagged.code === 'CursorExpiredError') return 'cursor_expired'
  }
  const message = e instanceof Error ? e.message : String(e)
  if (/CursorExpired|CursorException|cursor .*expired/i.test(message)) return 'cursor_expired'
  return 'unknown'
}
