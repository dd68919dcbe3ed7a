import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { BoardMapping, ColumnMapping } from '../../src/config/types.js'
import { dateValue, encodeRow, encodeValue } from '../../src/pipelines/sync/column-values.js'
import { createItemsDocument, createSubitemsDocument } from '../../src/pipelines/sync/documents.js'

const col = (type: ColumnMapping['type'], createLabelsIfMissing = false): ColumnMapping => ({
  columnId: 'c',
  source: 'SRC',
  type,
  createLabelsIfMissing
})

const mapping: BoardMapping = {
  itemName: 'NAME',
  syncKeyColumn: 'sync_key',
  columns: [
    { columnId: 'status', source: 'STATUS', type: 'status', createLabelsIfMissing: false },
    { columnId: 'size', source: 'SIZE', type: 'dropdown', createLabelsIfMissing: true },
    { columnId: 'due', source: 'DUE', type: 'date', createLabelsIfMissing: false }
  ]
}
const labels = new Map([
  ['status', new Set(['New', 'Done'])],
  ['size', new Set(['S'])]
])

describe('column values', () => {
  it('encodes each monday column type as API-FACTS describes', () => {
    expect(encodeValue('abc', col('text'), undefined)).toEqual({ ok: true, value: 'abc' })
    expect(encodeValue(42.5, col('numbers'), undefined)).toEqual({ ok: true, value: '42.5' })
    expect(encodeValue(' 7 ', col('numbers'), undefined)).toEqual({ ok: true, value: '7' })
    expect(encodeValue('Done', col('status'), new Set(['Done']))).toEqual({ ok: true, value: { label: 'Done' } })
    expect(encodeValue('A, B', col('dropdown'), undefined)).toEqual({ ok: true, value: { labels: ['A', 'B'] } })
    expect(encodeValue('2026-06-15', col('date'), undefined)).toEqual({ ok: true, value: { date: '2026-06-15' } })
    expect(encodeValue('note', col('long_text'), undefined)).toEqual({ ok: true, value: { text: 'note' } })
    expect(encodeValue('4, 5', col('people'), undefined)).toEqual({
      ok: true,
      value: {
        personsAndTeams: [
          { id: 4, kind: 'person' },
          { id: 5, kind: 'person' }
        ]
      }
    })
  })

  it('refuses values monday would refuse, with a reason', () => {
    expect(encodeValue('12a', col('numbers'), undefined)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a number/)
    })
    expect(encodeValue('x'.repeat(2001), col('long_text'), undefined)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/2000/)
    })
    expect(encodeValue('bob', col('people'), undefined)).toMatchObject({ ok: false })
    expect(encodeValue('Lost', col('status'), new Set(['Done']))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/label "Lost" does not exist on column c \(set create_labels_if_missing/)
    })
    expect(encodeValue('Lost', col('status', true), new Set(['Done']))).toEqual({ ok: true, value: { label: 'Lost' } })
  })

  it('accepts real dates only, with a UTC time when there is one', () => {
    expect(dateValue('2026-02-28T09:30:00Z')).toEqual({ ok: true, value: { date: '2026-02-28', time: '09:30:00' } })
    expect(dateValue(new Date('2026-03-01T00:00:00Z'))).toEqual({ ok: true, value: { date: '2026-03-01' } })
    expect(dateValue(new Date('2026-03-01T10:11:12Z'))).toEqual({
      ok: true,
      value: { date: '2026-03-01', time: '10:11:12' }
    })
    for (const bad of ['2026-02-30', '2026-13-01', '15/06/2026', 'soon', '2026-06-15T25:00:00']) {
      expect(dateValue(bad)).toMatchObject({ ok: false })
    }
    expect(dateValue(new Date(NaN))).toMatchObject({ ok: false })
  })

  it('a row gets its sync key and the labels flag; a bad row gets a reason naming the column', () => {
    const row = { NAME: ' PO-1 ', STATUS: 'New', SIZE: 'M', DUE: null }
    expect(encodeRow(row, mapping, '17', labels)).toEqual({
      ok: true,
      name: 'PO-1',
      columnValues: { sync_key: '17', status: { label: 'New' }, size: { labels: ['M'] } },
      createLabels: true
    })
    expect(encodeRow({ ...row, NAME: '  ' }, mapping, '1', labels)).toEqual({
      ok: false,
      reason: 'NAME: the item name is empty'
    })
    expect(encodeRow({ ...row, NAME: 'x'.repeat(256) }, mapping, '1', labels)).toMatchObject({
      reason: expect.stringMatching(/256 characters/)
    })
    expect(encodeRow({ ...row, DUE: '2026-02-31' }, mapping, '1', labels)).toMatchObject({
      reason: expect.stringMatching(/^DUE: /)
    })
    expect(encodeRow({ ...row, STATUS: 'Gone' }, mapping, '1', labels)).toMatchObject({
      reason: expect.stringMatching(/^STATUS: label "Gone"/)
    })
  })

  it('names and values travel as variables, never in the document text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string().map(s => `§${s}"}`),
          { minLength: 1, maxLength: 5 }
        ),
        names => {
          const items = names.map(name => ({ name, columnValues: { t: name }, createLabels: false }))
          const { document, variables } = createItemsDocument('42', items)
          const subs = createSubitemsDocument(items.map(i => ({ ...i, parentId: '7' })))
          for (const [i, name] of names.entries()) {
            expect(variables[`n${i}`]).toBe(name)
            expect(JSON.parse(variables[`v${i}`] as string)).toEqual({ t: name })
            expect(subs.variables[`n${i}`]).toBe(name)
          }
          expect(document).toMatch(/^mutation SyncCreateItems\(\$board: ID!/)
          expect(document.split('create_item(').length - 1).toBe(names.length)
          expect(subs.document.split('create_subitem(').length - 1).toBe(names.length)
          return !document.includes('§') && !subs.document.includes('§')
        }
      )
    )
  })
})
