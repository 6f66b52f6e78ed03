import { randomInt } from 'node:crypto'
import { PASSWORD_FEEDBACK, PASSWORD_RULES } from '@tongxin/contracts'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { pinyin } from 'pinyin-pro'
import { AppError } from '../../lib/errors.ts'

type Feedback = { 'zh-CN': string; 'en-US': string }

// zxcvbn words its feedback through a translation table; giving it the keys themselves lets us word each
// reason in both languages (contracts' PASSWORD_FEEDBACK, which the web app shares).
const asKeys = <T extends Record<string, string>>(o: T) =>
  Object.fromEntries(Object.keys(o).map((k) => [k, k])) as T

// Loaded on the first password checked, not at start: the word lists are unpacked when their modules load
// (~0.2 s of a restart's CPU, bench/README.md), and most starts never check a password.
let factory: Promise<ZxcvbnFactory> | null = null
function zxcvbn() {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: {
        warnings: asKeys(en.translations.warnings),
        suggestions: asKeys(en.translations.suggestions),
        timeEstimation: en.translations.timeEstimation,
      },
    })
  })()
  // A failed load is tried again by the next check instead of being kept.
  factory.catch(() => {
    factory = null
  })
  return factory
}

/** The person's own words (username, name, the name's pinyin and initials): a password built on them is weak. */
function userInputs(inputs: Array<string | null | undefined>): string[] {
  const out = new Set<string>()
  for (const raw of inputs) {
    const text = raw?.trim().toLowerCase()
    if (!text) continue
    out.add(text)
    for (const part of text.split(/[\s_.\-@]+/)) if (part.length >= 3) out.add(part)
    if (/[\u4e00-\u9fff]/.test(text)) {
      out.add(pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' }).join(''))
      out.add(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join(''))
    }
  }
  return [...out].filter((s) => s.length >= 2)
}

const word = (key: string, min = PASSWORD_RULES.minLength): Feedback => {
  const f = PASSWORD_FEEDBACK[key] ?? PASSWORD_FEEDBACK.weak!
  return {
    'zh-CN': f['zh-CN'].replace('{min}', String(min)),
    'en-US': f['en-US'].replace('{min}', String(min)),
  }
}

/** Why a password fails the rules, in both languages, or null when it passes. */
export async function passwordProblem(
  password: string,
  inputs: Array<string | null | undefined>,
): Promise<Feedback | null> {
  if ([...password].length < PASSWORD_RULES.minLength) return word('tooShort')
  // zxcvbn's time grows with length; anything this long is out of reach of its patterns anyway.
  if (password.length > PASSWORD_RULES.scoreMaxLength) return null
  const result = (await zxcvbn()).check(password, userInputs(inputs))
  if (result.score >= PASSWORD_RULES.minScore) return null
  const key = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'weak'
  return word(key)
}

/** Throws `weak_password` with the reason; call before anything is written. */
export async function assertStrongPassword(password: string, inputs: Array<string | null | undefined>) {
  const problem = await passwordProblem(password, inputs)
  if (problem) throw new AppError('weak_password', { reason: problem })
}

// No 0/O, 1/l/I: read aloud or copied from a screen by hand without doubt.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
/**
 * A temporary password: 12 characters from 31 (≈ 59 bits) in groups of four. Guessing is bounded by the
 * login throttle long before that matters, and it expires within a day or a week.
 */
export function generateTemporaryPassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)])
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
}
