import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { Kind, parse, print, validate } from 'graphql'
import { withComplexity } from '../../src/adapters/monday/complexity-field.js'
import { aliasedBatch } from '../../src/graphql/batch.js'
import { BATCH_TEMPLATES } from '../../src/graphql/batches.js'
import * as generated from '../../src/graphql/generated.js'
import { itWithMondaySchema } from '../helpers/monday-schema.js'

/** The API version the client sends, and the previous one monday still serves. */
const SUPPORTED_VERSIONS = ['2026-10', '2026-07']

const GRAPHQL_DIR = fileURLToPath(new URL('../../graphql/', import.meta.url))

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return graphqlFiles(path)
    return entry.name.endsWith('.graphql') ? [path] : []
  })
}

/** Every operation and fragment of graphql/, by name, printed. */
function definitionsOfFiles(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of graphqlFiles(GRAPHQL_DIR)) {
    for (const def of parse(readFileSync(file, 'utf8')).definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION && def.kind !== Kind.FRAGMENT_DEFINITION) continue
      const name = def.name?.value
      if (!name) throw new Error(`${relative(GRAPHQL_DIR, file)}: every operation of graphql/ has a name`)
      expect(found.has(name)).toBe(false)
      found.set(name, print(def))
    }
  }
  return found
}

/** The generated documents (operations with the fragments they use), by export name. */
const generatedDocuments = Object.entries(generated).filter(
  ([name, value]) => name.endsWith('Document') && value instanceof generated.TypedDocumentString
)

/** One batch of three aliases from each template (the values do not matter to validation). */
function batchDocuments(): string[] {
  return BATCH_TEMPLATES.map(template => aliasedBatch(template as never, {} as never, [{}, {}, {}] as never[]).document)
}

describe('graphql/ and src/graphql/generated.ts', () => {
  it('every operation of graphql/ is generated, unchanged (run `npm run codegen` after editing graphql/)', () => {
    const files = definitionsOfFiles()
    const operations = [...files.keys()].filter(name => files.get(name)?.match(/^(query|mutation)/))
    expect(generatedDocuments.map(([name]) => name).sort()).toEqual(operations.map(n => `${n}Document`).sort())
    for (const [name, document] of generatedDocuments) {
      const definitions = parse(String(document)).definitions.map(d => print(d))
      const own = files.get(name.replace(/Document$/, ''))
      expect(definitions).toContain(own)
      for (const def of definitions) expect([...files.values()]).toContain(def)
    }
  })

  it('src/ holds no GraphQL operation text outside src/graphql/generated.ts', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url))
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
      )
    const offenders = sources(root)
      .filter(file => !file.endsWith('generated.ts'))
      .filter(file => /[`'"]\s*(query|mutation|subscription|fragment)\b[^`'"]*\{/.test(readFileSync(file, 'utf8')))
    expect(offenders.map(f => relative(root, f))).toEqual([])
  })

  it('a batch is the template repeated under aliases, with shared variables declared once', () => {
    const [createItems] = BATCH_TEMPLATES
    const batch = aliasedBatch(createItems, { board: '42' }, [
      { n: 'a', v: '{}', g: null, c: true },
      { n: 'b', v: '{}', g: 'g1', c: false }
    ])
    expect(batch.variables).toEqual({
      board: '42',
      n0: 'a',
      v0: '{}',
      g0: null,
      c0: true,
      n1: 'b',
      v1: '{}',
      g1: 'g1',
      c1: false
    })
    expect(batch.document).toMatch(
      /^mutation SyncCreateItems\(\$board: ID!, \$n0: String!, \$v0: JSON, \$g0: String, \$c0: Boolean, \$n1:/
    )
    expect(batch.document).toMatch(/i1: create_item\(\s*board_id: \$board\s+item_name: \$n1\s+group_id: \$g1\b/)
    expect(batch.document).not.toMatch(/\$board\d/)
  })
})

describe.each(SUPPORTED_VERSIONS)("monday's schema %s", version => {
  itWithMondaySchema(
    'validates every generated document, every batch, and each with the complexity selection the client adds',
    ({ schema }) => {
      const documents = [...generatedDocuments.map(([, d]) => String(d)), ...batchDocuments()]
      expect(documents.length).toBeGreaterThan(10)
      for (const document of [...documents, ...documents.map(d => withComplexity(d).text)]) {
        expect({ document, errors: validate(schema, parse(document)).map(e => e.message) }).toEqual({
          document,
          errors: []
        })
      }
    },
    version
  )
})
