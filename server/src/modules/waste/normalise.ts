/** Text handling shared by the index and the queries, so both sides are normalised the same way. */

/** Past this many characters a query is truncated before matching; no item name comes close. */
export const MATCH_LIMIT = 32

const CONTROL = /[\p{Cc}\u2028\u2029\ufeff]/u
/** Everything that is not a letter or digit of some script: spaces, punctuation, symbols, emoji. */
const NOISE = /[^\p{L}\p{N}]+/gu
const HAN = /\p{Script=Han}/u
const LATIN_ONLY = /^[a-z]+$/

export function hasControlCharacters(raw: string): boolean {
  return CONTROL.test(raw)
}

export function containsHan(text: string): boolean {
  return HAN.test(text)
}

export function isLatinOnly(text: string): boolean {
  return LATIN_ONLY.test(text)
}

/**
 * The form a name or query is matched in: full-width letters folded (ＡＢＣ → abc), lower case, ü as v the way
 * pinyin keyboards type it, and no spaces or punctuation ("奶茶 杯！" = "奶茶杯"). Lone surrogates and other
 * malformed input come out as whatever letters survive, never as an error.
 */
export function normalise(raw: string): string {
  let text: string
  try {
    text = raw.normalize('NFKC')
  } catch {
    text = raw
  }
  return text.toLowerCase().replace(/ü/g, 'v').replace(NOISE, '').slice(0, MATCH_LIMIT)
}

// Words that say what state a thing is in, not what it is: 旧衣服 sorts like 衣服. Longest first, so 废旧 is
// removed whole rather than leaving 旧.
const PREFIXES = [
  '用过的',
  '用完的',
  '用剩的',
  '吃剩的',
  '吃剩下的',
  '剩下的',
  '坏掉的',
  '坏了的',
  '破掉的',
  '不要的',
  '没用的',
  '过期的',
  '变质的',
  '发霉的',
  '腐烂的',
  '废弃的',
  '损坏的',
  '破损的',
  '破旧的',
  '废弃',
  '废旧',
  '破旧',
  '破损',
  '损坏',
  '坏的',
  '旧的',
  '破的',
  '烂的',
  '脏的',
  '空的',
  '一个',
  '一些',
  '一堆',
  '一只',
  '一块',
  '一张',
  '一件',
  '一根',
  '一瓶',
  '一袋',
  '废',
  '旧',
  '破',
  '坏',
  '烂',
  '脏',
]

// Longest first: 是什么垃圾 must go whole, not leave 是什么 behind once 垃圾 is cut.
const SUFFIXES = ['属于什么垃圾', '是什么垃圾', '是啥垃圾', '算什么垃圾', '怎么分类', '怎么扔', '垃圾']

/**
 * The query with state words and question tails removed ("用过的电池是什么垃圾" → "电池"), or null when there
 * was nothing to remove. A single remaining character is too little to match on, so that is null too.
 */
export function stripModifiers(text: string): string | null {
  let out = text
  for (const s of SUFFIXES) if (out.length > s.length + 1 && out.endsWith(s)) out = out.slice(0, -s.length)
  let changed = true
  while (changed) {
    changed = false
    for (const p of PREFIXES) {
      if (out.length > p.length + 1 && out.startsWith(p)) {
        out = out.slice(p.length)
        changed = true
        break
      }
    }
  }
  // "孩子玩过的积木": what follows the last 的 is the thing itself.
  const of = out.lastIndexOf('的')
  if (of >= 0 && out.length - of - 1 >= 2) out = out.slice(of + 1)
  return out !== text && out.length >= 2 ? out : null
}
