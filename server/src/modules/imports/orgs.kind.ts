import { PartyOrgInput } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { orgColumns, replaceCoverage } from '../registry/orgs.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import { splitList } from './cells.ts'
import { type ApplyEnv, type CheckEnv, KeySeen, type RowCheck, type Snapshot } from './check.ts'
import { headerOf, KIND_SPECS, labelOf, ORG_TYPE_LABELS } from './columns.ts'
import { defineKind, type KindRow } from './kind.ts'
import { reason } from './reasons.ts'
import {
  insertMany,
  livePeople,
  loadBuildings,
  loadCoverage,
  loadOrgs,
  loadUnitsByUscc,
  type OrgRecord,
  unitCodesById,
} from './repository.ts'

const spec = KIND_SPECS.party_orgs
const FIELDS: Record<string, string> = {
  '/name': 'name',
  '/type': 'type',
  '/parentId': 'parent',
  '/areaCode': 'areaCode',
  '/establishedOn': 'establishedOn',
  '/hasCommittee': 'hasCommittee',
  '/coversUnitIds': 'coversUnits',
  '/coversBuildingIds': 'coversBuildings',
}
const COLUMN_OF_ERROR: Record<string, string> = {
  unknown_area: 'areaCode',
  area_level: 'areaCode',
  cyclic_parent: 'parent',
}

type Columns = Awaited<ReturnType<typeof orgColumns>>
interface Planned {
  /** The real id of an existing organisation, or a negative stand-in for one new in this file. */
  id: number
  columns: Columns
  existing: OrgRecord | undefined
  changed: boolean
  coverageChanged: boolean
  unitIds: number[]
  buildingIds: number[]
}

const h = (key: string) => headerOf(spec, key)
const joined = (items: string[]) => [...items].sort().join('；')
const usccsOf = (c: RowCheck) =>
  splitList(c.text('coversUnits')).map((u) => u.replace(/\s+/g, '').toUpperCase())

type Ctx = Awaited<ReturnType<typeof loadRefs>>
interface Row extends KindRow<PartyOrgInput, OrgRecord> {
  id: number
  parentName: string | null
  coverUsccs: string[]
  coverBuildings: string[]
}

/** The organisations, buildings and units the file names, and the coverage of those it matches. */
async function loadRefs(env: CheckEnv, checks: RowCheck[], snap: Snapshot) {
  const orgs = await loadOrgs(env.db)
  for (const o of orgs) {
    snap.live.party_org.add(o.id)
    snap.parents.set(o.id, o.parent_id)
  }
  const buildings = await loadBuildings(env.db)
  for (const b of buildings) snap.live.building.add(b.id)
  const unitRecords = await loadUnitsByUscc(env.db, checks.flatMap(usccsOf))
  for (const u of unitRecords) snap.live.unit.add(u.id)
  const byName = new Map(orgs.map((o) => [o.name, o]))
  const matched = checks.map((c) => byName.get(c.text('name') ?? '')).filter((o): o is OrgRecord => !!o)
  const coverage = await loadCoverage(
    env.db,
    matched.map((o) => o.id),
  )
  const coveredCodes = await unitCodesById(
    env.db,
    coverage.filter((c) => c.unit_id !== null).map((c) => c.unit_id!),
  )
  for (const id of await livePeople(
    env.db,
    matched.map((o) => o.secretary_person_id).filter((s): s is number => s !== null),
  ))
    snap.live.person.add(id)
  const ctx = {
    snap,
    byName,
    nameOf: new Map(orgs.map((o) => [o.id, o.name])),
    buildingByKey: new Map(buildings.map((b) => [`${b.name}@${b.address}`, b.id])),
    buildingLabel: new Map(buildings.map((b) => [b.id, `${b.name}@${b.address}`])),
    units: new Map(unitRecords.map((u) => [u.uscc, u.id])),
    // Where a covered unit or building is, for the scope check: an office may not extend an organisation of
    // its own over another street's units (the API refuses the same).
    unitArea: new Map(unitRecords.map((u) => [u.uscc, u.area_code])),
    buildingArea: new Map(buildings.map((b) => [`${b.name}@${b.address}`, b.area_code])),
    coverage,
    coveredCodes,
    seenIds: new Map<string, number>(),
  }
  placeFileOrgs(ctx, checks)
  return ctx
}

/**
 * Every organisation the file names gets an id (new ones a negative stand-in) and its parent edge, before any
 * row is checked, so cycles through rows further down the file are seen.
 */
function placeFileOrgs(ctx: Ctx, checks: RowCheck[]) {
  const { snap, byName, seenIds, nameOf } = ctx
  for (const c of checks) {
    const name = c.text('name')
    if (name !== null && !seenIds.has(name)) seenIds.set(name, byName.get(name)?.id ?? -c.row)
  }
  const seen = new KeySeen<number>()
  for (const c of checks) {
    const name = c.text('name')
    const id = name !== null ? seenIds.get(name)! : null
    if (id === null || seen.claim(name!, c.row, id)) continue
    snap.live.party_org.add(id)
    const parent = c.text('parent')
    snap.parents.set(id, parent !== null ? (idOfName(ctx, parent) ?? null) : null)
    if (id < 0) nameOf.set(id, name!)
  }
}

