import type { WasteMatchForm } from '@tongxin/contracts'
import { pinyin } from 'pinyin-pro'
import { containsHan, isLatinOnly, normalise, stripModifiers } from './normalise.ts'

/** One searchable spelling of an item: its name or one of its aliases, normalised. */
export interface FormRef {
  item: number
  text: string
  kind: 'name' | 'alias'
}

export interface Hit {
  item: number
  form: WasteMatchForm
  /** The spelling that matched, as the item has it (shown to the user: "did you mean …"). */
  text: string
  score: number
}

// Pinyin costs ~10 µs a string; rebuilding after a staff edit reuses what earlier builds computed.
const pinyinCache = new Map<string, { full: string; initials: string }>()

export function pinyinOf(text: string): { full: string; initials: string } {
  const cached = pinyinCache.get(text)
  if (cached) return cached
  const opts = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const
  const full = pinyin(text, opts).join('').toLowerCase()
  const initials = pinyin(text, { ...opts, pattern: 'first' })
    .join('')
    .toLowerCase()
  const value = { full: normalise(full), initials: normalise(initials) }
  if (pinyinCache.size < 50_000) pinyinCache.set(text, value)
  return value
}

/** Optimal string alignment distance, stopping early once it exceeds 1 (all we ever ask). */
export function withinOneEdit(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (i === a.length && i === b.length) return true
  const rest = (x: string[], from: number) => x.slice(from).join('\u0000')
  if (a.length === b.length) {
    if (rest(a, i + 1) === rest(b, i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2)
  }
  return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1)
}

type Add = (ref: FormRef, form: WasteMatchForm, score: number) => void

function push<K>(map: Map<K, FormRef[]>, key: K, ref: FormRef) {
  const list = map.get(key)
  if (list) list.push(ref)
  else map.set(key, [ref])
}

const kindScore = (ref: FormRef, name: number, alias: number) => (ref.kind === 'name' ? name : alias)

const deletions = (chars: string[]) =>
  chars.map((_, i) =>
    chars
      .slice(0, i)
      .concat(chars.slice(i + 1))
      .join(''),
  )

/** Below this many Chinese characters a one-character typo changes the word too much to guess at. */
const TYPO_MIN_HAN = 3
const TYPO_MIN_PINYIN = 5

export class FormIndex {
  private readonly exact = new Map<string, FormRef[]>()
  private readonly byPinyin = new Map<string, FormRef[]>()
  private readonly byInitials = new Map<string, FormRef[]>()
  /** `position + deleted form` of Chinese forms: equal keys on both sides mean one substituted character. */
  private readonly substitutions = new Map<string, FormRef[]>()
  /** Forms with one character deleted: finds queries that miss a character. */
  private readonly shortened = new Map<string, FormRef[]>()
  private readonly pinyinShortened = new Map<string, FormRef[]>()
  private readonly byChar = new Map<string, FormRef[]>()
  private readonly pinyinSorted: Array<[string, FormRef]>

  constructor(forms: readonly FormRef[]) {
    const sorted: Array<[string, FormRef]> = []
    for (const ref of forms) {
      if (!ref.text) continue
      push(this.exact, ref.text, ref)
      const { full, initials } = pinyinOf(ref.text)
      push(this.byPinyin, full, ref)
      if (initials.length >= 2) push(this.byInitials, initials, ref)
      sorted.push([full, ref])
      const chars = [...ref.text]
      for (const c of new Set(chars)) push(this.byChar, c, ref)
      if (chars.length >= TYPO_MIN_HAN && containsHan(ref.text)) {
        deletions(chars).forEach((d, i) => {
          push(this.substitutions, `${i}\u0001${d}`, ref)
          push(this.shortened, d, ref)
        })
      }
      if (full.length >= TYPO_MIN_PINYIN) {
        for (const d of new Set(deletions([...full]))) push(this.pinyinShortened, d, ref)
      }
    }
    this.pinyinSorted = sorted.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  }

