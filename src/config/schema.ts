/**
 * The TOML configuration of a sync pipeline (keys as in the file). `load.ts` validates a parsed
 * document against these schemas and turns the result into `SyncConfig`.
 */
import { z } from 'zod'

/** monday column types the sync can write (API-FACTS.md, Writing items). */
export const MONDAY_COLUMN_TYPES = ['text', 'numbers', 'status', 'dropdown', 'date', 'long_text', 'people'] as const
export type MondayColumnType = (typeof MONDAY_COLUMN_TYPES)[number]

/** Item modes of DEVELOPERS.md: one item per request, aliased batches, aliased batches in flight. */
export const ITEM_MODES = ['single', 'batch', 'asyncBatch'] as const
export type ItemMode = (typeof ITEM_MODES)[number]

export const PLAN_NAMES = ['free', 'basic', 'standard', 'pro', 'enterprise'] as const

const name = z.string().min(1)
/** Board ids are digits; a number in TOML is accepted too. */
const idOrRef = z.union([z.string().min(1), z.number().int().positive()]).transform(v => String(v))

export const environmentSchema = z.strictObject({
  board_id: idOrRef,
  database_url: z.string().min(1).optional(),
  /** The database password on its own (usually `${DB_PASSWORD}`), so it never has to live in the URL. */
  database_password: z.string().min(1).optional(),
  api_version: z.string().min(1).optional(),
  plan: z.enum(PLAN_NAMES).optional()
})

const tableSchema = z.strictObject({
  table: name,
  key: name,
  state_column: name,
  item_id_column: name,
  error_column: name
})

const statesSchema = z.strictObject({
  pending: z.array(name).min(1).default(['NEW', 'PENDING']),
  in_progress: name.default('SYNCING'),
  synced: name.default('SYNCED'),
  failed: name.default('FAILED'),
  /** Rows in this state have their item archived (optional: without it, nothing is archived). */
  removed: name.optional(),
  /** The state a removed row ends in once its item is archived. */
  archived: name.default('ARCHIVED')
})

/** What an update does when the row's item no longer exists on monday (deleted). */
export const DELETED_ITEM_ACTIONS = ['recreate', 'fail'] as const

const columnSchema = z.strictObject({
  column_id: name,
  source: name,
  type: z.enum(MONDAY_COLUMN_TYPES),
  create_labels_if_missing: z.boolean().default(false)
})

const subitemMappingSchema = z.strictObject({
  item_name: name,
  sync_key_column: name,
  columns: z.array(columnSchema).default([])
})

const mappingSchema = z.strictObject({
  item_name: name,
  group: name.optional(),
  sync_key_column: name,
  columns: z.array(columnSchema).default([]),
  /** An update whose item was deleted on monday: create it again (default) or fail the row. */
  deleted_items: z.enum(DELETED_ITEM_ACTIONS).default('recreate'),
  subitems: subitemMappingSchema
})

const batchSchema = z
  .strictObject({
    item_mode: z.enum(ITEM_MODES).default('asyncBatch'),
    batch_size_min: z.number().int().min(1).max(100).default(5),
    batch_size_max: z.number().int().min(1).max(100).default(50),
    concurrency: z.number().int().min(1).max(250).default(8),
    checkpoint_interval: z.number().int().min(1).default(20),
    page_size: z.number().int().min(1).max(5000).default(500)
  })
  .refine(b => b.batch_size_min <= b.batch_size_max, {
    message: 'batch_size_min must not exceed batch_size_max',
    path: ['batch_size_min']
  })

export const fileSchema = z.strictObject({
  default_environment: name.optional(),
  environments: z.record(z.string(), environmentSchema),
  source: z.strictObject({
    orders: tableSchema,
    lines: tableSchema.extend({ parent_key: name }),
    states: statesSchema.default({
      pending: ['NEW', 'PENDING'],
      in_progress: 'SYNCING',
      synced: 'SYNCED',
      failed: 'FAILED',
      archived: 'ARCHIVED'
    })
  }),
  mapping: mappingSchema,
  batch: batchSchema.default({
    item_mode: 'asyncBatch',
    batch_size_min: 5,
    batch_size_max: 50,
    concurrency: 8,
    checkpoint_interval: 20,
    page_size: 500
  }),
  /** Other pipelines' sections (load-board and its board registry) live in the same file. */
  load_board: z.unknown().optional(),
  boards: z.unknown().optional()
})

export type SyncFile = z.infer<typeof fileSchema>
