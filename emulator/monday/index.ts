/** The monday.com API emulator (issue 3): `startMondayEmulator` and its public types. */
import type { AddressInfo } from 'node:net'
import { createAdmin } from './admin.js'
import { serveGraphQL } from './serve.js'
import { createEmulatorServer } from './server.js'
import { EmulatorState } from './state.js'
import type { MondayEmulator, MondayEmulatorOptions } from './types.js'

export type * from './types.js'
export { planLimits } from './limits.js'
export { DEFAULT_WEIGHTS } from './complexity.js'
export { EMULATOR_SDL, emulatorSdl } from './schema.js'

export async function startMondayEmulator(options: MondayEmulatorOptions = {}): Promise<MondayEmulator> {
  const state = new EmulatorState(options)
  const admin = createAdmin(state)
  const { server, sockets } = createEmulatorServer({
    state,
    admin,
    serveGraphQL: (req, res, body, run) => serveGraphQL(state, req, res, body, run)
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}/v2`,
    port,
    limits: state.limits,
    admin,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
