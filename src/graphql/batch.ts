import {
  Kind,
  type FieldNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
  parse,
  print,
  visit
} from 'graphql'
import type { Operation } from './operation.js'

/**
 * One operation of graphql/ repeated as aliases in one request. The template has exactly one root
 * field; a batch of n copies it n times as `<alias>0 … <alias>n-1`, declares the `shared` variables
 * once and every other variable once per copy (`$n` becomes `$n0`, `$n1`…). Only aliases and
 * variable names are generated: every value travels in the variables.
 */
export interface BatchTemplate<R, V, S extends keyof V & string> {
  document: Operation<R, V>
  /** Alias prefix: `i` gives `i0`, `i1`… */
  alias: string
  /** Variables declared once for the whole batch (a board id, say). */
  shared: readonly S[]
}

/** A request built from a batch template: its text and its variables. */
export interface BatchRequest {
  document: string
  variables: Record<string, unknown>
}

/** What a batch returns: one entry per alias, each of the template's root field type. */
export type BatchResult<R> = Record<string, R[keyof R]>

/** A batch template; `shared` names the variables declared once. */
export function batchTemplate<R, V, S extends keyof V & string>(
  document: Operation<R, V>,
  alias: string,
  shared: readonly S[]
): BatchTemplate<R, V, S> {
  return { document, alias, shared }
}

const parsed = new Map<string, { operation: OperationDefinitionNode; field: FieldNode }>()

function templateParts(text: string): { operation: OperationDefinitionNode; field: FieldNode } {
  const hit = parsed.get(text)
  if (hit) return hit
  const { definitions } = parse(text)
  const operation = definitions[0]
  const field = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections : []
  if (operation?.kind !== Kind.OPERATION_DEFINITION || definitions.length > 1 || field.length !== 1) {
    throw new Error(`A batch template is one operation with one root field, without fragments:\n${text}`)
  }
  const root = field[0]
  if (root?.kind !== Kind.FIELD) throw new Error(`A batch template's root selection is a field:\n${text}`)
  const parts = { operation, field: root }
  parsed.set(text, parts)
  return parts
}

/** The root field of copy `index`: aliased, its own variables numbered. */
function aliasedField(field: FieldNode, alias: string, index: number, shared: ReadonlySet<string>): FieldNode {
  const renamed = visit(field, {
    Variable: node =>
      shared.has(node.name.value) ? undefined : { ...node, name: { ...node.name, value: `${node.name.value}${index}` } }
  })
  return { ...renamed, alias: { kind: Kind.NAME, value: `${alias}${index}` } }
}

/** The variable definitions of the batch: shared ones once, the others once per copy. */
function batchDefinitions(
  definitions: readonly VariableDefinitionNode[],
  count: number,
  shared: ReadonlySet<string>
): VariableDefinitionNode[] {
  const once = definitions.filter(d => shared.has(d.variable.name.value))
  const each = definitions.filter(d => !shared.has(d.variable.name.value))
  const numbered = Array.from({ length: count }, (_, i) =>
    each.map(d => ({
      ...d,
      variable: { ...d.variable, name: { ...d.variable.name, value: `${d.variable.name.value}${i}` } }
    }))
  )
  return [...once, ...numbered.flat()]
}

/**
 * One request of `entries.length` copies of the template. `shared` holds the variables declared
 * once; each entry holds the other variables of its copy.
 */
export function aliasedBatch<R, V, S extends keyof V & string>(
  template: BatchTemplate<R, V, S>,
  shared: Pick<V, S>,
  entries: readonly Omit<V, S>[]
): BatchRequest {
  const { operation, field } = templateParts(String(template.document))
  const sharedNames = new Set<string>(template.shared)
  const definition: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: batchDefinitions(operation.variableDefinitions ?? [], entries.length, sharedNames),
    selectionSet: {
      ...operation.selectionSet,
      selections: entries.map((_, i) => aliasedField(field, template.alias, i, sharedNames))
    }
  }
  const variables: Record<string, unknown> = { ...shared }
  entries.forEach((entry, i) => {
    for (const [name, value] of Object.entries(entry)) variables[`${name}${i}`] = value
  })
  return { document: print({ kind: Kind.DOCUMENT, definitions: [definition] }), variables }
}
