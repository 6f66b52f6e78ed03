/** Kysely types of the surveys module's tables (its migration is the source of truth); part of the app's DB. */
export type SurveysTables = Record<never, never>
