import i18n from './index.ts'
import { zhCNWish } from './zh-CN.wishes.ts'

// Imported for its effect by the public wish wall: its Chinese messages, kept out of the shell that every
// public page loads (the desk has them in the exchange's bundle).
i18n.addResourceBundle('zh-CN', 'translation', { exchange: { wish: zhCNWish } }, true, false)