  /** Every item that matches `query` (already normalised), best spelling per item, best first. */
  search(query: string, limit: number): Hit[] {
    const best = new Map<number, Hit>()
    const add = (ref: FormRef, form: WasteMatchForm, score: number) => {
      const prev = best.get(ref.item)
      if (!prev || score > prev.score) best.set(ref.item, { item: ref.item, form, text: ref.text, score })
    }

    for (const ref of this.exact.get(query) ?? []) add(ref, ref.kind, kindScore(ref, 1, 0.97))
    const stripped = best.size ? null : stripModifiers(query)
    if (stripped)
      for (const ref of this.exact.get(stripped) ?? []) add(ref, ref.kind, kindScore(ref, 0.93, 0.9))

    // A query that names an item exactly needs no near misses, only the longer names that contain it.
    const fuzzy = best.size === 0
    if (containsHan(query)) this.searchHan(stripped ?? query, fuzzy, add)
    else if (isLatinOnly(query)) this.searchLatin(query, fuzzy, add)

    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.text.length - b.text.length || a.item - b.item)
      .slice(0, limit)
  }

  private searchHan(query: string, fuzzy: boolean, add: Add) {
    const chars = [...query]
    if (fuzzy && chars.length >= 2) {
      const { full } = pinyinOf(query)
      for (const ref of this.byPinyin.get(full) ?? []) if (ref.text !== query) add(ref, 'homophone', 0.85)
    }
    if (fuzzy && chars.length >= TYPO_MIN_HAN) {
      // Swapped characters are the likeliest slip, then a wrong one, then a missing or an extra one.
      const typo = (ref: FormRef, score: number) => {
        if (ref.text !== query && withinOneEdit(chars, [...ref.text])) add(ref, 'typo', score)
      }
      for (let i = 0; i + 1 < chars.length; i++) {
        const swapped = [...chars]
        ;[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!]
        for (const ref of this.exact.get(swapped.join('')) ?? []) typo(ref, 0.78)
      }
      deletions(chars).forEach((d, i) => {
        for (const ref of this.substitutions.get(`${i}\u0001${d}`) ?? []) typo(ref, 0.76)
        for (const ref of this.exact.get(d) ?? []) if ([...ref.text].length >= 2) typo(ref, 0.72)
      })
      for (const ref of this.shortened.get(query) ?? []) typo(ref, 0.74)
    }
    // Partial: the item's name contains the query (奶茶 → 奶茶杯), or the query ends in a known name, which in
    // Chinese is usually the thing itself (草莓味酸奶 → 酸奶).
    const rarest = chars.reduce<FormRef[] | undefined>((acc, c) => {
      const list = this.byChar.get(c)
      return !acc || (list && list.length < acc.length) ? list : acc
    }, undefined)
    for (const ref of rarest ?? []) {
      if (ref.text.length > query.length && ref.text.includes(query)) {
        add(ref, 'partial', 0.4 + 0.25 * (query.length / ref.text.length))
      }
    }
    for (let i = 1; i + 2 <= chars.length; i++) {
      const tail = chars.slice(i).join('')
      for (const ref of this.exact.get(tail) ?? [])
        add(ref, 'partial', 0.35 + 0.3 * (tail.length / query.length))
    }
  }

  private searchLatin(query: string, fuzzy: boolean, add: Add) {
    for (const ref of this.byPinyin.get(query) ?? []) add(ref, 'pinyin', kindScore(ref, 0.95, 0.93))
    if (query.length >= 2) for (const ref of this.byInitials.get(query) ?? []) add(ref, 'initials', 0.85)
    if (fuzzy && query.length >= TYPO_MIN_PINYIN) {
      const chars = [...query]
      const verify = (ref: FormRef) => {
        if (withinOneEdit(chars, [...pinyinOf(ref.text).full])) add(ref, 'typo', 0.7)
      }
      for (const ref of this.pinyinShortened.get(query) ?? []) verify(ref)
      for (const d of new Set(deletions(chars))) {
        for (const ref of this.byPinyin.get(d) ?? []) verify(ref)
        for (const ref of this.pinyinShortened.get(d) ?? []) verify(ref)
      }
    }
    if (query.length >= 2) {
      let lo = 0
      let hi = this.pinyinSorted.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (this.pinyinSorted[mid]![0] < query) lo = mid + 1
        else hi = mid
      }
      for (let i = lo, n = 0; i < this.pinyinSorted.length && n < 50; i++, n++) {
        const [full, ref] = this.pinyinSorted[i]!
        if (!full.startsWith(query)) break
        if (full !== query) add(ref, 'partial', 0.4 + 0.25 * (query.length / full.length))
      }
    }
  }
}
