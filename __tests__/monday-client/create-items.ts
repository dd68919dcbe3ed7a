import type { MondayClient } from '../../src/adapters/monday/types.js'

/** An aliased `create_item` mutation for `n` items (`$b` board, `$n0…` names). */
export function createItemsDocument(n: number): string {
  const vars = Array.from({ length: n }, (_, i) => `$n${i}: String!`).join(', ')
  const fields = Array.from({ length: n }, (_, i) => `a${i}: create_item(board_id: $b, item_name: $n${i}) { id }`).join(
    '\n  '
  )
  return `mutation CreateItems($b: ID!, ${vars}) {\n  ${fields}\n}`
}

export interface CreateItemsResult {
  created: number
  failedAliases: number
  requests: number
}

/**
 * Creates `total` items named `${prefix}-${i}` on `boardId` with `workers` batches in flight,
 * each batch sized by the client's `suggestBatchSize`; every batch carries an idempotency key.
 */
export async function createItems(
  client: MondayClient,
  boardId: string,
  total: number,
  options: { prefix?: string; workers?: number; min?: number; max?: number } = {}
): Promise<CreateItemsResult> {
  let next = 0
  const result: CreateItemsResult = { created: 0, failedAliases: 0, requests: 0 }
  const prefix = options.prefix ?? 'item'
  const worker = async (): Promise<void> => {
    while (next < total) {
      const size = Math.min(
        total - next,
        client.suggestBatchSize('create_item', { min: options.min ?? 1, max: options.max ?? 50 })
      )
      const start = next
      next += size
      const variables: Record<string, unknown> = { b: boardId }
      for (let i = 0; i < size; i++) variables[`n${i}`] = `${prefix}-${start + i}`
      const response = await client.send<Record<string, { id: string } | null>>(createItemsDocument(size), variables, {
        kind: 'create_item',
        items: size,
        idempotencyKey: `${prefix}-${start}-${size}`
      })
      result.requests += 1
      result.created += Object.values(response.data ?? {}).filter(v => v !== null).length
      result.failedAliases += response.errors.length
    }
  }
  await Promise.all(Array.from({ length: options.workers ?? 4 }, worker))
  return result
}
