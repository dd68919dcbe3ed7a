import type { FakeClock } from './fake-clock.js'

const turn = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

/**
 * The clock a server (the emulator) sleeps on under {@link onVirtualTime}: the same fake clock,
 * with its sleeps counted. A request whose server is asleep on the clock (a timeout fault's hang,
 * modelled latency) waits for virtual time, so time may move while it is in flight.
 */
export class ServerClock {
  /** Server sleeps waiting on the clock. */
  parked = 0

  constructor(private readonly clock: FakeClock) {}

  now(): number {
    return this.clock.now()
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.parked += 1
    try {
      await this.clock.sleep(ms, signal)
    } finally {
      this.parked -= 1
    }
  }
}

/**
 * Runs `work` on virtual time. `clock` (shared by the clients and the emulator) moves only when no
 * HTTP request is in flight, and then straight to the next sleeper's deadline. A request made with
 * the global `fetch` during the run is in flight until its body has been read, so no time passes
 * while a request travels or a server works: how fast or how loaded the machine is cannot change
 * what the clients and the emulator see, and a run of emulated minutes takes real milliseconds.
 *
 * With `server` (the emulator sleeping on a {@link ServerClock} of `clock`), a request whose
 * server sleeps on the clock does not hold time still: time moves when every request in flight is
 * asleep there, so a hung request meets the client's timeout on the clock. A request that ends
 * (a client's timeout aborts it) counts as in flight until its server's sleep has ended too (the
 * server ends a hang when the connection closes).
 */
export async function onVirtualTime<T>(
  clock: FakeClock,
  work: () => Promise<T>,
  server?: Pick<ServerClock, 'parked'>
): Promise<T> {
  const realFetch = globalThis.fetch
  const parked = (): number => server?.parked ?? 0
  let inFlight = 0
  let wake: (() => void) | undefined
  /** Resolves when a request ends (or after 5 ms, should one end unseen). */
  const settled = (): Promise<void> =>
    new Promise(resolve => {
      const timer = setTimeout(resolve, 5)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  globalThis.fetch = async (input, init) => {
    inFlight += 1
    try {
      const response = await realFetch(input, init).catch(async (e: unknown) => {
        // aborted or cut: wait (boundedly) for its server's sleep to end, so that a sleeping
        // server is always one of the requests in flight
        for (let i = 0; i < 400 && parked() >= inFlight; i++) await new Promise(resolve => setTimeout(resolve, 5))
        throw e
      })
      const body = await response.arrayBuffer()
      const empty = response.status === 204 || response.status === 304
      return new Response(empty ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
    } finally {
      inFlight -= 1
      wake?.()
    }
  }
  let done = false
  const result = work().finally(() => {
    done = true
  })
  try {
    while (!done) {
      // quiet: nothing in flight across two turns of the event loop (callbacks of the last
      // answer have run and either slept on the clock or sent the next request)
      await turn()
      const next = clock.nextDeadline
      if (inFlight > parked() || next === undefined) {
        await settled()
        continue
      }
      await turn()
      if (inFlight <= parked() && !done && clock.nextDeadline === next) {
        await clock.advance(Math.max(0, next - clock.now()))
      }
    }
    return await result
  } finally {
    globalThis.fetch = realFetch
  }
}
