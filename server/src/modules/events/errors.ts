import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the events module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const eventErrors = {} as const satisfies ErrorCatalog
