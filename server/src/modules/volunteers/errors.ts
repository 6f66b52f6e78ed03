import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the volunteers module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const volunteerErrors = {} as const satisfies ErrorCatalog
