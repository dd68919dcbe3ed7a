import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { BrokenCircuitError } from 'cockatiel'
import { createBreaker } from '../../src/engine/breaker.js'
import type { EngineEvent } from '../../src/engine/events.js'

class Down extends Error {}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('circuit breaker (cockatiel)', () => {
  it('opens after the threshold, half-opens after the wait, closes on a successful trial', async () => {
    let now = 1_000_000
    jest.spyOn(Date, 'now').mockImplementation(() => now)
    const events: EngineEvent[] = []
    const b = createBreaker({
      threshold: 3,
      halfOpenAfterMs: 5000,
      isFailure: e => e instanceof Down,
      onEvent: e => void events.push(e)
    })
    const fail = () => b.policy.execute(() => Promise.reject(new Down('503')))
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toBeInstanceOf(Down)
    expect(b.state()).toBe('open')
    await expect(b.policy.execute(() => 'ok')).rejects.toBeInstanceOf(BrokenCircuitError)
    now += 5000
    expect(await b.policy.execute(() => 'ok')).toBe('ok')
    expect(b.state()).toBe('closed')
    expect(events).toEqual([
      { type: 'breaker', state: 'open' },
      { type: 'breaker', state: 'half_open' },
      { type: 'breaker', state: 'closed' }
    ])
  })

  it('ignores errors that are not service failures', async () => {
    const b = createBreaker({ threshold: 1, isFailure: e => e instanceof Down })
    await expect(b.policy.execute(() => Promise.reject(new Error('validation')))).rejects.toThrow('validation')
    expect(b.state()).toBe('closed')
  })

  it('saves its state and a new breaker restored from it is still open', async () => {
    const now = 5_000_000
    jest.spyOn(Date, 'now').mockImplementation(() => now)
    const b = createBreaker({ threshold: 1, halfOpenAfterMs: 60_000, isFailure: () => true })
    await expect(b.policy.execute(() => Promise.reject(new Down()))).rejects.toBeInstanceOf(Down)
    const saved = JSON.parse(JSON.stringify(b.save())) as unknown
    const restored = createBreaker({
      threshold: 1,
      halfOpenAfterMs: 60_000,
      isFailure: () => true,
      initialState: saved
    })
    expect(restored.state()).toBe('open')
    await expect(restored.policy.execute(() => 'ok')).rejects.toBeInstanceOf(BrokenCircuitError)
  })
})
