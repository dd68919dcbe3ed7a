/** A small seeded generator (mulberry32) so faults, jitter and generated data repeat per seed. */
export interface Random {
  /** uniform in [0, 1) */
  next(): number
  /** an integer in [0, n) */
  int(n: number): number
  pick<T>(list: readonly T[]): T
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (n: number): number => Math.floor(next() * n)
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => {
      const v = list[int(list.length)]
      if (v === undefined) throw new RangeError('pick from an empty list')
      return v
    }
  }
}
