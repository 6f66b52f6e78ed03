/** The languages of every message: Chinese first (the default), English. */
export type Locale = 'zh-CN' | 'en-US'
