import { Kind, parse, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql'
import { COMPLEXITY_FRAGMENT } from './documents.js'

/** `complexity { …the fragment's fields… }`, inlined so every document stays self-contained. */
const FIELD: FieldNode = {
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: 'complexity' },
  selectionSet: (parse(COMPLEXITY_FRAGMENT).definitions[0] as FragmentDefinitionNode).selectionSet
}

/** A document with the complexity selection in the root of each operation, and whether it was added. */
export interface PreparedDocument {
  text: string
  /** The client added `complexity` (and strips it from the data it returns). */
  injected: boolean
  isMutation: boolean
}

const cache = new Map<string, PreparedDocument>()

/**
 * Adds `complexity { before after query reset_in_x_seconds }` to each operation's root selection
 * unless it is already selected (monday allows it on queries and mutations alike [RL]).
 */
export function withComplexity(document: string): PreparedDocument {
  const hit = cache.get(document)
  if (hit) return hit
  const ast = parse(document)
  let injected = false
  let isMutation = false
  const definitions = ast.definitions.map(def => {
    if (def.kind !== Kind.OPERATION_DEFINITION) return def
    if (def.operation === 'mutation') isMutation = true
    const has = def.selectionSet.selections.some(
      s => s.kind === Kind.FIELD && s.name.value === 'complexity' && (!s.alias || s.alias.value === 'complexity')
    )
    if (has) return def
    injected = true
    const selectionSet: SelectionSetNode = { ...def.selectionSet, selections: [...def.selectionSet.selections, FIELD] }
    return { ...def, selectionSet }
  })
  const prepared = { text: injected ? print({ ...ast, definitions }) : document, injected, isMutation }
  if (cache.size > 500) cache.clear()
  cache.set(document, prepared)
  return prepared
}
