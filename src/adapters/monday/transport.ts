import { GraphQLClient } from 'graphql-request'
import type { Clock } from '../../engine/clock.js'

/** What graphql-request is handed in place of the answer it would only parse and throw away. */
const EMPTY_BODY = '{"data":null}'

/** One HTTP answer as received, before classification. */
export interface RawAnswer {
  status: number
  headers: Headers
  text: string
}

/** The request did not get an answer: it timed out or the connection failed. */
export class TransportError extends Error {
  override name = 'TransportError'
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

export interface PostOptions {
  url: string
  headers: Record<string, string>
  document: string
  variables: Record<string, unknown>
  clock: Clock
  /** Clock milliseconds before the request is abandoned. */
  timeoutMs: number
  signal?: AbortSignal
}

/**
 * Sends one document with graphql-request and hands back the raw answer whatever its status:
 * the classifier needs the status, the headers (`Retry-After`, `RateLimit`, `Idempotency-Replayed`)
 * and bodies graphql-request would reject (legacy `error_code` shapes, HTML from a proxy).
 */
export async function post(options: PostOptions): Promise<RawAnswer> {
  let captured: RawAnswer | undefined
  const timeout = new AbortController()
  const done = new AbortController()
  let timedOut = false
  options.clock.sleep(options.timeoutMs, done.signal).then(
    () => {
      timedOut = true
      timeout.abort(new Error('request timed out'))
    },
    () => undefined
  )
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal
  const capture = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init)
    const text = await response.text()
    captured = { status: response.status, headers: response.headers, text }
    // parseResponse reads `captured`; graphql-request's own result is not used, so it gets an
    // empty body instead of parsing a large one (a 100-item full read is ~400 KB) a second time
    return new Response(response.status === 204 ? null : EMPTY_BODY, {
      status: response.status,
      headers: response.headers
    })
  }
  const client = new GraphQLClient(options.url, {
    fetch: capture,
    headers: options.headers,
    signal,
    errorPolicy: 'all'
  })
  try {
    await client.rawRequest(options.document, options.variables)
  } catch (e: unknown) {
    if (!captured) {
      options.signal?.throwIfAborted()
      const reason =
        e instanceof Error && e.cause instanceof Error
          ? `${e.message} (${e.cause.message})`
          : e instanceof Error
            ? e.message
            : String(e)
      throw new TransportError(timedOut ? 'request timed out' : reason, timedOut, { cause: e })
    }
  } finally {
    done.abort()
  }
  if (!captured) throw new TransportError('no response', false)
  return captured
}
