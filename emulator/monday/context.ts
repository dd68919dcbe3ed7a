/** Per-request state handed to resolvers. */
import type { CursorStore } from './cursors.js'
import type { Pages } from './pages.js'
import type { Store } from './store.js'

export interface ComplexityReport {
  before: number
  after: number
  query: number
  reset_in_x_seconds: number
}

export interface RequestContext {
  store: Store
  cursors: CursorStore
  pages: Pages
  /** emulated milliseconds since the epoch */
  now: number
  complexity: ComplexityReport
  version: { value: string; kind: string; display_name: string }
  /** counted by item views, for the latency model */
  itemsReturned: number
  /** true when a seeded fault fails this aliased mutation */
  aliasFails(): boolean
}
