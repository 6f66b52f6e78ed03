import type { Locale } from 'antd/es/locale'
import antdZhCN from 'antd/es/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { zhCNShell } from './zh-CN.ts'

export const LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'tongxin.lang'
const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' }

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language)
}

// Chinese first: the browser's language is deliberately ignored, only an explicit choice switches to English.
function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

function applyToDocument(lang: Language) {
  dayjs.locale(DAYJS_LOCALE[lang])
  document.documentElement.lang = lang
  document.title = i18n.t('app.title')
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN'
}

/*
 * Chinese, the default and the fallback, is bundled. English (our messages and antd's) is a chunk of its own,
 * fetched when chosen: most visitors never need it, and every page used to download both.
 */
const antdLocales: Partial<Record<Language, Locale>> = { 'zh-CN': antdZhCN }

async function load(lang: Language) {
  if (antdLocales[lang]) return
  const [{ enUS }, antd] = await Promise.all([import('./en-US.ts'), import('antd/es/locale/en_US')])
  i18n.addResourceBundle(lang, 'translation', enUS)
  antdLocales[lang] = antd.default
}

/** antd's own texts (pagination, date pickers…) in the current language. */
export function antdLocale(): Locale {
  return antdLocales[currentLanguage()] ?? antdZhCN
}

export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  await load(lang)
  await i18n.changeLanguage(lang)
}

i18n.on('languageChanged', () => applyToDocument(currentLanguage()))

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCNShell } },
  partialBundledLanguages: true,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  // Chinese is bundled, so initialise synchronously: the first render already has its texts.
  initAsync: false,
})

/** Resolves once the stored language's messages are in: render after it, so nobody sees Chinese flash first. */
export const i18nReady: Promise<void> = (async () => {
  const lang = storedLanguage()
  if (lang === 'zh-CN') return
  try {
    await load(lang)
    await i18n.changeLanguage(lang)
  } catch {
    // The English chunk failed to load (offline, a new release): the page still works in Chinese.
  }
})()

export default i18n
