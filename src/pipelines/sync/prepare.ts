import type { SyncConfig } from '../../config/types.js'
import type { BoardContext } from './board.js'
import { encodeRow } from './column-values.js'
import type { ReadyRow } from './row-source.js'
import type { BatchOutcome, LineRow, SyncRow, SyncStore, SyncTable } from './store.js'

/** Group titles are 1 to 255 characters. */
const GROUP_MAX = 255

/** What preparing a page found: rows to send and rows that fail before sending. */
export interface PreparedPage {
  ready: ReadyRow[]
  invalid: { row: SyncRow; reason: string }[]
  groups: Set<string>
}

/** Validates and encodes a page of orders (items board) or lines (subitems board). */
export function preparePage(
  config: Pick<SyncConfig, 'items' | 'subitems'>,
  board: BoardContext,
  table: SyncTable,
  rows: readonly (SyncRow | LineRow)[]
): PreparedPage {
  const page: PreparedPage = { ready: [], invalid: [], groups: new Set() }
  const mapping = table === 'orders' ? config.items : config.subitems
  const labels = table === 'orders' ? board.itemLabels : board.subitemLabels
  for (const row of rows) {
    const encoded = encodeRow(row.values, mapping, row.key, labels, row.itemId !== null)
    if (!encoded.ok) {
      page.invalid.push({ row, reason: encoded.reason })
      continue
    }
    let group: string | undefined
    if (table === 'orders' && config.items.group) {
      const raw = row.values[config.items.group]
      group = raw === null || raw === undefined ? undefined : String(raw).trim() || undefined
      if (group && group.length > GROUP_MAX) {
        page.invalid.push({
          row,
          reason: `${config.items.group}: the group title is longer than ${GROUP_MAX} characters`
        })
        continue
      }
      if (group) page.groups.add(group)
    }
    page.ready.push({
      row,
      create: {
        name: encoded.name,
        columnValues: encoded.columnValues,
        createLabels: encoded.createLabels,
        parentId: 'parentItemId' in row ? row.parentItemId : '',
        ...(group ? { groupId: group } : {})
      }
    })
  }
  return page
}

/**
 * The page as the run sends it: invalid rows are marked failed (one transaction, no request),
 * missing groups are created, and group titles become group ids. Rows whose group could not be
 * created stay pending (not claimed, not sent) for the next run.
 */
export async function preparePageForSend(
  config: Pick<SyncConfig, 'items' | 'subitems'>,
  board: BoardContext,
  store: SyncStore,
  table: SyncTable,
  rows: readonly (SyncRow | LineRow)[],
  onInvalid: (rows: { row: SyncRow; reason: string }[]) => void,
  onGroupFailed: (title: string, error: unknown, keys: string[]) => void = () => undefined
): Promise<ReadyRow[]> {
  const page = preparePage(config, board, table, rows)
  if (page.invalid.length > 0) {
    const outcome: BatchOutcome = {
      synced: [],
      failed: page.invalid.map(i => ({ rawKey: i.row.rawKey, reason: i.reason })),
      released: []
    }
    await store.record(table, outcome, null)
    onInvalid(page.invalid)
  }
  const failedGroups = await board.ensureGroups(page.groups)
  const ready: ReadyRow[] = []
  const waiting = new Map<string, string[]>()
  for (const r of page.ready) {
    const title = r.create.groupId
    if (title !== undefined && failedGroups.has(title)) {
      waiting.set(title, [...(waiting.get(title) ?? []), r.row.key])
      continue
    }
    if (title !== undefined) r.create.groupId = board.groups.get(title)
    ready.push(r)
  }
  for (const [title, keys] of waiting) onGroupFailed(title, failedGroups.get(title), keys)
  return ready
}
