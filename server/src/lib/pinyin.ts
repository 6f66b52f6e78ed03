import { pinyin } from 'pinyin-pro'

/**
 * What search matches against: the name itself, its full pinyin without tones or spaces, and its
 * initials — so 绿地翡翠国际广场, "lvdifeicui" and "ldfc" all find it. Lower case throughout.
 */
export function searchText(...parts: Array<string | null | undefined>): string {
  const text = parts.filter((p): p is string => !!p).join(' ')
  const full = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }).join('')
  const initials = pinyin(text, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  }).join('')
  return `${text} ${full} ${initials}`.toLowerCase().replace(/\s+/g, ' ').trim()
}

/** A query as it is matched: lower case, spaces removed from latin input ("lv di" finds "lvdi"). */
export function normaliseQuery(q: string): string {
  const trimmed = q.trim().toLowerCase()
  return /^[a-z\s]+$/.test(trimmed) ? trimmed.replace(/\s+/g, '') : trimmed
}
