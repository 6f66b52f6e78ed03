import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { registerScopeResolver, resolveArea, type ScopeRef } from '../../lib/scope.ts'

/** Party organisation keys of an org and every org above it (a committee secretary covers its branches). */
async function orgChainKeys(db: Kysely<DB>, orgIds: number[]): Promise<string[]> {
  const keys = new Set<string>()
  let frontier = orgIds
  for (let depth = 0; frontier.length > 0 && depth < 10; depth++) {
    for (const id of frontier) keys.add(`party_org:${id}`)
    const parents = await db.selectFrom('party_org').select('parent_id').where('id', 'in', frontier).execute()
    frontier = parents
      .map((p) => p.parent_id)
      .filter((p): p is number => p !== null && !keys.has(`party_org:${p}`))
  }
  return [...keys]
}

async function coveringOrgs(db: Kysely<DB>, unitId: number, buildingId: number | null): Promise<number[]> {
  const rows = await db
    .selectFrom('party_org_coverage')
    .select('party_org_id')
    .where((eb) =>
      eb.or([eb('unit_id', '=', unitId), ...(buildingId ? [eb('building_id', '=', buildingId)] : [])]),
    )
    .execute()
  return rows.map((r) => r.party_org_id)
}

/**
 * Where registry rows sit, for the shared access check: a building under its area; a unit under its
 * building and area and the organisations covering it; an organisation under its area and parents; a person
 * wherever their unit and their organisation are.
 */
export function registerRegistryScopes() {
  registerScopeResolver('building', async (db, id) => {
    const b = await db
      .selectFrom('building')
      .select(['area_code', 'name'])
      .where('id', '=', Number(id))
      .executeTakeFirst()
    if (!b) return null
    const area = await resolveArea(db, b.area_code)
    return { anchors: [...(area?.anchors ?? []), `building:${id}`], areaCode: b.area_code, name: b.name }
  })
  registerScopeResolver('unit', async (db, id) => {
    const u = await db
      .selectFrom('unit')
      .select(['area_code', 'name', 'building_id'])
      .where('id', '=', Number(id))
      .executeTakeFirst()
    if (!u) return null
    const area = await resolveArea(db, u.area_code)
    const orgKeys = await orgChainKeys(db, await coveringOrgs(db, Number(id), u.building_id))
    return {
      anchors: [
        ...(area?.anchors ?? []),
        ...(u.building_id ? [`building:${u.building_id}`] : []),
        `unit:${id}`,
        ...orgKeys,
      ],
      areaCode: u.area_code,
      name: u.name,
    }
  })
  registerScopeResolver('party_org', async (db, id) => {
    const o = await db
      .selectFrom('party_org')
      .select(['area_code', 'name'])
      .where('id', '=', Number(id))
      .executeTakeFirst()
    if (!o) return null
    const area = await resolveArea(db, o.area_code)
    return {
      anchors: [...(area?.anchors ?? []), ...(await orgChainKeys(db, [Number(id)]))],
      areaCode: o.area_code,
      name: o.name,
    }
  })
}

/** Where a person being saved is placed: their unit and/or their organisation; with neither, the city. */
export function personPlacement(body: {
  unitId?: number | null
  membership?: { partyOrgId: number } | null
}): ScopeRef[] {
  const refs: ScopeRef[] = []
  if (body.unitId) refs.push({ type: 'unit', id: String(body.unitId) })
  if (body.membership) refs.push({ type: 'party_org', id: String(body.membership.partyOrgId) })
  return refs.length ? refs : [{ type: 'city' }]
}

/** A person's places: their unit's and their organisation's (both, so either holder may keep them). */
export async function personScopeRefs(db: Kysely<DB>, personId: number): Promise<ScopeRef[]> {
  const p = await db
    .selectFrom('person')
    .leftJoin('member', 'member.person_id', 'person.id')
    .select(['person.unit_id', 'member.party_org_id'])
    .where('person.id', '=', personId)
    .executeTakeFirst()
  if (!p) return []
  const refs: ScopeRef[] = []
  if (p.unit_id) refs.push({ type: 'unit', id: String(p.unit_id) })
  if (p.party_org_id) refs.push({ type: 'party_org', id: String(p.party_org_id) })
  // Someone attached to nothing yet is visible to city-wide roles only.
  return refs.length > 0 ? refs : [{ type: 'city' }]
}

/**
 * What saving an organisation touches, each of which the caller must hold: the organisation itself; its
 * place when it is new or moves (another parent or area); and every unit or building it is newly made to cover —
 * coverage puts those under the organisation, so without this a secretary could widen their own scope (and
 * read the personal data there) by making their branch cover any unit of the city. The area itself, which a
 * secretary holds through no grant, is checked by orgs.service.ts (assertAreaHeld).
 */
export async function orgSaveRefs(
  db: Kysely<DB>,
  id: number | null,
  body: {
    parentId?: number | null
    areaCode: string
    coversUnitIds?: number[]
    coversBuildingIds?: number[]
  },
): Promise<ScopeRef[]> {
  const refs: ScopeRef[] = []
  const current =
    id === null
      ? undefined
      : await db
          .selectFrom('party_org')
          .select(['parent_id', 'area_code'])
          .where('id', '=', id)
          .executeTakeFirst()
  if (id !== null) refs.push({ type: 'party_org', id: String(id) })
  // Its place is its parent (a secretary may add branches below their own), or its area when it has none;
  // saving it where it is needs the organisation only (a secretary keeps their own committee true).
  const parentId = body.parentId ?? null
  if (!current || current.parent_id !== parentId || current.area_code !== body.areaCode)
    refs.push(parentId ? { type: 'party_org', id: String(parentId) } : { type: 'area', id: body.areaCode })
  const covered =
    id === null
      ? []
      : await db
          .selectFrom('party_org_coverage')
          .select(['unit_id', 'building_id'])
          .where('party_org_id', '=', id)
          .execute()
  const added = (wanted: number[] | undefined, have: Array<number | null>) =>
    [...new Set(wanted ?? [])].filter((x) => !have.includes(x))
  const units = added(
    body.coversUnitIds,
    covered.map((c) => c.unit_id),
  )
  const buildings = added(
    body.coversBuildingIds,
    covered.map((c) => c.building_id),
  )
  // Ids that do not exist are left to the service, which names them (unknown_ref) instead of a bare 404.
  if (units.length > 0)
    for (const u of await db.selectFrom('unit').select('id').where('id', 'in', units).execute())
      refs.push({ type: 'unit', id: String(u.id) })
  if (buildings.length > 0)
    for (const b of await db.selectFrom('building').select('id').where('id', 'in', buildings).execute())
      refs.push({ type: 'building', id: String(b.id) })
  return refs
}
