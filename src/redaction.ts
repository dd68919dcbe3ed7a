import { escapeHtml } from './adapters/github/html.js'

/**
 * Redaction by value: every secret the process learns (monday token, GitHub token, database
 * password, a database URL) is registered here, and every text that leaves the process (CLI
 * output, run folder files, artifacts, the job summary, issues, the action's failure message)
 * passes through `redact`. Masking by pattern alone misses passwords that break the pattern
 * (`user@server` logins, `@` or `:` inside the password); masking by value does not.
 */

/** Forms shorter than this are not masked: a one-letter "secret" would blank every word. */
const MIN_LENGTH = 4

/** The replacement of every secret form. */
export const MASK = '***'

/** `%XX` sequences decoded where they form valid UTF-8; anything else (a stray `%`) kept. */
export function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/**
 * The spellings under which `value` can reach a text: as is, URL-encoded (path and form
 * encoding), URL-decoded, JSON-escaped (report.json, artifacts) and HTML-escaped (the job summary).
 */
export function secretForms(value: string): string[] {
  const decoded = decodeLeniently(value)
  const bases = [value, decoded]
  const forms = bases.flatMap(v => [
    v,
    encodeURIComponent(v),
    new URLSearchParams({ v }).toString().slice(2),
    JSON.stringify(v).slice(1, -1),
    escapeHtml(v)
  ])
  return [...new Set(forms)].filter(f => f.length >= MIN_LENGTH)
}

/** A set of secrets and the text filter that masks them. */
export class SecretRegistry {
  private readonly forms = new Set<string>()
  private pattern: RegExp | null = null

  /** Registers a secret under all its forms; empty and very short values are ignored. */
  add(value: string | undefined | null): void {
    if (!value) return
    for (const form of secretForms(value)) this.forms.add(form)
    this.pattern = null
  }

  /** Every registered form (the action hands them to `core.setSecret`). */
  all(): string[] {
    return [...this.forms]
  }

  /** `text` with every form of every secret replaced by `***` (longest forms first). */
  redact(text: string): string {
    if (this.forms.size === 0 || !text) return text
    this.pattern ??= new RegExp(
      [...this.forms]
        .sort((a, b) => b.length - a.length)
        .map(f => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g'
    )
    return text.replace(this.pattern, MASK)
  }

  /** A JSON-able value (report, checkpoint) with every secret masked in its strings and keys. */
  redactValue<T>(value: T): T {
    if (this.forms.size === 0) return value
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v)
      if (Array.isArray(v)) return v.map(walk)
      if (v === null || typeof v !== 'object' || v instanceof Date) return v
      const json = (v as { toJSON?: () => unknown }).toJSON
      if (typeof json === 'function') return walk(json.call(v))
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.redact(k), walk(inner)]))
    }
    return walk(value) as T
  }

  /** Forgets every secret (tests). */
  clear(): void {
    this.forms.clear()
    this.pattern = null
  }
}

/** The process's secrets: like the runner's masks, one set for the whole process. */
export const secrets = new SecretRegistry()

/** Registers a secret with the process's registry. */
export const addSecret = (value: string | undefined | null): void => secrets.add(value)

/** Masks the process's secrets in `text`. */
export const redact = (text: string): string => secrets.redact(text)
