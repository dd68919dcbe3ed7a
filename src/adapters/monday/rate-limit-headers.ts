/**
 * The IETF-draft rate-limit headers monday sends (API-FACTS.md, Rate limits; docs of 2026-09):
 * `RateLimit-Policy: "minuteRate";q=5000;w=60, "concurrency";q=250, "complexityMinute";q=5000000;w=60`
 * `RateLimit: "minuteRate";r=4999, "concurrency";r=249, "complexityMinute";r=4950000;t=45`
 */

/** Parameters of one named limit: `q` quota, `w` window seconds, `r` remaining, `t` seconds to reset. */
export type LimitParams = Partial<Record<'q' | 'w' | 'r' | 't', number>>

/** Parses a structured-field list of `"name";key=value` items into name → params. */
export function parseRateLimitHeader(header: string | null | undefined): Map<string, LimitParams> {
  const out = new Map<string, LimitParams>()
  if (!header) return out
  for (const item of header.split(',')) {
    const [rawName, ...params] = item.split(';').map(s => s.trim())
    if (!rawName) continue
    const name = rawName.replace(/^"|"$/g, '')
    const values: LimitParams = {}
    for (const param of params) {
      const [key, value] = param.split('=').map(s => s.trim())
      const n = Number(value)
      if ((key === 'q' || key === 'w' || key === 'r' || key === 't') && value !== undefined && Number.isFinite(n))
        values[key] = n
    }
    out.set(name, values)
  }
  return out
}

/** What the headers of one response say, in monday units (points, requests, seconds). */
export interface RateLimitInfo {
  complexity?: LimitParams
  minuteRate?: LimitParams
  concurrency?: LimitParams
}

/** Reads both headers; policy values (`q`, `w`) and state values (`r`, `t`) merged per limit. */
export function readRateLimitHeaders(headers: Headers): RateLimitInfo {
  const policy = parseRateLimitHeader(headers.get('ratelimit-policy'))
  const state = parseRateLimitHeader(headers.get('ratelimit'))
  const merged = (name: string): LimitParams | undefined => {
    const p = policy.get(name)
    const s = state.get(name)
    return p || s ? { ...p, ...s } : undefined
  }
  const info: RateLimitInfo = {}
  const complexity = merged('complexityMinute')
  const minuteRate = merged('minuteRate')
  const concurrency = merged('concurrency')
  if (complexity) info.complexity = complexity
  if (minuteRate) info.minuteRate = minuteRate
  if (concurrency) info.concurrency = concurrency
  return info
}
