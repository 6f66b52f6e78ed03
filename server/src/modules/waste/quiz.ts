import { type QuizQuestion, WASTE_CATEGORIES } from '@tongxin/contracts'
import type { EngineItem } from './engine.ts'

/**
 * `n` questions drawn from the dictionary, spread over the four categories (so "always say dry" does not win),
 * each with the item's reason as the explanation shown after answering. Short names only: a quiz on a phone.
 */
export function quiz(
  items: readonly EngineItem[],
  n: number,
  random: () => number = Math.random,
): QuizQuestion[] {
  const pools = WASTE_CATEGORIES.map((c) => items.filter((i) => i.category === c && [...i.name].length <= 8))
  const out: QuizQuestion[] = []
  const used = new Set<number>()
  for (let k = 0; out.length < n && k < n * 20; k++) {
    const pool = pools[out.length % pools.length]!
    if (pool.length === 0) continue
    const item = pool[Math.floor(random() * pool.length)]!
    if (used.has(item.id)) continue
    used.add(item.id)
    out.push({ item: item.name, category: item.category, reason: item.reason })
  }
  // Shuffled, so the category order does not give the answers away.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
