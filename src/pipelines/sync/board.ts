import { createHash, randomUUID } from 'node:crypto'
import { isUnknownOutcome, type MondayClient } from '../../adapters/monday/types.js'
import type { BoardMapping } from '../../config/types.js'
import { ConfigError } from '../../errors.js'
import {
  SyncBoardMetaDocument,
  SyncCreateGroupDocument,
  SyncSubitemBoardMetaDocument
} from '../../graphql/generated.js'
import { present, requestOperation, sendOperation } from '../../graphql/operation.js'
import type { BoardLabels } from './column-values.js'
import { CUT_ATTEMPTS, lookUpUntilSettled } from './cut.js'

interface RawColumn {
  id: string
  type: string
  settings_str?: string | null
}

/** A monday idempotency key from parts: stable across runs for the same keys. */
export function idempotencyKey(...parts: string[]): string {
  return `ms-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`
}

/** Labels of status and dropdown columns from `settings_str`. */
function labelsOf(columns: readonly RawColumn[]): BoardLabels {
  const labels: BoardLabels = new Map()
  for (const c of columns) {
    if (c.type !== 'status' && c.type !== 'dropdown') continue
    try {
      const settings = JSON.parse(c.settings_str ?? '{}') as { labels?: unknown }
      const raw = settings.labels
      const names = Array.isArray(raw)
        ? raw.map(l => (typeof l === 'object' && l !== null ? String((l as { name?: unknown }).name) : String(l)))
        : raw && typeof raw === 'object'
          ? Object.values(raw as Record<string, unknown>).map(String)
          : undefined
      if (names) labels.set(c.id, new Set(names))
    } catch {
      // settings we cannot read: the column's labels are not checked before sending
    }
  }
  return labels
}

/** The subitems board id from the `subtasks` column's settings (`boardIds`), when monday gives it. */
function subitemsBoardOf(columns: readonly RawColumn[]): string | null {
  for (const c of columns) {
    if (c.type !== 'subtasks') continue
    try {
      const ids = (JSON.parse(c.settings_str ?? '{}') as { boardIds?: unknown[] }).boardIds
      if (Array.isArray(ids) && ids[0] !== undefined) return String(ids[0])
    } catch {
      return null
    }
  }
  return null
}

function checkMapped(columns: readonly RawColumn[], mapping: BoardMapping, prefix: string, boardId: string): void {
  const ids = new Set(columns.map(c => c.id))
  const check = (id: string, key: string): void => {
    if (!ids.has(id)) throw new ConfigError(`${key}: board ${boardId} has no column "${id}"`, key)
  }
  check(mapping.syncKeyColumn, `${prefix}.sync_key_column`)
  mapping.columns.forEach((c, i) => check(c.columnId, `${prefix}.columns[${i}].column_id`))
}

/**
 * What the sync knows about its board: groups by title (created when missing, once per run) and
 * the labels of status and dropdown columns on the items and subitems boards.
 */
export class BoardContext {
  readonly groups = new Map<string, string>()
  itemLabels: BoardLabels = new Map()
  subitemLabels: BoardLabels = new Map()
  /** The subitems board (from the `subtasks` column's settings); null when monday does not say. */
  subitemsBoardId: string | null = null
  groupsCreated = 0
  /** Groups whose create_group was cut and that were then found on the board. */
  groupsAdopted = 0
  private chain: Promise<unknown> = Promise.resolve()
  /**
   * monday caches an answer under its Idempotency-Key for 30 minutes, failed answers too [IDEM]:
   * a group whose creation was answered with an error gets a new key for its next try (this run's
   * nonce and a try count). A group created by an earlier run is found by title in `load`.
   */
  private readonly nonce = randomUUID()
  private readonly groupTries = new Map<string, number>()
  /** Titles whose last create_group was cut and that were not found since: looked up before the next. */
  private readonly cutTitles = new Set<string>()

  constructor(
    private readonly client: MondayClient,
    readonly boardId: string
  ) {}

