import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { BoardInfo, EmulatedItem, EmulatorStats, MondayEmulator } from '../../emulator/monday/index.js'
import { emulator, post } from './http.js'

let emu: MondayEmulator
let base: string
beforeAll(async () => {
  emu = await emulator({ seed: 5 })
  base = emu.url.replace(/\/v2$/, '')
})
afterAll(async () => {
  await emu.close()
})

async function admin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: res.status, json: (await res.json()) as T }
}

describe('admin API over HTTP', () => {
  it('creates a board with generated items and reads every item and subitem back', async () => {
    const { json: board } = await admin<BoardInfo>('POST', '/admin/boards', {
      name: 'Admin',
      columns: [
        { title: 'Status', type: 'status' },
        { id: 'amount', title: 'Amount', type: 'numbers' },
        { title: 'Status', type: 'status' }
      ],
      subitemColumns: [{ title: 'Qty', type: 'numbers' }],
      groups: ['A', 'B'],
      items: 10,
      subitemsPerItem: 2
    })
    expect(board.columns.map(c => c.id)).toEqual(['name', 'status', 'amount', 'status_2', 'subitems'])
    expect(board.groups.map(g => g.title)).toEqual(['A', 'B'])
    const { json: items } = await admin<EmulatedItem[]>('GET', `/admin/boards/${board.id}/items`)
    expect(items).toHaveLength(10)
    expect(items.map(i => i.groupTitle)).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B'])
    expect(
      items.every(i => i.subitems.length === 2 && i.subitems.every(s => s.boardId === board.subitemsBoardId))
    ).toBe(true)
    expect(items[0]?.columnValues.subitems?.text).toBe(items[0]?.subitems.map(s => s.name).join(', '))
    expect((await admin('GET', '/admin/boards/404/items')).status).toBe(400)
    expect((await admin('POST', '/admin/boards', { name: 'x', columns: [{ title: 'F', type: 'vote' }] })).status).toBe(
      400
    )
  })

  it('generates the same data for the same seed', async () => {
    const other = await emulator({ seed: 5 })
    emu.admin.reset()
    try {
      const spec = {
        name: 'S',
        columns: [
          { title: 'T', type: 'text' },
          { title: 'D', type: 'date' }
        ],
        items: 5
      }
      const a = emu.admin
        .items(emu.admin.createBoard(spec).id)
        .map(i => [i.name, Object.values(i.columnValues).map(v => v.text)])
      const b = other.admin
        .items(other.admin.createBoard(spec).id)
        .map(i => [i.name, Object.values(i.columnValues).map(v => v.text)])
      expect(a).toEqual(b)
      expect(a).toHaveLength(5)
    } finally {
      await other.close()
    }
  })

  it('counts requests by kind, changes limits, latency and faults, and resets', async () => {
    await admin('POST', '/admin/reset')
    await post(emu.url, '{ me { id } }')
    await post(emu.url, '{ me { id } boards { id } }')
    const { json: stats } = await admin<EmulatorStats>('GET', '/admin/stats')
    expect(stats.requests).toBe(2)
    expect(Object.keys(stats.byKind).sort()).toEqual(['boards+me', 'me'])
    expect((await admin('POST', '/admin/limits', { requestsPerMinute: 2 })).status).toBe(200)
    expect(emu.limits.requestsPerMinute).toBe(2)
    expect((await post(emu.url, '{ me { id } }')).status).toBe(429)
    expect((await admin('POST', '/admin/latency', { baseMs: 1 })).status).toBe(200)
    expect((await admin('POST', '/admin/faults', { error500: 0 })).status).toBe(200)
    expect((await admin('POST', '/admin/nope')).status).toBe(404)
    expect((await admin('POST', '/admin/limits', '{')).status).toBe(200)
    await admin('POST', '/admin/reset')
    emu.admin.setLimits({ requestsPerMinute: 2_500 })
    expect((await admin<EmulatorStats>('GET', '/admin/stats')).json.requests).toBe(0)
    expect((await post(emu.url, '{ me { id } }')).status).toBe(200)
  })
})
