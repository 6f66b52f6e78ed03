import 'i18next'
import type { ZhCNMessages } from './zh-CN.ts'

// Typed keys: a misspelt or missing message key fails `tsc` instead of showing the raw key to users.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: ZhCNMessages }
  }
}
