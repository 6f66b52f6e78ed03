import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { enUS } from './en-US.ts'
import { zhCN } from './zh-CN.ts'

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

export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  await i18n.changeLanguage(lang)
}

i18n.on('languageChanged', () => applyToDocument(currentLanguage()))

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  // Resources are bundled, so initialise synchronously: the first render already has the right language.
  initAsync: false,
})

export default i18n
