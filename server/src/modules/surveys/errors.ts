import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the surveys module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const surveyErrors = {} as const satisfies ErrorCatalog
