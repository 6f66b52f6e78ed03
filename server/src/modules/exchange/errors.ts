import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the exchange module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const exchangeErrors = {} as const satisfies ErrorCatalog
