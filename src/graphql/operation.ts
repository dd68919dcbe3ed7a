import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core'
import type { MondayClient, MondayRequest, MondayResponse, RequestMeta } from '../adapters/monday/types.js'

/**
 * A document generated from graphql/*.graphql (src/graphql/generated.ts): its text (`String(op)`)
 * with the types of its result `R` and variables `V` attached, as monday's schema defines them.
 */
export type Operation<R, V> = DocumentTypeDecoration<R, V> & { toString(): string }

/** The result type of a generated document. */
export type ResultOf<O> = O extends DocumentTypeDecoration<infer R, infer _V> ? R : never

/** The variables type of a generated document. */
export type VariablesOf<O> = O extends DocumentTypeDecoration<infer _R, infer V> ? V : never

/** A read through the engine: the generated document's variables in, its typed result out. */
export async function requestOperation<R, V>(
  request: MondayRequest,
  operation: Operation<R, V>,
  variables: V,
  meta: Parameters<MondayRequest>[2]
): Promise<R> {
  return await request<R>(String(operation), variables as Record<string, unknown>, meta)
}

/** A mutation through the engine: the whole response, with the errors of a partial failure. */
export async function sendOperation<R, V>(
  client: Pick<MondayClient, 'send'>,
  operation: Operation<R, V>,
  variables: V,
  meta: RequestMeta
): Promise<MondayResponse<R>> {
  return await client.send<R>(String(operation), variables as Record<string, unknown>, meta)
}

/** The entries of a list monday may return as null or with null entries (`[Item]`), without the nulls. */
export function present<T>(list: readonly (T | null)[] | null | undefined): T[] {
  return (list ?? []).filter((entry): entry is T => entry !== null)
}
