/** Kysely types of the enterprise module's tables (its migration is the source of truth); part of the app's DB. */
export type EnterpriseTables = Record<never, never>
