import type { ColumnType, Generated, Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** The waste module's tables (db/migrations/0004_waste.sql), kept here so the shared schema file stays put. */
export interface WasteItemTable {
  id: Generated<number>
  name: string
  category: string
  aliases: ColumnType<string[], string[] | undefined, string[]>
  reason: string
  disposal: string | null
  seed_name: string | null
  search_text: ColumnType<string, string | undefined, string>
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
  updated_by: number | null
}

export interface WasteDictionaryTable {
  singleton: ColumnType<boolean, boolean | undefined, boolean>
  revision: ColumnType<number, number | undefined, number>
  changed_at: Timestamp
}

export interface WasteMissTable {
  query: string
  count: ColumnType<number, number | undefined, number>
  first_seen: Timestamp
  last_seen: Timestamp
}

export interface WasteTables {
  waste_item: WasteItemTable
  waste_dictionary: WasteDictionaryTable
  waste_miss: WasteMissTable
}

export type WasteDB = Kysely<DB & WasteTables>

/** The app's handle, seen with the waste tables too (same connection, wider type). */
export const wasteDb = (db: Kysely<DB>): WasteDB => db as unknown as WasteDB

/** The same handle seen as the core schema, for shared helpers such as writeAudit. */
export const coreDb = (db: WasteDB): Kysely<DB> => db as unknown as Kysely<DB>
