import type { PublicPage } from '../../app/modules.tsx'

/** Pages without login (outside the menu layout); their API routes must be public. */
export const eventsPublicPages: PublicPage[] = []
