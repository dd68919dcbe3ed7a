import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsxCommand } from '../helpers/tsx.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** How a CLI child process ended and what it printed. */
export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A running CLI child: `kill()` sends SIGKILL to its whole process group (and so to anything it started). */
export interface CliChild {
  kill(): void
  done: Promise<ChildResult>
}

/** Starts `monday-sync …` from the sources (through tsx's loader) in its own process group. */
export function startCli(argv: readonly string[], env: Record<string, string | undefined>): CliChild {
  const [command, args] = tsxCommand(join(ROOT, 'src/cli.ts'), argv)
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let exited = false
  const done = new Promise<ChildResult>(resolve =>
    child.on('close', (code, signal) => {
      exited = true
      resolve({ code, signal, stdout, stderr })
    })
  )
  return {
    kill: () => {
      if (exited || child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group is already gone
      }
    },
    done
  }
}

/**
 * Kills a child after the nth request monday receives from it (plus a delay, so kills also land
 * between requests: in staging writes, the swap, checkpoint writes). Servers call `onRequest`.
 */
export class KillSwitch {
  private armed: { remaining: number; delayMs: number; kill: () => void } | null = null
  fired = false

  arm(afterRequests: number, delayMs: number, kill: () => void): void {
    this.fired = false
    this.armed = { remaining: afterRequests, delayMs, kill }
  }

  disarm(): void {
    this.armed = null
  }

  onRequest(): void {
    const armed = this.armed
    if (!armed || --armed.remaining > 0) return
    this.armed = null
    this.fired = true
    setTimeout(armed.kill, armed.delayMs)
  }
}

/** `count` kill points spread over [1, span] (one per stratum, so the whole run is covered). */
export function killPoints(random: () => number, count: number, span: number, maxDelayMs: number) {
  return Array.from({ length: count }, (_, i) => ({
    afterRequests: 1 + Math.floor(((i + random()) / count) * span),
    delayMs: Math.floor(random() * maxDelayMs)
  }))
}
