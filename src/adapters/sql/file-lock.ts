import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import type { HeldLock } from './database.js'

/** Locks of in-memory databases: one process is all that can see them. */
const memoryLocks = new Set<string>()

/** True when `pid` is a live process (signal 0 checks without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
  return !zombie(pid)
}

/**
 * A killed process that nobody has reaped yet still answers signal 0. In containers whose first
 * process does not reap orphans it stays so for good, and its lock would never be taken over.
 * Linux shows it as state Z in /proc/<pid>/stat ("pid (comm) Z …"); elsewhere this says false.
 */
function zombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/**
 * SQLite's counterpart of `sp_getapplock`: `<database>.<resource>.lock`, created exclusively and
 * holding the owner's pid. A file whose process is gone (a killed run) is taken over.
 */
export async function takeFileLock(database: string, resource: string): Promise<HeldLock | null> {
  const name = resource.replace(/[^A-Za-z0-9_-]/g, '_')
  if (database === ':memory:' || database === '') {
    if (memoryLocks.has(name)) return null
    memoryLocks.add(name)
    return { release: () => Promise.resolve(void memoryLocks.delete(name)) }
  }
  const file = `${database}.${name}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      let released = false
      return {
        release: () => {
          if (!released) unlinkSync(file)
          released = true
          return Promise.resolve()
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = Number(readFileSync(file, 'utf8').trim())
      if (owner === process.pid || (Number.isInteger(owner) && owner > 0 && alive(owner))) return null
      unlinkSync(file) // its run is gone
    }
  }
  return null
}
