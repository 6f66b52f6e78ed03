import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Visibility } from '../../lib/visibility.ts'
import { listBuildings } from './buildings.repository.ts'
import { listOrgs } from './orgs.repository.ts'
import { listPeople } from './people.repository.ts'
import { listUnits } from './units.repository.ts'

/**
 * Keyset pages of the four registry lists, as far as `v` lets the caller see, for the workbook export
 * (imports/exports.ts): rows after `afterId`, by id, at most `limit`.
 */
export const buildingsPage = (db: Kysely<DB>, v: Visibility, afterId: number | undefined, limit: number) =>
  listBuildings(db, v, { afterId, limit })
export const unitsPage = (db: Kysely<DB>, v: Visibility, afterId: number | undefined, limit: number) =>
  listUnits(db, v, { afterId, limit })
export const orgsPage = (db: Kysely<DB>, v: Visibility, afterId: number | undefined, limit: number) =>
  listOrgs(db, v, { afterId, limit })
export const peoplePage = (db: Kysely<DB>, v: Visibility, afterId: number | undefined, limit: number) =>
  listPeople(db, v, { afterId, limit })
