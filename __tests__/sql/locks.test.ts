import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { openDatabase } from '../../src/adapters/sql/open.js'
import { isDatabaseError } from '../../src/errors.js'
import { runLoadBoardJob } from '../../src/jobs/load-board.js'
import type { MondayRequest } from '../../src/pipelines/load-board/index.js'

describe('one load of a board at a time (SQLite: a lock file beside the database)', () => {
  it('a second holder is refused until the first releases; a lock of a process that is gone is taken over', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'locks-')), 'db.sqlite')
    const a = await openDatabase(`sqlite:${file}`)
    const b = await openDatabase(`sqlite:${file}`)
    try {
      const held = await a.tryLock('load-board/42')
      expect(held).not.toBeNull()
      expect(await b.tryLock('load-board/42')).toBeNull()
      const other = await b.tryLock('load-board/43')
      expect(other).not.toBeNull()
      await held?.release()
      await held?.release()
      const again = await b.tryLock('load-board/42')
      expect(again).not.toBeNull()
      await again?.release()
      await other?.release()
      // a run killed while it held the lock: its pid no longer runs
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
      writeFileSync(`${file}.load-board_42.lock`, dead)
      const takenOver = await a.tryLock('load-board/42')
      expect(takenOver).not.toBeNull()
      await takenOver?.release()
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('load-board stops before reading anything when another run loads the same board', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'locks-job-'))
    const databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`
    const holder = await openDatabase(databaseUrl)
    const held = await holder.tryLock('load-board/42')
    let requests = 0
    const request: MondayRequest = () => {
      requests++
      return Promise.reject(new Error('nothing may be read'))
    }
    try {
      const failure = await runLoadBoardJob(
        { boardIds: ['41', '42'], databaseUrl, token: 't', runDir: join(dir, 'run') },
        { request }
      ).catch((e: unknown) => e)
      expect(isDatabaseError(failure)).toBe(true)
      expect(String(failure)).toMatch(/board 42 is being loaded by another run/)
      expect(requests).toBe(0)
      // board 41's lock was given back
      const free = await holder.tryLock('load-board/41')
      expect(free).not.toBeNull()
      await free?.release()
    } finally {
      await held?.release()
      await holder.close()
    }
  })
})
