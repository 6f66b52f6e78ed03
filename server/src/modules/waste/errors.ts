import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the waste module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const wasteErrors = {} as const satisfies ErrorCatalog
