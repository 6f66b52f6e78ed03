import type { WasteCategory, WasteItemBrief, WasteLookupResult } from '@tongxin/contracts'
import { ENGLISH_NAMES } from './dictionary/english.ts'
import { DEFAULT_GUESS, type Guess, Guesser, type GuessOptions } from './guess.ts'
import { FormIndex, type FormRef, type Hit } from './matcher.ts'
import { containsHan, isLatinOnly, normalise, stripModifiers } from './normalise.ts'

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
/** Forms several items can share exactly ("blp" is 玻璃瓶 and 菠萝皮): a tie among them is no answer. */
const SHARED = new Set(['pinyin', 'initials'])
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
  /** Normalised English name → item, for the common items `ENGLISH_NAMES` covers. */
  private readonly english = new Map<string, { item: number; text: string }>()

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
    const byText = new Map<string, number>()
    for (const f of forms) if (!byText.has(f.text)) byText.set(f.text, f.item)
    for (const [zh, names] of Object.entries(ENGLISH_NAMES)) {
      const item = byText.get(normalise(zh))
      if (item === undefined) continue
      for (const en of names) {
        const key = normalise(en)
        if (key && !this.english.has(key)) this.english.set(key, { item, text: en })
      }
    }
    this.guesser = new Guesser(forms, (i) => items[i]!.category, { ...DEFAULT_GUESS, ...options })
  }

  lookup(raw: string, limit = 10): LookupOutcome {
    const query = normalise(raw)
    const outcome: LookupOutcome = {
      query: raw,
      results: [],
      guess: null,
      unknown: false,
      unknownReason: null,
      ambiguous: false,
      answer: null,
    }
    if (!query) return this.dontKnow(outcome, 'script')
    const han = containsHan(query)
    if (!han) {
      const en = this.englishName(query)
      if (en) {
        const item = this.items[en.item]!
        outcome.results = [
          { item: this.brief(en.item), matched: { form: 'english', text: en.text }, score: 1 },
        ]
        outcome.answer = { category: item.category, via: 'dictionary' }
        return outcome
      }
    }
    const hits = this.index.search(query, limit)
    outcome.results = hits.map((h) => this.result(h))
    const top = hits[0]
    if (
      top &&
      SHARED.has(top.form) &&
      hits.filter((h) => h.form === top.form && h.score === top.score).length > 1
    ) {
      // Typed letters that stand for several items equally: offer them all, pick none.
      outcome.ambiguous = true
      return outcome
    }
    if (top && (DIRECT.has(top.form) || TRUSTED.has(top.form))) {
      const item = this.items[top.item]!
      outcome.answer = { category: item.category, via: DIRECT.has(top.form) ? 'dictionary' : 'match' }
      return outcome
    }
    // A typo or homophone match may be a different thing that happens to be spelt alike (蜜蜂 is not 蜂蜜),
    // so it only weighs in on the guess; when the two agree the near match is the answer.
    const near = top && top.form !== 'partial' ? this.items[top.item]!.category : undefined
    if (!han) {
      // The classifier learnt Chinese names: its reading of English or another script is noise that would
      // come out looking confident ("milk tea cup" as recyclable), so without Chinese it never guesses.
      if (near) {
        outcome.answer = { category: near, via: 'match' }
        return outcome
      }
      return this.dontKnow(outcome, isLatinOnly(query) ? 'english' : 'script')
    }
    const guess = this.guesser.guess(stripModifiers(query) ?? query, near)
    if (near && (!guess || guess.category === near || guess.confidence < this.guesser.threshold)) {
      outcome.answer = { category: near, via: 'match' }
      return outcome
    }
    if (!guess || guess.confidence < this.guesser.threshold) return this.dontKnow(outcome, 'not_found')
    outcome.guess = this.describe(raw, guess)
    outcome.answer = { category: guess.category, via: 'guess' }
    return outcome
  }

  private dontKnow(outcome: LookupOutcome, reason: NonNullable<LookupOutcome['unknownReason']>) {
    outcome.unknown = true
    outcome.unknownReason = reason
    return outcome
  }

  /** The English name typed, or its singular ("bottles", "boxes", "batteries"). */
  private englishName(query: string) {
    const forms = [query]
    if (query.endsWith('ies')) forms.push(`${query.slice(0, -3)}y`)
    if (query.endsWith('es')) forms.push(query.slice(0, -2))
    if (query.endsWith('s')) forms.push(query.slice(0, -1))
    for (const f of forms) {
      const hit = this.english.get(f)
      if (hit) return hit
    }
    return undefined
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
