/**
 * A formula column's `display_value` (formula reference: the column is read-only, its `text` and `value`
 * are null, `display_value` holds the result; `settings_str` holds `{"formula": "…"}`).
 * The emulator knows column references `{column_id}` and arithmetic (+ - * / and parentheses) only; any
 * other formula answers the text with its references filled in.
 */

/** Evaluates `+ - * /` and parentheses over numbers; undefined when `src` is anything else. */
export function arithmetic(src: string): number | undefined {
  const tokens = src.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? []
  let at = 0
  const peek = (): string | undefined => tokens[at]
  const atom = (): number => {
    const t = tokens[at++]
    if (t === '(') {
      const v = sum()
      if (tokens[at++] !== ')') throw new Error('missing )')
      return v
    }
    if (t === '-') return -atom()
    if (t === undefined || !/^\d/.test(t)) throw new Error(`unexpected ${String(t)}`)
    return Number(t)
  }
  const product = (): number => {
    let v = atom()
    while (peek() === '*' || peek() === '/') v = tokens[at++] === '*' ? v * atom() : v / atom()
    return v
  }
  const sum = (): number => {
    let v = product()
    while (peek() === '+' || peek() === '-') v = tokens[at++] === '+' ? v + product() : v - product()
    return v
  }
  try {
    const v = sum()
    return at === tokens.length && Number.isFinite(v) ? v : undefined
  } catch {
    return undefined
  }
}

/** The formula with `{column_id}` replaced by `valueOf(column_id)`, evaluated when it is arithmetic. */
export function formulaDisplay(formula: string, valueOf: (columnId: string) => string): string {
  const filled = formula.replace(/\{([a-z0-9_]+)\}/gi, (_, id: string) => valueOf(id))
  const n = arithmetic(filled)
  return n === undefined ? filled : String(Math.round(n * 1e9) / 1e9)
}
