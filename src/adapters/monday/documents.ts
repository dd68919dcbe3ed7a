/**
 * The documents the client itself sends, from graphql/client/ (typed in src/graphql/generated.ts,
 * which holds them as strings, so @vercel/ncc bundles them into dist without asset handling).
 */
import { MondaySyncComplexityFragmentDoc, MondaySyncProbeDocument } from '../../graphql/generated.js'

/** graphql/client/complexity.graphql: the fields of the `complexity` selection added to every request's root. */
export const COMPLEXITY_FRAGMENT = String(MondaySyncComplexityFragmentDoc)

/** graphql/client/probe.graphql: a near-free query that reports the budget. */
export const PROBE_QUERY = String(MondaySyncProbeDocument)
