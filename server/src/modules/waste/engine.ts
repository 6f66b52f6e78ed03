import type { WasteCategory, WasteItemBrief, WasteLookupResult } from '@tongxin/contracts'
import { DEFAULT_GUESS, type Guess, Guesser, type GuessOptions } from './guess.ts'
import { FormIndex, type FormRef, type Hit } from './matcher.ts'
import { normalise, stripModifiers } from './normalise.ts'

export interface EngineItem {
  id: number
  name: string
  category: WasteCategory
  aliases: string[]
  reason: string
  disposal: string | null
}

/** How the answer was reached: the accuracy harness counts each way separately. */
export type AnswerVia = 'dictionary' | 'match' | 'guess'

export interface LookupOutcome extends WasteLookupResult {
  answer: { category: WasteCategory; via: AnswerVia } | null
}

export const CATEGORY_ZH: Record<WasteCategory, string> = {
  recyclable: '可回收物',
  hazardous: '有害垃圾',
  wet: '湿垃圾',
  dry: '干垃圾',
}

const DIRECT = new Set(['name', 'alias'])
/** Latin input matched in full is what the user meant: pinyin and initials are typed on purpose. */
const TRUSTED = new Set(['pinyin', 'initials'])

/**
 * The in-memory lookup: built from the item list in one go (a few hundred milliseconds for the shipped
 * dictionary, most of it pinyin, which is cached across rebuilds), then answers a query in microseconds
 * without touching the database.
 */
export class WasteEngine {
  private readonly index: FormIndex
  private readonly guesser: Guesser

  constructor(
    readonly items: readonly EngineItem[],
    options: Partial<GuessOptions> = {},
  ) {
    const forms: FormRef[] = []
    items.forEach((item, i) => {
      const seen = new Set<string>()
      const add = (text: string, kind: FormRef['kind']) => {
        if (text && !seen.has(text)) forms.push({ item: i, text, kind })
        seen.add(text)
      }
      add(normalise(item.name), 'name')
      for (const alias of item.aliases) add(normalise(alias), 'alias')
    })
    this.index = new FormIndex(forms)
    this.guesser = new Guesser(forms, (i) => items[i]!.category, { ...DEFAULT_GUESS, ...options })
  }

  lookup(raw: string, limit = 10): LookupOutcome {
    const query = normalise(raw)
    const outcome: LookupOutcome = { query: raw, results: [], guess: null, unknown: false, answer: null }
    if (!query) {
      outcome.unknown = true
      return outcome
    }
    const hits = this.index.search(query, limit)
    outcome.results = hits.map((h) => this.result(h))
    const top = hits[0]
    if (top && (DIRECT.has(top.form) || TRUSTED.has(top.form))) {
      const item = this.items[top.item]!
      outcome.answer = { category: item.category, via: DIRECT.has(top.form) ? 'dictionary' : 'match' }
      return outcome
    }
    // A typo or homophone match may be a different thing that happens to be spelt alike (蜜蜂 is not 蜂蜜),
    // so it only weighs in on the guess; when the two agree the near match is the answer.
    const near = top && top.form !== 'partial' ? this.items[top.item]!.category : undefined
    const guess = this.guesser.guess(stripModifiers(query) ?? query, near)
    if (near && (!guess || guess.category === near || guess.confidence < this.guesser.threshold)) {
      outcome.answer = { category: near, via: 'match' }
      return outcome
    }
    if (!guess || guess.confidence < this.guesser.threshold) {
      outcome.unknown = true
      return outcome
    }
    outcome.guess = this.describe(raw, guess)
    outcome.answer = { category: guess.category, via: 'guess' }
    return outcome
  }

  private brief(i: number): WasteItemBrief {
    const { id, name, category, reason, disposal, aliases } = this.items[i]!
    return { id, name, category, reason, disposal, aliases }
  }

  private result(h: Hit) {
    return {
      item: this.brief(h.item),
      matched: { form: h.form, text: h.text },
      score: Math.round(h.score * 1000) / 1000,
    }
  }

  private describe(raw: string, guess: Guess): NonNullable<WasteLookupResult['guess']> {
    const nearest = guess.nearest.map((i) => ({
      name: this.items[i]!.name,
      category: this.items[i]!.category,
    }))
    const parts = [`词典里没有“${raw.trim().slice(0, 20)}”，推测为${CATEGORY_ZH[guess.category]}。`]
    if (guess.rule) parts.push(`依据：${guess.rule}。`)
    if (guess.head) {
      const head = this.items[guess.head.item]!
      parts.push(`它的主体“${guess.head.text}”是${CATEGORY_ZH[head.category]}。`)
    }
    if (nearest.length) {
      parts.push(
        `相近的已知物品：${nearest.map((n) => `${n.name}（${CATEGORY_ZH[n.category]}）`).join('、')}。`,
      )
    }
    return {
      category: guess.category,
      confidence: Math.round(guess.confidence * 100) / 100,
      nearest,
      reason: parts.join(''),
    }
  }
}
