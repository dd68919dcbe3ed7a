/**
 * SQL column names made from monday column titles: plain identifiers (`[a-z_][a-z0-9_]*`, the
 * only names the Database seam quotes), so an analyst rarely has to quote them. Accents are
 * dropped (`Größe` → `grosse`), other characters become `_`, a title with nothing
 * left (`日付`) falls back to the monday column id, and a name is cut to fit SQL Server's
 * 128-character limit with a suffix (`_ids`, `_2`) still to come. Names are compared without
 * case, as SQL Server (default collations) and SQLite compare them. The monday title of every
 * column stays in `monday_sync_columns`.
 */

/** Longest base name: 128 less room for `_from` and a `_999` duplicate counter. */
export const MAX_BASE_LENGTH = 112

/** Latin letters that do not decompose into a base letter and an accent. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' }

function plain(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, c => LETTERS[c] ?? c)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** A safe identifier from a monday title, e.g. `Due date` → `due_date`, `Größe (cm)` → `grosse_cm`. */
export function nameFromTitle(title: string, fallback: string): string {
  const name = (plain(title) || plain(fallback) || 'column').slice(0, MAX_BASE_LENGTH).replace(/_+$/, '')
  return /^[0-9]/.test(name) ? `c_${name}` : name
}

/** Hands out names that are unique without regard to case. */
export class NameAllocator {
  private readonly taken = new Set<string>()

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase())
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase())
  }

  reserve(name: string): void {
    this.taken.add(name.toLowerCase())
  }

  /** `base` (with `_suffix`) if free, else `base_2`, `base_3`, …; the name is then taken. */
  allocate(base: string, suffix = ''): string {
    const tail = suffix ? `_${suffix}` : ''
    let name = `${base}${tail}`
    for (let n = 2; this.has(name); n += 1) name = `${base}_${n}${tail}`
    this.reserve(name)
    return name
  }
}
