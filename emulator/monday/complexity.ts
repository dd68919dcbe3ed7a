/**
 * Query complexity from the parsed query [RL] [CPLX]: a mutation field costs a large constant
 * (create_item 10,000 [BP], others 30,000); reads cost `scalar` per scalar and `object` per object,
 * multiplied by list sizes taken from `ids`, then `limit`, else `defaultListSize`.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isLeafType,
  isListType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode
} from 'graphql'
import type { ComplexityWeights } from './types.js'

export const DEFAULT_WEIGHTS: ComplexityWeights = {
  createItem: 10_000,
  mutation: 30_000,
  scalar: 1,
  object: 10,
  defaultListSize: 10,
  perMutation: {},
  failedFraction: 0.1
}

interface Walk {
  schema: GraphQLSchema
  weights: ComplexityWeights
  fragments: Map<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
}

/** Points for one mutation root field. */
export function mutationWeight(weights: ComplexityWeights, field: string): number {
  const own = weights.perMutation[field]
  if (own !== undefined) return own
  return field === 'create_item' || field === 'create_subitem' ? weights.createItem : weights.mutation
}

export function queryComplexity(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  weights: ComplexityWeights
): number {
  const walk: Walk = { schema, weights, fragments: new Map(fragments.map(f => [f.name.value, f])), variables }
  if (operation.operation === 'mutation') {
    let cost = 0
    for (const field of fieldsOf(walk, operation.selectionSet)) {
      if (field.name !== 'complexity' && field.name !== '__typename') cost += mutationWeight(weights, field.name)
    }
    return cost
  }
  const root = schema.getQueryType()
  return root === null || root === undefined ? 0 : selectionCost(walk, operation.selectionSet, root, undefined)
}

interface FieldRef {
  name: string
  node: FieldNode
  parent: GraphQLCompositeType | undefined
}

/** The fields of a selection set, fragments expanded; each with the type it was selected on. */
function fieldsOf(walk: Walk, set: SelectionSetNode, parent?: GraphQLCompositeType): FieldRef[] {
  const out: FieldRef[] = []
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push({ name: sel.name.value, node: sel, parent })
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments.get(sel.name.value)
      if (frag === undefined) continue
      const cond = frag.typeCondition === undefined ? parent : walk.schema.getType(frag.typeCondition.name.value)
      out.push(...fieldsOf(walk, frag.selectionSet, cond !== undefined && isCompositeType(cond) ? cond : parent))
    }
  }
  return out
}

function selectionCost(
  walk: Walk,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  pendingSize: number | undefined
): number {
  let cost = 0
  for (const ref of fieldsOf(walk, set, parent)) {
    const owner = ref.parent ?? parent
    if (ref.name === '__typename' || !('getFields' in owner)) continue
    const def = owner.getFields()[ref.name]
    if (def === undefined) continue
    const named = getNamedType(def.type)
    if (isLeafType(named)) {
      cost += walk.weights.scalar
      continue
    }
    const args = getArgumentValues(def, ref.node, walk.variables)
    const limit = typeof args.limit === 'number' ? args.limit : undefined
    const ids = Array.isArray(args.ids) ? args.ids.length : undefined
    const list = isListType(getNullableType(def.type))
    const size = list ? (ids ?? limit ?? pendingSize ?? walk.weights.defaultListSize) : 1
    const childPending = list ? undefined : limit
    const child =
      ref.node.selectionSet === undefined || !isCompositeType(named)
        ? 0
        : selectionCost(walk, ref.node.selectionSet, named, childPending)
    cost += size * (walk.weights.object + child)
  }
  return cost
}

/** The root fields of an operation (fragments expanded): name and response key (alias or name). */
export function rootFieldKeys(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[]
): { name: string; key: string }[] {
  const walk: Walk = {
    schema,
    weights: DEFAULT_WEIGHTS,
    fragments: new Map(fragments.map(f => [f.name.value, f])),
    variables: {}
  }
  return fieldsOf(walk, operation.selectionSet).map(f => ({ name: f.name, key: f.node.alias?.value ?? f.name }))
}
