import { z } from 'zod'
import { ConfigError } from '../../errors.js'

/** monday cursors live 60 minutes from the first request [IP]; we stop trusting one earlier. */
export const CURSOR_TTL_MS = 60 * 60_000
export const CURSOR_SAFETY_MS = 5 * 60_000

/** One cursor of a walk: the board's own, or one group's. */
export interface WalkCursor {
  /** The cursor of the next page to walk; null before the first page and after the last. */
  cursor: string | null
  /** When the cursor's walk began (ms since the epoch); its age decides whether it is reused. */
  cursorStartedAt: number | null
}

/** The walk of one group, when a large board's groups are walked in parallel. */
export interface GroupWalk extends WalkCursor {
  groupId: string
  /** Its last page was walked. */
  done: boolean
}

/** Resumable state of one board, as written in a checkpoint. */
export interface BoardState extends WalkCursor {
  boardId: string
  /** The board's `items_count` when the run started (null when monday did not say). */
  expectedItems: number | null
  /**
   * Set once the walk goes on by group (one cursor each, in parallel) instead of the board's one
   * cursor, which is then null.
   */
  groups?: GroupWalk[]
  /** The walk reached the last page. */
  walkDone: boolean
  /** Ids harvested by the walk so far (all walks of this load, without repeats). */
  harvested: number
  /** Ids harvested but not yet known to be staged, in walk order. */
  pendingIds: string[]
  /** Batches staged in this load (all attempts of the run). */
  batchesDone: number
  /** Top-level items staged. */
  itemsStaged: number
  /** Times the walk started over because its cursor expired. */
  rewalks: number
  /** The staging rows replaced the target rows. */
  swapped: boolean
  /** The typed tables' layout the staged rows were written with (resumed only with the same). */
  layout?: string
}

/** What load-board writes as `Checkpoint.state`. */
export interface LoadBoardState {
  version: 1
  boards: BoardState[]
}

const boardSchema = z.object({
  boardId: z.string().regex(/^\d+$/),
  expectedItems: z.number().int().nonnegative().nullable(),
  cursor: z.string().nullable(),
  cursorStartedAt: z.number().nullable(),
  walkDone: z.boolean(),
  harvested: z.number().int().nonnegative(),
  pendingIds: z.array(z.string().regex(/^\d+$/)),
  batchesDone: z.number().int().nonnegative(),
  itemsStaged: z.number().int().nonnegative(),
  rewalks: z.number().int().nonnegative(),
  swapped: z.boolean(),
  layout: z.string().optional(),
  groups: z
    .array(
      z.object({
        groupId: z.string(),
        cursor: z.string().nullable(),
        cursorStartedAt: z.number().nullable(),
        done: z.boolean()
      })
    )
    .optional()
})
const stateSchema = z.object({ version: z.literal(1), boards: z.array(boardSchema) })

/** A board's state before any work. */
export function initialBoardState(boardId: string): BoardState {
  return {
    boardId,
    expectedItems: null,
    cursor: null,
    cursorStartedAt: null,
    walkDone: false,
    harvested: 0,
    pendingIds: [],
    batchesDone: 0,
    itemsStaged: 0,
    rewalks: 0,
    swapped: false
  }
}

/** Reads a checkpoint's state back; throws ConfigError naming what is wrong. */
export function parseLoadBoardState(state: unknown, setting = 'resume'): LoadBoardState {
  const result = stateSchema.safeParse(state)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ConfigError(
      `${setting}: not a load-board checkpoint (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
      setting
    )
  }
  return result.data
}

/** Whether a saved cursor can still be used at `now` (ms), with a safety margin. */
export function cursorUsable(walk: WalkCursor, now: number): boolean {
  if (walk.cursor === null || walk.cursorStartedAt === null) return false
  return now - walk.cursorStartedAt < CURSOR_TTL_MS - CURSOR_SAFETY_MS
}

/** A snapshot safe to serialise while the load goes on. */
export function snapshot(boards: readonly BoardState[]): LoadBoardState {
  return {
    version: 1,
    boards: boards.map(b => ({
      ...b,
      pendingIds: [...b.pendingIds],
      ...(b.groups ? { groups: b.groups.map(g => ({ ...g })) } : {})
    }))
  }
}
