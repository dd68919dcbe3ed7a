import { describe, expect, it } from '@jest/globals'
import { cellText } from '../../scripts/cell-text.js'

describe("the demo's sample query cells", () => {
  it('prints a date column as a date, a time when it has one, and anything else as its text', () => {
    // SQLite holds DATETIME2 values as ISO 8601 text; SQL Server's driver returns Dates
    expect(cellText('2026-02-19T00:00:00.000Z')).toBe('2026-02-19')
    expect(cellText(new Date('2026-02-19T00:00:00Z'))).toBe('2026-02-19')
    expect(cellText('2026-02-19T09:30:00.000Z')).toBe('2026-02-19 09:30:00')
    expect(cellText(new Date('2026-02-19T09:30:00.250Z'))).toBe('2026-02-19 09:30:00')
    expect(cellText('order 2026-02-19T00:00:00.000Z')).toBe('order 2026-02-19T00:00:00.000Z')
    expect(cellText(42)).toBe('42')
    expect(cellText(null)).toBe('')
    expect(cellText(undefined)).toBe('')
  })
})
