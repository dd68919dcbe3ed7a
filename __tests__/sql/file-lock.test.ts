/** SQLite's per-board lock file: held by a live process, taken over from a dead or unreaped one. */
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { takeFileLock } from '../../src/adapters/sql/file-lock.js'

/** A process that has exited but that its parent never reaps: `sh` execs into `sleep`, which never waits. */
async function zombiePid(): Promise<{ pid: number; stop: () => void }> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const pid = await new Promise<number>(resolve =>
    parent.stdout.once('data', (b: Buffer) => resolve(Number(b.toString())))
  )
  for (let i = 0; i < 500; i++) {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
    if (/\) Z /.test(stat)) break
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  return { pid, stop: () => void parent.kill('SIGKILL') }
}

describe('the SQLite lock file', () => {
  it('is refused while its owner lives, and taken over from a killed run that nobody reaped', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lock-')), 'db.sqlite')
    const held = await takeFileLock(db, 'board 1')
    expect(held).not.toBeNull()
    expect(await takeFileLock(db, 'board 1')).toBeNull() // this process holds it
    await held?.release()

    const alive = spawn('sleep', ['30'])
    writeFileSync(`${db}.board_1.lock`, String(alive.pid))
    expect(await takeFileLock(db, 'board 1')).toBeNull()
    alive.kill('SIGKILL')

    if (!existsSync('/proc/self/stat')) return // no /proc: the unreaped case is Linux's
    const zombie = await zombiePid()
    try {
      expect(readFileSync(`/proc/${zombie.pid}/stat`, 'utf8')).toMatch(/\) Z /)
      writeFileSync(`${db}.board_1.lock`, String(zombie.pid))
      const taken = await takeFileLock(db, 'board 1')
      expect(taken).not.toBeNull()
      expect(readFileSync(`${db}.board_1.lock`, 'utf8')).toBe(String(process.pid))
      await taken?.release()
    } finally {
      zombie.stop()
    }
  })
})
