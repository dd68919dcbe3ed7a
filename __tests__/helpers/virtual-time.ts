import type { FakeClock } from './fake-clock.js'

const turn = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

/**
 * Runs `work` on virtual time. `clock` (shared by the clients and the emulator) moves only when no
 * HTTP request is in flight, and then straight to the next sleeper's deadline. A request made with
 * the global `fetch` during the run is in flight until its body has been read, so no time passes
 * while a request travels or a server works: how fast or how loaded the machine is cannot change
 * what the clients and the emulator see, and a run of emulated minutes takes real milliseconds.
 */
export async function onVirtualTime<T>(clock: FakeClock, work: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch
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
      const response = await realFetch(input, init)
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
      if (inFlight > 0 || next === undefined) {
        await settled()
        continue
      }
      await turn()
      if (inFlight === 0 && !done && clock.nextDeadline === next) await clock.advance(Math.max(0, next - clock.now()))
    }
    return await result
  } finally {
    globalThis.fetch = realFetch
  }
}
