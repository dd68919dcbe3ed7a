/** Named errors of the monday emulator. Codes and messages follow [ERR] and API-FACTS.md. */
import { GraphQLError } from 'graphql'

/** An application error: HTTP 200, the field becomes null, `extensions.code` names it [ERR]. */
export class MondayApplicationError extends GraphQLError {
  constructor(
    message: string,
    readonly code: string,
    readonly errorData: Record<string, unknown> = {},
    readonly statusCode = 200
  ) {
    super(message, { extensions: { code, error_data: errorData, status_code: statusCode } })
    this.name = 'MondayApplicationError'
  }
}

export function isMondayApplicationError(e: unknown): e is MondayApplicationError {
  return e instanceof MondayApplicationError
}

/** A value that does not fit its column type [ERR] `ColumnValueException`. */
export class ColumnValueError extends MondayApplicationError {
  constructor(message: string, columnId: string) {
    super(message, 'ColumnValueException', { column_id: columnId })
    this.name = 'ColumnValueError'
  }
}

/** A rate or budget limit was hit; the request is refused before execution [RL]. */
export class RateLimitError extends Error {
  constructor(
    /** 2026 code: COMPLEXITY_BUDGET_EXHAUSTED, MINUTE_RATE_LIMIT_EXCEEDED, ... */
    readonly code: string,
    message: string,
    /** emulated seconds */
    readonly retryInSeconds: number,
    readonly budget?: { cost: number; left: number; limit: number }
  ) {
    super(message)
    this.name = 'RateLimitError'
  }
}

export function isRateLimitError(e: unknown): e is RateLimitError {
  return e instanceof RateLimitError
}

/** The cursor outlived its 60 minutes [IP]. */
export class CursorExpiredError extends MondayApplicationError {
  constructor() {
    super(
      'CursorExpiredError: The cursor provided for pagination has expired. Please use a new cursor.',
      'CursorExpiredError'
    )
    this.name = 'CursorExpiredError'
  }
}

/** The emulator was asked something it cannot do (admin API misuse). */
export class EmulatorUsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'EmulatorUsageError'
  }
}
