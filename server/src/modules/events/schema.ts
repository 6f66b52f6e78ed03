/** Kysely types of the events module's tables (its migration is the source of truth); part of the app's DB. */
export type EventsTables = Record<never, never>
