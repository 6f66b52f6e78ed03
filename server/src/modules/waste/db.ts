import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { WasteTables } from './schema.ts'

// Apart from schema.ts, which db/schema.ts merges into DB: this file looks at DB, so it sits above both.

export type WasteDB = Kysely<DB & WasteTables>

/** The app's handle, seen with the waste tables too (same connection, wider type). */
export const wasteDb = (db: Kysely<DB>): WasteDB => db as unknown as WasteDB

/** The same handle seen as the core schema, for shared helpers such as writeAudit. */
export const coreDb = (db: WasteDB): Kysely<DB> => db as unknown as Kysely<DB>
