/** Parsing and validating a `POST /v2` body: JSON, query, variables, operation. */
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode
} from 'graphql'
import { httpErrorReply, type HttpReply } from './error-shapes.js'
import { emulatorSchema } from './schema.js'

export interface Parsed {
  document: DocumentNode
  operation: OperationDefinitionNode
  fragments: FragmentDefinitionNode[]
  variables: Record<string, unknown>
}

function gqlErrors(errors: readonly GraphQLError[], code: string, requestId: string): HttpReply {
  const list = errors.map(e => ({ ...e.toJSON(), extensions: { code, ...e.extensions } }))
  return { status: 200, headers: {}, body: { errors: list, extensions: { request_id: requestId } } }
}

/** Parses and validates; returns a reply on failure. */
export function parseRequest(bodyText: string, requestId: string, version?: string): Parsed | HttpReply {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return httpErrorReply(400, 'JsonParseException', 'Invalid JSON in request body', requestId)
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  if (typeof b.query !== 'string')
    return httpErrorReply(400, 'JsonParseException', 'The request body needs a "query" string', requestId)
  const rawVars = b.variables ?? {}
  if (typeof rawVars !== 'object' || rawVars === null || Array.isArray(rawVars)) {
    return httpErrorReply(400, 'JsonParseException', 'variables must be a JSON object', requestId)
  }
  let document: DocumentNode
  try {
    document = parse(b.query)
  } catch (e) {
    return gqlErrors([e instanceof GraphQLError ? e : new GraphQLError(String(e))], 'GRAPHQL_PARSE_FAILED', requestId)
  }
  const schema = emulatorSchema(version)
  const invalid = validate(schema, document)
  if (invalid.length > 0) return gqlErrors(invalid, 'GRAPHQL_VALIDATION_FAILED', requestId)
  const opName = typeof b.operationName === 'string' ? b.operationName : undefined
  const operation = getOperationAST(document, opName)
  if (operation == null)
    return gqlErrors([new GraphQLError('Operation not found')], 'GRAPHQL_VALIDATION_FAILED', requestId)
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVars as Record<string, unknown>)
  if (coerced.errors !== undefined) return gqlErrors(coerced.errors, 'GRAPHQL_VALIDATION_FAILED', requestId)
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
  return { document, operation, fragments, variables: coerced.coerced }
}
