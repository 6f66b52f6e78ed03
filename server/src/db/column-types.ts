import type { ColumnType } from 'kysely'

/**
 * The column shapes every module's table types share (db/schema.ts and each module's schema.ts), written once.
 * A read gives a Date; an insert or update may pass a Date or the ISO text the routes receive.
 */

/** Columns the database fills in (identity, defaults) are optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>
/** A timestamp with a default (`now()`): optional on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A timestamp without a default: the insert names it. */
export type GivenTimestamp = ColumnType<Date, Date | string, Date | string>
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>
/** Kept by triggers: never written by the application. */
export type Derived<T> = ColumnType<T, never, never>
