import { ConfigError } from '../errors.js'

/**
 * Replaces `${NAME}` with the environment variable; a missing one names the key and the variable.
 * `encode` (the value and the reference's offset in `value`) may transform what is substituted.
 */
export function resolveRefs(
  value: string,
  key: string,
  env: Record<string, string | undefined>,
  encode: (resolved: string, offset: number) => string = resolved => resolved
): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string, offset: number) => {
    const resolved = env[variable]
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${key}: environment variable ${variable} is not set (set it, or write the value)`, key)
    }
    return encode(resolved, offset)
  })
}
