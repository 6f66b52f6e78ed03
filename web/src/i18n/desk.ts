import i18n from './index.ts'
import { zhCNDesk } from './zh-CN.desk.ts'

// Imported for its effect by the desk's chunk (app/Desk.tsx): merges the desk's Chinese messages into those
// the shell bundles. English is one chunk with every message (index.ts loads it when chosen).
i18n.addResourceBundle('zh-CN', 'translation', zhCNDesk, true, false)
