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

/**
 * monday's class name of a column type in `error_data.column_type` ("TextColumn" is the one a published
 * error shows, community.monday.com/t/76356; the others follow its pattern).
 */
const COLUMN_CLASSES: Record<string, string> = {
  text: 'TextColumn',
  numbers: 'NumericColumn',
  status: 'StatusColumn',
  dropdown: 'DropdownColumn',
  date: 'DateColumn',
  long_text: 'LongTextColumn',
  people: 'PeopleColumn',
  checkbox: 'CheckboxColumn',
  email: 'EmailColumn',
  phone: 'PhoneColumn',
  link: 'LinkColumn',
  timeline: 'TimelineColumn',
  tags: 'TagsColumn',
  board_relation: 'BoardRelationColumn',
  mirror: 'MirrorColumn',
  formula: 'FormulaColumn'
}

/**
 * A value that does not fit its column [ERR] `ColumnValueException`; `error_data` carries the column's id
 * and type and, when known, the value sent (`column_value`), as monday's published errors do.
 */
export class ColumnValueError extends MondayApplicationError {
  constructor(
    message: string,
    readonly column: { id: string; type: string },
    input?: unknown
  ) {
    super(message, 'ColumnValueException', {
      ...(input === undefined ? {} : { column_value: typeof input === 'string' ? input : JSON.stringify(input) }),
      column_type: COLUMN_CLASSES[column.type] ?? 'Column',
      column_id: column.id
    })
    this.name = 'ColumnValueError'
  }
}

export function isColumnValueError(e: unknown): e is ColumnValueError {
  return e instanceof ColumnValueError
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
