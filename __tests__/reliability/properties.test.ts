import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { SqliteDatabase } from '../../src/adapters/sql/sqlite-database.js'
import { checkIdentifier, quoteIdentifier } from '../../src/adapters/sql/identifiers.js'
import { ConfigError } from '../../src/errors.js'
import { IdQueue, pumpBatches } from '../../src/pipelines/load-board/id-queue.js'
import { createItemsDocument, createSubitemsDocument } from '../../src/pipelines/sync/documents.js'
import { Kind, parse } from 'graphql'
import { checkAsyncProperty, checkProperty } from './tally.js'

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/
const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('IdQueue (model-based)', () => {
  it('hands out every pushed id exactly once, in walk order, across compactions', () => {
    let next = 0
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ take: fc.integer({ min: 0, max: 2500 }) }),
      fc.constant({ peek: true as const })
    )
    checkProperty(
      fc.property(fc.array(op, { maxLength: 40 }), ops => {
        const queue = new IdQueue()
        const model: string[] = []
        const taken: string[] = []
        const pushed: string[] = []
        for (const o of ops) {
          if ('push' in o) {
            const ids = Array.from({ length: o.push }, () => String(++next))
            pushed.push(...ids)
            model.push(...ids)
            queue.push(ids)
          } else if ('take' in o) {
            const batch = queue.take(o.take)
            expect(batch).toEqual(model.splice(0, o.take))
            taken.push(...batch)
          } else {
            expect(queue.peekAll()).toEqual(model)
          }
          expect(queue.size).toBe(model.length)
        }
        // nothing lost, nothing repeated: what was taken plus what waits is what was pushed
        expect([...taken, ...queue.peekAll()]).toEqual(pushed)
      }),
      150
    )
  })
})

describe('pumpBatches', () => {
  const scenario = fc.record({
    pages: fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 0, maxLength: 12 }),
    batchSizes: fc.array(fc.integer({ min: -5, max: 150 }), { minLength: 1, maxLength: 8 }),
    concurrency: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 8 }),
    delays: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 16 }),
    highWater: fc.integer({ min: 1, max: 1500 }),
    ready: fc.integer({ min: 1, max: 6 }),
    stopAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined })
  })

  it('never loses, repeats or oversizes a batch, never exceeds the concurrency it was given nor starts one when not ready', async () => {
    await checkAsyncProperty(
      fc.asyncProperty(scenario, async s => {
        const queue = new IdQueue()
        const pushed: string[] = []
        const batches: string[][] = []
        let inFlight = 0
        let batchCall = 0
        let concurrencyCall = 0
        let lastLimit = 0
        let lastSize = 0
        let stop = false
        const walk = (async () => {
          let n = 0
          for (const size of s.pages) {
            await queue.below(s.highWater)
            if (stop) break
            const ids = Array.from({ length: size }, () => `i${++n}`)
            pushed.push(...ids)
            queue.push(ids)
            await tick()
          }
          queue.close()
        })()
        await pumpBatches(
          queue,
          async ids => {
            inFlight += 1
            // the pump may start a batch only below the limit it read last
            expect(inFlight).toBeLessThanOrEqual(Math.max(1, lastLimit))
            expect(inFlight).toBeLessThanOrEqual(s.ready)
            expect(ids.length).toBeGreaterThan(0)
            expect(ids.length).toBeLessThanOrEqual(Math.max(1, Math.min(100, lastSize)))
            batches.push(ids)
            // as BoardLoad stops: the flag, then the queue closes (the walk sees it and ends)
            if (s.stopAfter !== undefined && batches.length >= s.stopAfter) {
              stop = true
              queue.close()
            }
            for (let i = 0; i < s.delays[batches.length % s.delays.length]!; i++) await tick()
            inFlight -= 1
          },
          {
            batchSize: () => (lastSize = s.batchSizes[batchCall++ % s.batchSizes.length]!),
            concurrency: () => (lastLimit = s.concurrency[concurrencyCall++ % s.concurrency.length]!),
            // as BoardLoad bounds the batches fetched and not yet written
            ready: () => inFlight < s.ready,
            stopped: () => stop
          }
        )
        if (s.stopAfter !== undefined) {
          // a stopped pump leaves the rest in the queue, where the checkpoint finds it
          await walk
          expect([...batches.flat(), ...queue.peekAll()]).toEqual(pushed)
        } else {
          await walk
          expect(batches.flat()).toEqual(pushed)
          expect(queue.size).toBe(0)
        }
        expect(inFlight).toBe(0)
      }),
      120
    )
  })
})