  /** Reads groups and columns; a mapped column missing on the board is a ConfigError. */
  async load(items: BoardMapping, subitems: BoardMapping): Promise<void> {
    const board = await this.readBoard()
    const columns = present(board.columns)
    checkMapped(columns, items, 'mapping', this.boardId)
    this.learnGroups(present(board.groups))
    this.itemLabels = labelsOf(columns)
    const sub = subitemsBoardOf(columns)
    if (!sub) return
    this.subitemsBoardId = sub
    const subAnswer = await requestOperation(
      this.client.request,
      SyncSubitemBoardMetaDocument,
      { board: [sub] },
      { kind: 'boards', items: 1 }
    )
    const subBoard = subAnswer.boards?.[0]
    if (!subBoard?.columns) return
    const subColumns = present(subBoard.columns)
    checkMapped(subColumns, subitems, 'mapping.subitems', sub)
    this.subitemLabels = labelsOf(subColumns)
  }

  /**
   * Creates the groups titled `titles` that the board lacks, one at a time; returns the titles that
   * could not be created with their error (their rows wait for a later page or run).
   */
  async ensureGroups(titles: Iterable<string>): Promise<Map<string, unknown>> {
    const missing = [...new Set(titles)].filter(t => !this.groups.has(t))
    const failed = new Map<string, unknown>()
    if (missing.length === 0) return failed
    const run = this.chain.then(async () => {
      for (const title of missing) {
        if (this.groups.has(title)) continue
        try {
          await this.createGroup(title)
        } catch (e) {
          failed.set(title, e)
        }
      }
    })
    this.chain = run.catch(() => undefined)
    await run
    return failed
  }

  /** The board's groups and columns; a board monday does not show is a ConfigError. */
  private async readBoard() {
    const answer = await requestOperation(
      this.client.request,
      SyncBoardMetaDocument,
      { board: [this.boardId] },
      { kind: 'boards', items: 1 }
    )
    const board = answer.boards?.[0]
    if (!board)
      throw new ConfigError(
        `environments: board ${this.boardId} does not exist or is not visible to the token`,
        'board_id'
      )
    return board
  }

  /** The first group of each title in board order is the one used, as monday lists them. */
  private learnGroups(groups: readonly { id: string; title: string }[]): void {
    for (const g of groups) if (!this.groups.has(g.title)) this.groups.set(g.title, g.id)
  }

  /**
   * Creates the group titled `title`. A create_group cut before its answer (timed out, 504, lost
   * connection) may still have created the group, and monday keeps no idempotency replay for it
   * (API-FACTS.md "Time"): the board's groups are read by title until the outcome settles, an
   * existing group is adopted, and only a group still missing is created again, with a new key.
   * A title cut `CUT_ATTEMPTS` times fails for this page; its next try looks it up first.
   */
  private async createGroup(title: string): Promise<void> {
    if (this.cutTitles.has(title) && (await this.findGroup(title, false))) return
    for (let cuts = 1; ; cuts++) {
      try {
        await this.sendCreateGroup(title)
        this.cutTitles.delete(title)
        return
      } catch (e) {
        if (!isUnknownOutcome(e)) throw e
        this.cutTitles.add(title)
        if (await this.findGroup(title, true)) return
        if (cuts >= CUT_ATTEMPTS) throw e
      }
    }
  }

  /** Reads the board's groups (once, or until a cut create_group settles); true when `title` exists. */
  private async findGroup(title: string, settle: boolean): Promise<boolean> {
    const lookUp = async (): Promise<Map<string, string>> => {
      this.learnGroups(present((await this.readBoard()).groups))
      const id = this.groups.get(title)
      return new Map(id === undefined ? [] : [[title, id]])
    }
    const found = settle
      ? await lookUpUntilSettled(this.client, 'create_group', 1, lookUp, () => false)
      : await lookUp()
    if (!found?.has(title)) return false
    this.cutTitles.delete(title)
    this.groupsAdopted += 1
    return true
  }

  private async sendCreateGroup(title: string): Promise<void> {
    const tries = this.groupTries.get(title) ?? 0
    this.groupTries.set(title, tries + 1)
    const key = idempotencyKey(this.boardId, 'group', title, this.nonce, String(tries))
    const response = await sendOperation(
      this.client,
      SyncCreateGroupDocument,
      { board: this.boardId, name: title },
      // a cut create_group is an unknown outcome: the client does not send it again blind
      { kind: 'create_group', items: 1, idempotencyKey: key, cutIsUnknown: true }
    )
    const id = response.data?.create_group?.id
    if (!id) throw new Error(`create_group: ${response.errors[0]?.message ?? 'no id returned'}`)
    this.groups.set(title, id)
    this.groupsCreated += 1
  }
}
