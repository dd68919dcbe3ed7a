import type { StagingStore } from '../../adapters/sql/staging-store.js'
import type { BoardOutcome } from './board-load.js'
import type { BoardState } from './state.js'

/** What the report says about one board (in `details.boards`). */
export interface BoardVerification {
  boardId: string
  /** monday's `items_count` when the walk began (null if unknown). */
  expectedItems: number | null
  /** Distinct ids the walk found. */
  walked: number
  /** Top-level items in the target after the swap (or in staging when there was no swap). */
  loaded: number
  subitems: number
  /** Walked ids that `items(ids:)` no longer returned. */
  missing: number
  batches: number
  rewalks: number
  swapped: boolean
  /** Loaded equals both the walk count (less missing ones) and items_count. */
  verified: boolean
  /** Each disagreement, spelled out; empty when verified. */
  mismatches: string[]
  /** The registry's name of the board. */
  name?: string
  /** The board's typed table (and its subitems table, when subitems were loaded). */
  table?: string
  subitemsTable?: string
  /** SQL columns this load added (`table.column`); none on a table's first load. */
  columnsAdded?: string[]
  /** SQL columns whose monday column is gone: kept, NULL from this load on (`table.column ("title", id, type)`). */
  columnsRemoved?: string[]
  /** Rows the generic table of earlier versions still holds for this board (no longer updated). */
  legacy?: { table: string; rows: number }
}

/**
 * Swaps a complete board into the target and counts what landed. A board with failed batches
 * is not swapped (the target keeps its previous load); a count mismatch is reported, not hidden.
 */
export async function verifyBoard(
  store: StagingStore,
  state: BoardState,
  outcome: BoardOutcome,
  log: (level: 'debug' | 'info' | 'warning', message: string) => void
): Promise<BoardVerification> {
  const mismatches: string[] = []
  if (outcome.failures.length > 0) {
    mismatches.push(`${outcome.failures.length} request(s) failed; target left as it was; re-run to resume`)
  } else if (!state.swapped) {
    await store.swap(state.boardId)
    state.swapped = true
    outcome.swapped = true
  }
  const counts = state.swapped ? await store.countTarget(state.boardId) : await store.countStaged(state.boardId)
  const walked = state.harvested
  if (counts.items !== walked - outcome.missing) {
    mismatches.push(`loaded ${counts.items} items but the walk found ${walked} (${outcome.missing} gone since)`)
  }
  if (state.expectedItems !== null && counts.items !== state.expectedItems) {
    mismatches.push(`loaded ${counts.items} items but monday's items_count is ${state.expectedItems}`)
  }
  for (const m of mismatches) log('warning', `board ${state.boardId}: ${m}`)
  return {
    boardId: state.boardId,
    expectedItems: state.expectedItems,
    walked,
    loaded: counts.items,
    subitems: counts.subitems,
    missing: outcome.missing,
    batches: state.batchesDone,
    rewalks: state.rewalks,
    swapped: state.swapped,
    verified: mismatches.length === 0,
    mismatches
  }
}