describe('SQL identifiers', () => {
  const fragments = [
    ';',
    '"',
    "'",
    '`',
    '[',
    ']',
    '--',
    '/*',
    '*/',
    ' ',
    '\n',
    '\t',
    '\0',
    '(',
    ')',
    '=',
    ',',
    '..',
    'ａ',
    'é',
    '\u200b',
    '; DROP TABLE t; --',
    '" OR "1"="1',
    "'; DELETE FROM monday_items; --",
    '] ; DROP TABLE x; --'
  ]
  const plain = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/)
  const hostile = fc
    .tuple(plain, fc.constantFrom(...fragments), fc.string({ maxLength: 12 }))
    .map(([a, f, b]) => `${a}${f}${b}`)

  it('rejects every name carrying an injection fragment, naming the setting', () => {
    checkProperty(
      fc.property(hostile, fc.constantFrom('load_board.target_table', 'load_board.columns[0].target'), (name, key) => {
        let error: unknown
        try {
          checkIdentifier(name, key)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(ConfigError)
        expect((error as ConfigError).setting).toBe(key)
        expect((error as ConfigError).message).toContain(key)
      }),
      400
    )
  })

  it('accepts exactly the plain names, whatever the string', () => {
    checkProperty(
      fc.property(
        fc.oneof(fc.string({ maxLength: 140 }), fc.string({ unit: 'binary', maxLength: 40 }), plain),
        name => {
          const accepted = (() => {
            try {
              return checkIdentifier(name, 'setting') === name
            } catch (e) {
              expect(e).toBeInstanceOf(ConfigError)
              return false
            }
          })()
          expect(accepted).toBe(PLAIN.test(name))
          if (accepted) {
            expect(quoteIdentifier(name, 'mssql')).toMatch(/^\[[A-Za-z0-9_]+\](\.\[[A-Za-z0-9_]+\])?$/)
            expect(quoteIdentifier(name, 'sqlite')).toMatch(/^"[A-Za-z0-9_]+"(\."[A-Za-z0-9_]+")?$/)
          } else {
            expect(() => quoteIdentifier(name, 'sqlite')).toThrow(ConfigError)
          }
        }
      ),
      1000
    )
  })

  it('a quoted accepted name creates exactly that table in a real SQLite database, and nothing else', async () => {
    const db = SqliteDatabase.open(':memory:')
    try {
      await checkAsyncProperty(
        fc.asyncProperty(fc.oneof(plain, hostile), async name => {
          let quoted: string
          try {
            quoted = db.quote(checkIdentifier(name, 'load_board.staging_table'))
          } catch {
            return
          }
          await db.execute(`CREATE TABLE IF NOT EXISTS ${quoted} (x INTEGER)`)
          const tables = await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
          expect(tables.map(t => t.name.toLowerCase())).toContain(name.toLowerCase())
          for (const t of tables) expect(t.name).toMatch(PLAIN)
          await db.execute(`DROP TABLE ${quoted}`)
        }),
        200
      )
    } finally {
      await db.close()
    }
  })
})

describe('sync mutations: row data travels only in variables', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('"}) { id } mutation X { delete_board', '$n0', '\\"', '\n}\n', '#', '{{ }}', '`rm -rf`')
  )
  const item = fc.record({
    name: text,
    groupId: fc.option(text, { nil: undefined }),
    columnValues: fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 4 }),
    createLabels: fc.boolean()
  })

  it('every aliased create parses as one mutation with one field per row, whatever the names hold', () => {
    checkProperty(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 30 }),
        fc.array(text, { minLength: 1, maxLength: 30 }),
        (items, parents) => {
          const created = createItemsDocument('123', items)
          const subs = createSubitemsDocument(items.map((it, i) => ({ ...it, parentId: parents[i % parents.length]! })))
          for (const [doc, prefix] of [
            [created, 'n'],
            [subs, 'n']
          ] as const) {
            const ast = parse(doc.document)
            expect(ast.definitions).toHaveLength(1)
            const op = ast.definitions[0]!
            expect(op.kind).toBe(Kind.OPERATION_DEFINITION)
            if (op.kind !== Kind.OPERATION_DEFINITION) return
            expect(op.operation).toBe('mutation')
            expect(op.selectionSet.selections).toHaveLength(items.length)
            // the document is the same whatever the data: only variables change
            const other = createItemsDocument(
              '123',
              items.map(it => ({ ...it, name: 'x', groupId: it.groupId && 'g' }))
            )
            if (doc === created) expect(doc.document).toBe(other.document)
            items.forEach((it, i) => expect(doc.variables[`${prefix}${i}`]).toBe(it.name))
          }
        }
      ),
      300
    )
  })
})
