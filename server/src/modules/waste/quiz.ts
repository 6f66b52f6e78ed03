import { type QuizQuestion, WASTE_CATEGORIES, type WasteExamples } from '@tongxin/contracts'
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

/**
 * Examples for each bin, in the dictionary's own order (its groups begin with the everyday items of each
 * kind): short names only, one per reason first, so one tile does not show ten kinds of pot.
 */
export function examples(items: readonly EngineItem[], perCategory = 12): WasteExamples {
  return WASTE_CATEGORIES.map((category) => {
    const picked: Array<{ name: string; reason: string }> = []
    const reasons = new Map<string, number>()
    const sorted = items.filter((i) => i.category === category && [...i.name].length <= 4)
    sorted.sort((a, b) => a.id - b.id)
    // One item per reason first, then two, then fill up in order.
    for (const pass of [1, 2, Number.POSITIVE_INFINITY]) {
      for (const i of sorted) {
        if (picked.length >= perCategory) break
        if (picked.some((p) => p.name === i.name)) continue
        const n = reasons.get(i.reason) ?? 0
        if (n >= pass) continue
        reasons.set(i.reason, n + 1)
        picked.push({ name: i.name, reason: i.reason })
      }
    }
    return { category, examples: picked }
  })
}
