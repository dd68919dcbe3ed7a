/**
 * The 2025-10 correction [CPLX]: the estimate is charged up front, then the account is reimbursed
 * or charged the actual cost once results are known; failed queries cost significantly less.
 */
import type { ExecutionResult } from 'graphql'
import { mutationWeight } from './complexity.js'
import type { ComplexityWeights } from './types.js'

/** Versions from 2025-10 on correct the estimate [CPLX]. */
export const CORRECTION_SINCE = '2025-10'

function returnedCost(value: unknown, weights: ComplexityWeights): number {
  if (value === null || value === undefined) return 0
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + returnedCost(v, weights), 0)
  if (typeof value === 'object') {
    let sum = weights.object
    for (const v of Object.values(value)) sum += returnedCost(v, weights)
    return sum
  }
  return weights.scalar
}

/** The actual cost: mutation weights (failed ones at `failedFraction`), reads by what was returned. */
export function actualCost(
  mutation: boolean,
  roots: { name: string; key: string }[],
  result: ExecutionResult,
  weights: ComplexityWeights
): number {
  const data = result.data ?? {}
  if (mutation) {
    const failed = new Set((result.errors ?? []).map(e => String(e.path?.[0])))
    let cost = 0
    for (const { name, key } of roots) {
      if (name === 'complexity' || name === '__typename') continue
      const w = mutationWeight(weights, name)
      cost += failed.has(key) ? Math.round(w * weights.failedFraction) : w
    }
    return cost
  }
  let cost = 0
  for (const { name, key } of roots) if (name !== '__typename') cost += returnedCost(data[key], weights)
  return cost
}
