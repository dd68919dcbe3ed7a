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
  /** emulated milliseconds since the epoch: the request's start, then each alias's moment */
  now: number
  complexity: ComplexityReport
  version: { value: string; kind: string; display_name: string }
  /** counted by item views, for the time model */
  itemsReturned: number
  /** counted by item views' column_values, for the time model */
  columnValuesReturned: number
  /** true when a seeded fault fails this aliased mutation */
  aliasFails(): boolean
  /** spends an aliased mutation's server time before it takes effect, and moves `now` to that moment */
  aliasStarts(field: string): Promise<void>
}
