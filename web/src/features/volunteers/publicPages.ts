import type { PublicPage } from '../../app/module-types.ts'

/** Pages without login (outside the menu layout); their API routes must be public. None: see PointQrPage. */
export const volunteersPublicPages: PublicPage[] = []
