import { PASSWORD_FEEDBACK, PASSWORD_RULES } from '@tongxin/contracts'
import { useEffect, useState } from 'react'
import { currentLanguage } from '../../i18n/index.ts'

type Checker = (password: string, inputs: string[]) => { score: number; key: string | null }

let loading: Promise<Checker> | null = null

/**
 * The same estimator and dictionaries as the server (`@zxcvbn-ts/core`, common + English), loaded only on
 * the pages that ask for a new password: the dictionaries are a large download the other pages never need.
 * The server's verdict is the one that counts; this is the as-you-type preview.
 */
function loadChecker(): Promise<Checker> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const keys = <T extends Record<string, string>>(o: T) =>
      Object.fromEntries(Object.keys(o).map((k) => [k, k])) as T
    const factory = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: {
        warnings: keys(en.translations.warnings),
        suggestions: keys(en.translations.suggestions),
        timeEstimation: en.translations.timeEstimation,
      },
    })
    return (password, inputs) => {
      const r = factory.check(password.slice(0, PASSWORD_RULES.scoreMaxLength), inputs)
      return { score: r.score, key: r.feedback.warning ?? r.feedback.suggestions[0] ?? null }
    }
  })
  return loading
}

export interface Strength {
  /** 0–4, or null while the estimator loads or nothing is typed. */
  score: number | null
  ok: boolean
  /** Why it is weak, in the current language. */
  hint: string | null
}

const word = (key: string) =>
  (PASSWORD_FEEDBACK[key] ?? PASSWORD_FEEDBACK.weak!)[currentLanguage()].replace(
    '{min}',
    String(PASSWORD_RULES.minLength),
  )

export function usePasswordStrength(password: string, inputs: string[]): Strength {
  const [checker, setChecker] = useState<Checker | null>(null)
  useEffect(() => {
    let live = true
    void loadChecker().then((c) => live && setChecker(() => c))
    return () => {
      live = false
    }
  }, [])
  if (!password) return { score: null, ok: false, hint: null }
  if ([...password].length < PASSWORD_RULES.minLength) {
    return { score: 0, ok: false, hint: word('tooShort') }
  }
  if (!checker) return { score: null, ok: true, hint: null }
  const { score, key } = checker(
    password,
    inputs.filter(Boolean).map((s) => s.toLowerCase()),
  )
  const ok = score >= PASSWORD_RULES.minScore
  return { score, ok, hint: ok ? null : word(key ?? 'weak') }
}
