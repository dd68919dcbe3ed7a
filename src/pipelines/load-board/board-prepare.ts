import { messageOf } from '../../errors.js'
import type { BoardLoadContext, BoardOutcome } from './board-load.js'
import { type BoardPlan, type BoardTarget, columnChanges, planBoard } from './board-target.js'
import { errorClassOf } from './errors.js'
import { type BoardState, initialBoardState } from './state.js'
import type { BoardVerification } from './verify.js'

/** A board ready to load: its plan, its (possibly restarted) state, whether it resumes staged rows. */
export interface PreparedBoard {
  plan: BoardPlan
  state: BoardState
  resumed: boolean
  restarted: boolean
}

/**
 * Reads the board's columns, plans its typed tables and sets up their staging. A type change (or
 * any other conflict) fails this board before anything is fetched; other boards go on.
 */
export async function prepareBoard(
  ctx: BoardLoadContext,
  target: BoardTarget,
  state: BoardState,
  resumed: boolean
): Promise<PreparedBoard | { failure: BoardOutcome }> {
  let plan: BoardPlan
  try {
    plan = await planBoard(target, await ctx.reader.boardColumns(target.boardId), ctx.store)
  } catch (e) {
    return { failure: failedBoard(ctx, state, 'columns', errorClassOf(e), messageOf(e)) }
  }
  if (plan.conflicts.length > 0) {
    return { failure: failedBoard(ctx, state, 'schema', 'validation', plan.conflicts.join('; ')) }
  }
  const restarted = resumed && state.layout !== plan.fingerprint
  if (restarted) {
    ctx.log(
      'warning',
      `board ${state.boardId}: its columns changed since the checkpoint; loading it again from the start`
    )
    state = { ...initialBoardState(state.boardId) }
  }
  // the swap renamed the staging tables (a first load on SQLite) and the run ended before its
  // checkpoint said so: the load is in the target, and staging made anew would be empty
  if (resumed && !restarted && !state.swapped && state.walkDone && (await ctx.store.swappedByRename?.(plan.layout)))
    state.swapped = true
  const fresh = !state.swapped && !(resumed && !restarted)
  state.layout = plan.fingerprint
  await ctx.store.useLayout(plan.layout, { fresh })
  return { plan, state, resumed: !fresh, restarted }
}

function failedBoard(
  ctx: BoardLoadContext,
  state: BoardState,
  operation: string,
  errorClass: BoardOutcome['failures'][number]['errorClass'],
  message: string
): BoardOutcome {
  ctx.log('warning', `board ${state.boardId}: not loaded: ${message}`)
  return {
    boardId: state.boardId,
    itemsStaged: 0,
    subitemsStaged: 0,
    itemsSkipped: 0,
    missing: 0,
    failures: [{ boardId: state.boardId, operation, errorClass, message, rowKeys: [], attempts: 1 }],
    swapped: false
  }
}

/** The report's line of a board that failed before loading: its target tables are as they were. */
export function unloaded(target: BoardTarget, state: BoardState, outcome: BoardOutcome): BoardVerification {
  return {
    boardId: state.boardId,
    expectedItems: state.expectedItems,
    walked: 0,
    loaded: 0,
    subitems: 0,
    missing: 0,
    batches: 0,
    rewalks: 0,
    swapped: false,
    verified: false,
    mismatches: outcome.failures.map(f => `${f.message}; target tables left as they were`),
    ...describe(target, null)
  }
}

export function describe(target: BoardTarget, plan: BoardPlan | null): Partial<BoardVerification> {
  const changes = plan ? columnChanges(plan.layout) : { added: [], removed: [] }
  return {
    ...(target.name ? { name: target.name } : {}),
    table: target.table,
    ...(plan?.layout.subitems ? { subitemsTable: target.subitemsTable } : {}),
    columnsAdded: changes.added,
    columnsRemoved: changes.removed
  }
}
