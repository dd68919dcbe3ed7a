import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TIME_SCALE } from '../sync/harness.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The example sync configuration with a literal board id and the given batch settings, written
 * to `dir/sync.toml`.
 */
export function writeSyncConfig(
  dir: string,
  boardId: string,
  batch: { max?: number; min?: number; concurrency?: number; mode?: string; checkpoint?: number } = {},
  apiVersion = '2026-10'
): string {
  const file = join(dir, 'sync.toml')
  const text = readFileSync(join(ROOT, 'configs/pipelines/sync_order_list.toml'), 'utf8')
    .replace(/board_id = "\$\{MONDAY_BOARD_ID\}"/g, `board_id = "${boardId}"`)
    .replace('batch_size_max = 50', `batch_size_max = ${batch.max ?? 50}`)
    .replace('batch_size_min = 5', `batch_size_min = ${batch.min ?? 5}`)
    .replace('concurrency = 8', `concurrency = ${batch.concurrency ?? 8}`)
    .replace('item_mode = "asyncBatch"', `item_mode = "${batch.mode ?? 'asyncBatch'}"`)
    .replace('checkpoint_interval = 20', `checkpoint_interval = ${batch.checkpoint ?? 20}`)
    .replace(/api_version = "2026-10"/g, `api_version = "${apiVersion}"`)
  writeFileSync(file, text)
  return file
}

/** The environment of a sync CLI run against an emulator (a minute lasts a second). */
export function syncEnv(token: string, apiUrl: string, dbUrl: string): Record<string, string> {
  return {
    MONDAY_API_TOKEN: token,
    MONDAY_API_URL: apiUrl,
    DATABASE_URL: dbUrl,
    MONDAY_SYNC_TIME_SCALE: String(TIME_SCALE)
  }
}

/** True for a GraphQL request body that carries a mutation. */
export const isMutation = (body: string): boolean => /"query":"\s*mutation/.test(body) || body.includes('mutation ')
