/**
 * A cell of a query result as an analyst reads it: a date column (DATETIME2 on SQL Server, ISO 8601
 * text on SQLite) whose time is midnight UTC is a date, `2026-02-19`; another time keeps its time,
 * without milliseconds (`2026-02-19 09:30:00`, UTC); anything else is its text.
 */
export function cellText(value: unknown): string {
  const iso = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null
  const moment = iso === null ? null : /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso)
  if (moment) return moment[2] === '00:00:00' ? moment[1]! : `${moment[1]} ${moment[2]}`
  return String(value ?? '')
}
