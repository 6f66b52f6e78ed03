import i18n from './index.ts'
import { zhCNAccountsBundle } from './zh-CN.accounts.ts'

// Imported for its effect by the desk's chunk and the sign-up page (/join): the accounts feature's Chinese
// messages, kept out of the shell that every public page loads.
i18n.addResourceBundle('zh-CN', 'translation', zhCNAccountsBundle, true, false)