const idOfName = (ctx: Pick<Ctx, 'byName' | 'seenIds'>, name: string) =>
  ctx.byName.get(name)?.id ?? ctx.seenIds.get(name)

/** The row's parent: an organisation in the database or in the file, not itself, closing no cycle. */
async function parentOf(check: RowCheck, ctx: Ctx, name: string | null, id: number): Promise<number | null> {
  const parent = check.text('parent')
  if (parent === null || name === null) return null
  const parentId = idOfName(ctx, parent) ?? null
  if (parent === name) check.fail('parent', reason('parent_self'))
  else if (parentId === null) check.fail('parent', reason('unknown_org', { name: parent }))
  else {
    const chain = await ctx.snap.ancestors(parentId)
    if (chain.includes(id)) {
      const names = [
        name,
        ...chain.slice(0, chain.indexOf(id) + 1).map((i) => ctx.nameOf.get(i) ?? String(i)),
      ]
      check.fail('parent', reason('parent_cycle', { chain: names.join(' → ') }))
    }
  }
  return parentId
}

/** The units (by USCC) a row says the organisation covers; marks the cell naming those that do not exist. */
function coveredUnits(check: RowCheck, ctx: Ctx): string[] {
  const usccs = usccsOf(check)
  const missing = usccs.filter((u) => !ctx.units.has(u))
  if (missing.length) check.fail('coversUnits', reason('unknown_unit', { uscc: missing.join('、') }))
  return usccs
}

/** The buildings (name@address) a row says the organisation covers; marks the cell for each bad one. */
function coveredBuildings(check: RowCheck, ctx: Ctx): string[] {
  const items = splitList(check.text('coversBuildings'))
  for (const item of items) {
    const at = item.indexOf('@')
    if (at <= 0) check.fail('coversBuildings', reason('cover_building_format', { value: item }))
    else if (!ctx.buildingByKey.has(item))
      check.fail(
        'coversBuildings',
        reason('unknown_building', { name: item.slice(0, at), address: item.slice(at + 1) }),
      )
  }
  return items
}

const coverageOf = (ctx: Ctx, before: OrgRecord | undefined) =>
  before ? ctx.coverage.filter((c) => c.party_org_id === before.id) : []

/** The coverage before and after the row, as the diff shows it. */
function coverageDiff(ctx: Ctx, row: Row) {
  const mine = coverageOf(ctx, row.before)
  return {
    unitsBefore: joined(
      mine.filter((c) => c.unit_id !== null).map((c) => ctx.coveredCodes.get(c.unit_id!) ?? ''),
    ),
    buildingsBefore: joined(
      mine.filter((c) => c.building_id !== null).map((c) => ctx.buildingLabel.get(c.building_id!) ?? ''),
    ),
    unitsAfter: joined(row.coverUsccs),
    buildingsAfter: joined(row.coverBuildings),
  }
}

/**
 * 党组织: identified by name. A parent may be an existing organisation or one anywhere in the same file
 * (the commit inserts parents first); an organisation that is its own parent or closes a cycle is refused.
 */
