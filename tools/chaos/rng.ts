import { mulberry32 } from '../cluster/relay-harness.ts'

/** A seeded random source with the few draws the chaos run needs. */
export interface Rng {
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed)
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    chance: (p) => next() < p,
    weighted: (weights) => {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let roll = next() * total
      for (const [key, w] of entries) {
        roll -= w
        if (roll < 0) return key
      }
      return entries[entries.length - 1]![0]
    },
  }
  return rng
}

/** Derives an independent stream for a sub-task (a client, a fault lane) from the run's seed. */
export function subSeed(seed: number, ...parts: number[]): number {
  let h = seed >>> 0
  for (const p of parts) h = Math.imul(h ^ (p + 0x9e3779b9), 0x85ebca6b) >>> 0
  return h
}
