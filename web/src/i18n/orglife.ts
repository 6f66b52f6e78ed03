import i18n from './index.ts'
import { zhCNOrglifeBundle } from './zh-CN.orglife.ts'

// Imported for its effect by the desk's chunk and the public letter check: organisational life's Chinese
// messages, kept out of the shell that every public page loads.
i18n.addResourceBundle('zh-CN', 'translation', zhCNOrglifeBundle, true, false)
