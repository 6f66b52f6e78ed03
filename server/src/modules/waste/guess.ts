import { WASTE_CATEGORIES, type WasteCategory } from '@tongxin/contracts'
import { type ClassifierOptions, NaiveBayes, SoftmaxRegression } from './classifier.ts'
import type { FormRef } from './matcher.ts'
import { applyRules } from './rules.ts'

export interface GuessOptions extends ClassifierOptions {
  /** Weight of the longest known name the query ends with (its head noun), scaled by how much it covers. */
  headWeight: number
  /** Weight of a general rule that fits. */
  ruleWeight: number
  /** Weight of the vote of the most similar known items (by shared n-grams). */
  knnWeight: number
  /** Weight of a near match (typo, homophone) when the query is not a known name. */
  hintWeight: number
  model: 'bayes' | 'softmax'
  /** Below this confidence the answer is "we don't know". */
  threshold: number
}

export const DEFAULT_GUESS: GuessOptions = {
  alpha: 0.1,
  edgeWeight: 2,
  temperature: 3,
  headWeight: 0.6,
  ruleWeight: 0.6,
  hintWeight: 0.3,
  knnWeight: 0,
  threshold: 0.4,
  model: 'softmax',
}

export interface Guess {
  category: WasteCategory
  confidence: number
  /** Items that look most like the query (indices into the engine's items), as the reason shown. */
  nearest: number[]
  /** Why: the general rule that fits, or null when the guess rests on similar items only. */
  rule: string | null
  /** The known name the query ends with, if any. */
  head: FormRef | null
  probs: Record<WasteCategory, number>
}

function ngrams(text: string): string[] {
  const padded = ['^', ...text, '$']
  const out = new Set<string>()
  for (let i = 0; i + 1 < padded.length; i++) out.add(padded[i]! + padded[i + 1]!)
  for (let i = 0; i + 2 < padded.length; i++) out.add(padded[i]! + padded[i + 1]! + padded[i + 2]!)
  return [...out]
}

/** Guesses a category for a name not in the dictionary, with the nearest known items as the reason. */
export class Guesser {
  private readonly model: NaiveBayes | SoftmaxRegression
  private readonly postings = new Map<string, number[]>()
  private readonly exact = new Map<string, FormRef>()
  private readonly itemCount: number

  constructor(
    forms: readonly FormRef[],
    private readonly categoryOf: (item: number) => WasteCategory,
    private readonly opts: GuessOptions = DEFAULT_GUESS,
  ) {
    const docs = forms.map((f) => ({ text: f.text, category: categoryOf(f.item) }))
    this.model =
      opts.model === 'softmax' ? new SoftmaxRegression(docs, opts.edgeWeight) : new NaiveBayes(docs, opts)
    const items = new Set<number>()
    for (const f of forms) {
      items.add(f.item)
      if (!this.exact.has(f.text)) this.exact.set(f.text, f)
      for (const g of ngrams(f.text)) {
        const list = this.postings.get(g)
        if (!list) this.postings.set(g, [f.item])
        else if (list.at(-1) !== f.item) list.push(f.item)
      }
    }
    this.itemCount = items.size || 1
  }

  /** The longest known name that the query ends with, two characters or more. */
  head(query: string): FormRef | null {
    const chars = [...query]
    for (let i = 1; i + 2 <= chars.length; i++) {
      const ref = this.exact.get(chars.slice(i).join(''))
      if (ref) return ref
    }
    return null
  }

  nearest(query: string, n: number): number[] {
    return this.scored(query, n).map(([item]) => item)
  }

  private scored(query: string, n: number): Array<[number, number]> {
    const scores = new Map<number, number>()
    for (const g of ngrams(query)) {
      const list = this.postings.get(g)
      if (!list) continue
      // Rare n-grams say more; the end of the name (the thing itself) says most.
      const weight = Math.log(1 + this.itemCount / list.length) * (g.endsWith('$') ? 2 : 1)
      for (const item of list) scores.set(item, (scores.get(item) ?? 0) + weight)
    }
    return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n)
  }

  /** `hint`: the category of a near match, which counts as evidence but not as the answer. */
  guess(query: string, hint?: WasteCategory): Guess | null {
    if (!query) return null
    const { probs, coverage } = this.model.predict(query)
    const head = this.head(query)
    const rule = applyRules(query)
    if (coverage === 0 && !head && !rule && !hint) return null
    const mixed = { ...probs }
    const blend = (category: WasteCategory, weight: number) => {
      for (const c of WASTE_CATEGORIES) mixed[c] = (1 - weight) * mixed[c] + (c === category ? weight : 0)
    }
    // Little of the query seen in training: pull towards uniform so the confidence says so.
    if (coverage < 0.5)
      for (const c of WASTE_CATEGORIES) mixed[c] = 2 * coverage * mixed[c] + (1 - 2 * coverage) / 4
    if (head) {
      const cover = Math.min(1, head.text.length / query.length + 0.3)
      blend(this.categoryOf(head.item), this.opts.headWeight * cover)
    }
    const neighbours = this.scored(query, 5)
    if (this.opts.knnWeight > 0 && neighbours.length) {
      const votes = { recyclable: 0, hazardous: 0, wet: 0, dry: 0 }
      let total = 0
      for (const [item, score] of neighbours) {
        votes[this.categoryOf(item)] += score
        total += score
      }
      for (const c of WASTE_CATEGORIES) {
        mixed[c] = (1 - this.opts.knnWeight) * mixed[c] + (this.opts.knnWeight * votes[c]) / total
      }
    }
    if (rule) blend(rule.category, this.opts.ruleWeight)
    if (hint) blend(hint, this.opts.hintWeight)
    let category: WasteCategory = 'dry'
    for (const c of WASTE_CATEGORIES) if (mixed[c] > mixed[category]) category = c
    return {
      category,
      confidence: mixed[category],
      nearest: neighbours.slice(0, 3).map(([item]) => item),
      rule: rule?.reason ?? null,
      head,
      probs: mixed,
    }
  }

  get threshold() {
    return this.opts.threshold
  }
}