export const checkOrgs = defineKind({
  spec,
  input: PartyOrgInput,
  fields: FIELDS,
  columnOf: (e) => COLUMN_OF_ERROR[e.code] ?? '',
  load: loadRefs,
  naturalKey(check) {
    const name = check.text('name')
    return name !== null ? { key: name, column: 'name', shown: name, value: undefined } : null
  },
  async row(check, ctx): Promise<Row | null> {
    const name = check.text('name')
    const id = name !== null ? ctx.seenIds.get(name)! : 0
    const parentId = await parentOf(check, ctx, name, id)
    const coverUsccs = coveredUnits(check, ctx)
    const coverBuildings = coveredBuildings(check, ctx)
    if (!check.ok) return null
    const before = ctx.byName.get(name!)
    const secretary = before?.secretary_person_id ?? null
    const input: PartyOrgInput = {
      name: name!,
      type: check.values.type as PartyOrgInput['type'],
      parentId,
      areaCode: check.text('areaCode')!,
      establishedOn: check.text('establishedOn'),
      // The sheet has no secretary column: an existing organisation keeps its secretary.
      secretaryPersonId: secretary !== null && ctx.snap.live.person.has(secretary) ? secretary : null,
      hasCommittee: check.bool('hasCommittee') ?? false,
      coversUnitIds: coverUsccs.map((u) => ctx.units.get(u)!),
      coversBuildingIds: coverBuildings.map((b) => ctx.buildingByKey.get(b)!),
    }
    return {
      input,
      before,
      // Stand-in ids of organisations new in this file are negative; the schema sees a real-looking one.
      schemaInput: { ...input, parentId: parentId !== null && parentId < 0 ? 1 : parentId },
      id,
      parentName: check.text('parent'),
      coverUsccs,
      coverBuildings,
    }
  },
  columns: (_ctx, { input, before }, snap) => orgColumns(snap, input, before?.id ?? null),
  scope(_check, ctx, row, columns) {
    if (!columns) return null
    const { before, coverUsccs, coverBuildings } = row as Row
    // Only what the row newly covers: an organisation may already span streets, as the API allows.
    const had = coverageOf(ctx, before)
    const hadUnits = new Set(had.map((c) => c.unit_id))
    const hadBuildings = new Set(had.map((c) => c.building_id))
    return [
      columns.area_code,
      before?.area_code ?? null,
      ...coverUsccs.filter((u) => !hadUnits.has(ctx.units.get(u)!)).map((u) => ctx.unitArea.get(u) ?? null),
      ...coverBuildings
        .filter((k) => !hadBuildings.has(ctx.buildingByKey.get(k)!))
        .map((k) => ctx.buildingArea.get(k) ?? null),
    ]
  },
  diff(ctx, row, columns, before) {
    const cover = coverageDiff(ctx, row as Row)
    return [
      {
        field: h('type'),
        before: before.type,
        after: columns.type,
        shownBefore: labelOf(ORG_TYPE_LABELS, before.type),
        shownAfter: labelOf(ORG_TYPE_LABELS, columns.type),
      },
      {
        field: h('parent'),
        before: before.parent_id !== null ? (ctx.nameOf.get(before.parent_id) ?? null) : null,
        after: (row as Row).parentName,
      },
      { field: h('areaCode'), before: before.area_code, after: columns.area_code },
      { field: h('establishedOn'), before: before.established_on, after: columns.established_on },
      { field: h('hasCommittee'), before: before.has_committee, after: columns.has_committee },
      { field: h('coversUnits'), before: cover.unitsBefore, after: cover.unitsAfter },
      { field: h('coversBuildings'), before: cover.buildingsBefore, after: cover.buildingsAfter },
    ]
  },
  label: (_row, columns) => columns.name,
  plan(_check, row, columns, change, ctx): Planned {
    const r = row as Row
    const cover = coverageDiff(ctx, r)
    return {
      id: r.id,
      columns,
      existing: r.before,
      changed: change.action === 'changed',
      coverageChanged:
        cover.unitsBefore !== cover.unitsAfter || cover.buildingsBefore !== cover.buildingsAfter,
      unitIds: r.input.coversUnitIds ?? [],
      buildingIds: r.input.coversBuildingIds ?? [],
    }
  },
  apply: applyOrgs,
})

/** New organisations level by level (parents first, stand-in ids replaced), then the changed ones. */
async function applyOrgs(trx: Kysely<DB>, env: ApplyEnv, planned: Planned[]) {
  const realId = new Map<number, number>()
  const parentOf = (p: Planned) => {
    const parent = p.columns.parent_id
    return parent !== null && parent < 0 ? (realId.get(parent) ?? null) : parent
  }
  let pending = planned.filter((p) => !p.existing)
  while (pending.length > 0) {
    const ready = pending.filter(
      (p) => p.columns.parent_id === null || p.columns.parent_id > 0 || realId.has(p.columns.parent_id),
    )
    if (ready.length === 0) throw new Error('party organisations in the file form a cycle')
    const inserted = await insertMany<{ id: number; name: string }>(
      trx,
      'party_org',
      ready.map((p) => ({ ...p.columns, parent_id: parentOf(p) })),
      {
        returning: ['name'],
        history: { entity: 'party_org', accountId: env.accountId },
        onChunk: env.progress,
      },
    )
    const byInsertedName = new Map(inserted.map((r) => [r.name, r.id]))
    for (const p of ready) realId.set(p.id, byInsertedName.get(p.columns.name)!)
    pending = pending.filter((p) => !ready.includes(p))
  }
  const fresh = planned.filter((p) => !p.existing)
  await insertMany(
    trx,
    'party_org_coverage',
    fresh.flatMap((p) => [
      ...[...new Set(p.unitIds)].map((u) => ({
        party_org_id: realId.get(p.id)!,
        unit_id: u,
        building_id: null,
      })),
      ...[...new Set(p.buildingIds)].map((b) => ({
        party_org_id: realId.get(p.id)!,
        unit_id: null,
        building_id: b,
      })),
    ]),
  )
  for (const p of planned) {
    if (!p.existing || !p.changed) continue
    const columns = { ...p.columns, parent_id: parentOf(p) }
    await updateVersioned(
      trx,
      'party_org',
      p.existing.id,
      p.existing.version,
      columns,
      env.accountId,
      env.now,
    )
    if (p.coverageChanged) await replaceCoverage(trx, p.existing.id, p.unitIds, p.buildingIds)
    env.progress(1)
  }
}
