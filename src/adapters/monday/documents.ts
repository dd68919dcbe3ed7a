/**
 * The GraphQL text the client itself sends, kept in step with `graphql/*.graphql` by a test
 * (`__tests__/monday-client/documents.test.ts`). Inlined here so @vercel/ncc bundles it into
 * dist without asset handling.
 */

/** graphql/complexity.graphql: the fields of the `complexity` selection added to every request's root. */
export const COMPLEXITY_FRAGMENT = `fragment MondaySyncComplexity on Complexity {
  before
  after
  query
  reset_in_x_seconds
}`

/** graphql/probe.graphql: a near-free query that reports the budget. */
export const PROBE_QUERY = `query MondaySyncProbe {
  complexity {
    before
    after
    query
    reset_in_x_seconds
  }
}`
