import { describe, expect, it } from '@jest/globals'
import { inFlightShort, inFlightText, serverTimesText } from '../../src/engine/control-text.js'

describe('control loop in words', () => {
  it('names the level, its peak, the binding limit and the request time', () => {
    expect(inFlightText({ level: 57, peak: 100, binding: 'complexity', requestMs: 14_230 })).toBe(
      '57 in flight (peak 100), set by the complexity budget; 14.2 s a request'
    )
    expect(inFlightText({ level: 30, peak: 40, binding: 'latency', requestMs: 900 })).toBe(
      '30 in flight (peak 40), set by a back-off after requests queued; 0.9 s a request'
    )
    expect(inFlightText(undefined)).toBeUndefined()
    expect(inFlightShort({ level: 100, binding: 'concurrency' })).toBe('100 in flight (concurrency)')
  })

  it('lists the server time per operation of mutations only', () => {
    expect(
      serverTimesText({
        create_item: { samples: 40, p50Ms: 830, p90Ms: 1021 },
        create_subitem: { samples: 12, p50Ms: 3512, p90Ms: 4400 },
        items_page: { samples: 40, p50Ms: 3, p90Ms: 9 }
      })
    ).toBe('create_item 830 / 1,021 ms (last 40 requests), create_subitem 3,512 / 4,400 ms (last 12 requests)')
    expect(serverTimesText({ items_page: { samples: 1, p50Ms: 3, p90Ms: 3 } })).toBeUndefined()
    expect(serverTimesText(undefined)).toBeUndefined()
  })
})
