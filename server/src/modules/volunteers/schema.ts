/** Kysely types of the volunteers module's tables (its migration is the source of truth); part of the app's DB. */
export type VolunteersTables = Record<never, never>
