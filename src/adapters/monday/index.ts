/** The monday adapter: the client seam, its default implementation and the error classifier. */
export * from './types.js'
export { createMondayClient, type DefaultMondayClient, type MondayClientOptions } from './client.js'
export { classifyError, classifyTransportError, retryAfterMs } from './classify.js'
export { withComplexity } from './complexity-field.js'
export { PROBE_QUERY, COMPLEXITY_FRAGMENT } from './documents.js'
