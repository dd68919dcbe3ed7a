import type { Plan } from '../adapters/monday/types.js'

/** An account's limits as the engine plans with them (API-FACTS.md, Rate limits [RL]). */
export interface AccountLimits {
  /** Complexity points per minute, reads and writes combined. */
  complexityPerMinute: number
  /** Complexity points one query may cost; 5,000,000 on every plan. */
  queryComplexityCap: number
  /** Requests per minute. */
  requestsPerMinute: number
  /** Requests in flight at once. */
  concurrency: number
  /** Length of the budget window in monday seconds; 60. */
  windowSeconds: number
}

const QUERY_CAP = 5_000_000

/**
 * Per-plan defaults [RL]: personal tokens get 10M points per minute (1M on free/trial); requests
 * per minute Enterprise 5,000, Pro 2,500, others 1,000; concurrency Enterprise 250, Pro 100,
 * others 40.
 */
export const PLAN_LIMITS: Record<Plan, AccountLimits> = {
  free: {
    complexityPerMinute: 1_000_000,
    queryComplexityCap: QUERY_CAP,
    requestsPerMinute: 1_000,
    concurrency: 40,
    windowSeconds: 60
  },
  basic: {
    complexityPerMinute: 10_000_000,
    queryComplexityCap: QUERY_CAP,
    requestsPerMinute: 1_000,
    concurrency: 40,
    windowSeconds: 60
  },
  standard: {
    complexityPerMinute: 10_000_000,
    queryComplexityCap: QUERY_CAP,
    requestsPerMinute: 1_000,
    concurrency: 40,
    windowSeconds: 60
  },
  pro: {
    complexityPerMinute: 10_000_000,
    queryComplexityCap: QUERY_CAP,
    requestsPerMinute: 2_500,
    concurrency: 100,
    windowSeconds: 60
  },
  enterprise: {
    complexityPerMinute: 10_000_000,
    queryComplexityCap: QUERY_CAP,
    requestsPerMinute: 5_000,
    concurrency: 250,
    windowSeconds: 60
  }
}

/** The plan's limits with overrides applied. */
export function limitsFor(plan: Plan = 'pro', overrides: Partial<AccountLimits> = {}): AccountLimits {
  return { ...PLAN_LIMITS[plan], ...overrides }
}
