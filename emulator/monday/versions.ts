/**
 * API versions as monday serves them on 2026-11 [VER]: no header means Current (2026-10);
 * 2024-10 and 2025-01 are routed to 2025-04; 2027-01 is the release candidate; `dev` is accepted;
 * a malformed value is InvalidVersionException (HTTP 200, an application error [ERR]).
 */

/** Error shapes: `legacy` (≤2024-07: ComplexityException, HTTP 200), `2025-04` (budget fields), `2026` (2025-07+). */
export type ErrorShape = 'legacy' | '2025-04' | '2026'

export interface ServedVersion {
  /** the version echoed in `API-Version` */
  value: string
  kind: string
  display_name: string
  shape: ErrorShape
}

export const CURRENT_VERSION = '2026-10'

const KINDS: Record<string, string> = {
  '2025-04': 'deprecated',
  '2025-07': 'deprecated',
  '2025-10': 'deprecated',
  '2026-01': 'old_previous_maintenance',
  '2026-04': 'previous_maintenance',
  '2026-07': 'maintenance',
  '2026-10': 'current',
  '2027-01': 'release_candidate'
}
/**
 * `dev`: the version under development [VER]; monday's own SDK and agent toolkit send it. Served with the
 * newest behaviour: the string 'dev' sorts after every YYYY-MM, so every "since version" gate lets it in.
 */
export const DEV_VERSION = 'dev'
const ROUTED: Record<string, string> = { '2024-10': '2025-04', '2025-01': '2025-04' }
const VERSION_RE = /^(\d{4})-(01|04|07|10)$/

/** The served version, or null when the header is malformed or names no version. */
export function resolveVersion(header: string | undefined, legacyErrors = false): ServedVersion | null {
  const asked = header === undefined || header.trim() === '' ? CURRENT_VERSION : header.trim()
  if (asked === DEV_VERSION) return { value: DEV_VERSION, kind: 'dev', display_name: DEV_VERSION, shape: '2026' }
  if (!VERSION_RE.test(asked)) return null
  const value = ROUTED[asked] ?? asked
  const kind = KINDS[value]
  const legacy = value < '2024-10'
  if (kind === undefined && !(legacy && value >= '2023-01')) return null
  const shape: ErrorShape = legacyErrors || legacy ? 'legacy' : value === '2025-04' ? '2025-04' : '2026'
  const display = kind === 'current' ? `${value} (Current)` : value
  return { value, kind: kind ?? 'deprecated', display_name: display, shape }
}
