import { type ImportChange, PartyOrgInput } from '@tongxin/contracts'
import { orgColumns, replaceCoverage } from '../registry/orgs.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import { splitList } from './cells.ts'
import {
  type CheckEnv,
  changeOf,
  checkSchema,
  checkScope,
  compileInput,
  diffFields,
  KeySeen,
  type KindOutcome,
  type RowCheck,
  type RowError,
  readRows,
  Snapshot,
  viaValidator,
} from './check.ts'
import { headerOf, KIND_SPECS, labelOf, ORG_TYPE_LABELS } from './columns.ts'
import type { SheetRow } from './parse.ts'
import { reason } from './reasons.ts'
import {
  insertMany,
  livePeople,
  loadAreas,
  loadBuildings,
  loadCoverage,
  loadOrgs,
  loadUnitsByUscc,
  type OrgRecord,
  unitCodesById,
} from './repository.ts'

const spec = KIND_SPECS.party_orgs
const validate = compileInput(PartyOrgInput)
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

/**
 * 党组织: identified by name. A parent may be an existing organisation or one anywhere in the same file
 * (the commit inserts parents first); an organisation that is its own parent or closes a cycle is refused.
 */
export async function checkOrgs(env: CheckEnv, rows: SheetRow[]): Promise<KindOutcome> {
  const snap = new Snapshot(await loadAreas(env.db))
  const orgs = await loadOrgs(env.db)
  const byName = new Map(orgs.map((o) => [o.name, o]))
  const nameOf = new Map(orgs.map((o) => [o.id, o.name]))
  for (const o of orgs) {
    snap.live.party_org.add(o.id)
    snap.parents.set(o.id, o.parent_id)
  }
  const buildings = await loadBuildings(env.db)
  const buildingByKey = new Map(buildings.map((b) => [`${b.name}@${b.address}`, b.id]))
  const buildingLabel = new Map(buildings.map((b) => [b.id, `${b.name}@${b.address}`]))
  for (const b of buildings) snap.live.building.add(b.id)
  const checks = await readRows(spec, rows)
  const listOf = (c: RowCheck, key: string) => splitList(c.text(key))
  const usccs = checks.flatMap((c) =>
    listOf(c, 'coversUnits').map((u) => u.replace(/\s+/g, '').toUpperCase()),
  )
  const unitRecords = await loadUnitsByUscc(env.db, usccs)
  const units = new Map(unitRecords.map((u) => [u.uscc, u.id]))
  // Where a covered unit or building is, for the scope check: an office may not extend an organisation of its
  // own over another street's units (the API refuses the same).
  const unitArea = new Map(unitRecords.map((u) => [u.uscc, u.area_code]))
  const buildingArea = new Map(buildings.map((b) => [`${b.name}@${b.address}`, b.area_code]))
  for (const id of units.values()) snap.live.unit.add(id)
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

  // First pass: every organisation the file names gets an id (new ones a negative stand-in) and its parent
  // edge, so cycles through rows further down the file are seen.
  const seen = new KeySeen<number>()
  const seenIds = new Map<string, number>()
  const idOfName = (name: string) => byName.get(name)?.id ?? seenIds.get(name)
  for (const c of checks) {
    const name = c.text('name')
    if (name !== null && !seenIds.has(name)) seenIds.set(name, byName.get(name)?.id ?? -c.row)
  }
  for (const c of checks) {
    const name = c.text('name')
    const id = name !== null ? seenIds.get(name)! : null
    if (id === null || seen.claim(name!, c.row, id)) continue
    snap.live.party_org.add(id)
    const parent = c.text('parent')
    snap.parents.set(id, parent !== null ? (idOfName(parent) ?? null) : null)
    if (id < 0) nameOf.set(id, name!)
  }

  const dupes = new KeySeen()
  const errors: RowError[] = []
  const changes: ImportChange[] = []
  const planned: Planned[] = []
  for (const check of checks) {
    const name = check.text('name')
    const prior = name !== null ? dupes.claim(name, check.row, undefined) : null
    if (prior) check.fail('name', reason('duplicate_key', { row: prior.row, key: name! }))
    const id = name !== null ? seenIds.get(name)! : 0
    const parent = check.text('parent')
    let parentId: number | null = null
    if (parent !== null && name !== null) {
      parentId = idOfName(parent) ?? null
      if (parent === name) check.fail('parent', reason('parent_self'))
      else if (parentId === null) check.fail('parent', reason('unknown_org', { name: parent }))
      else {
        const chain = await snap.ancestors(parentId)
        if (chain.includes(id)) {
          const names = [
            name,
            ...chain.slice(0, chain.indexOf(id) + 1).map((i) => nameOf.get(i) ?? String(i)),
          ]
          check.fail('parent', reason('parent_cycle', { chain: names.join(' → ') }))
        }
      }
    }
    const coverUsccs = listOf(check, 'coversUnits').map((u) => u.replace(/\s+/g, '').toUpperCase())
    const missingUnits = coverUsccs.filter((u) => !units.has(u))
    if (missingUnits.length)
      check.fail('coversUnits', reason('unknown_unit', { uscc: missingUnits.join('、') }))
    const coverBuildings = listOf(check, 'coversBuildings')
    for (const item of coverBuildings) {
      const at = item.indexOf('@')
      if (at <= 0) check.fail('coversBuildings', reason('cover_building_format', { value: item }))
      else if (!buildingByKey.has(item))
        check.fail(
          'coversBuildings',
          reason('unknown_building', { name: item.slice(0, at), address: item.slice(at + 1) }),
        )
    }
    if (!check.ok) {
      errors.push(...check.errors)
      continue
    }
    const before = byName.get(name!)
    const secretary = before?.secretary_person_id ?? null
    const input: PartyOrgInput = {
      name: name!,
      type: check.values.type as PartyOrgInput['type'],
      parentId,
      areaCode: check.text('areaCode')!,
      establishedOn: check.text('establishedOn'),
      // The sheet has no secretary column: an existing organisation keeps its secretary.
      secretaryPersonId: secretary !== null && snap.live.person.has(secretary) ? secretary : null,
      hasCommittee: check.bool('hasCommittee') ?? false,
      coversUnitIds: coverUsccs.map((u) => units.get(u)!),
      coversBuildingIds: coverBuildings.map((b) => buildingByKey.get(b)!),
    }
    // Stand-in ids of organisations new in this file are negative; the schema sees a real-looking one.
    checkSchema(
      check,
      validate,
      { ...input, parentId: parentId !== null && parentId < 0 ? 1 : parentId },
      FIELDS,
    )
    const columns = check.ok
      ? await viaValidator(
          check,
          (e) => COLUMN_OF_ERROR[e.code] ?? '',
          () => orgColumns(snap, input, before?.id ?? null),
        )
      : null
    if (columns) {
      // Only what the row newly covers: an organisation may already span streets, as the API allows.
      const had = before ? coverage.filter((c) => c.party_org_id === before.id) : []
      const hadUnits = new Set(had.map((c) => c.unit_id))
      const hadBuildings = new Set(had.map((c) => c.building_id))
      checkScope(check, snap, env.scope, [
        columns.area_code,
        before?.area_code ?? null,
        ...coverUsccs.filter((u) => !hadUnits.has(units.get(u)!)).map((u) => unitArea.get(u) ?? null),
        ...coverBuildings
          .filter((k) => !hadBuildings.has(buildingByKey.get(k)!))
          .map((k) => buildingArea.get(k) ?? null),
      ])
    }
    if (!check.ok || !columns) {
      errors.push(...check.errors)
      continue
    }
    const mine = before ? coverage.filter((c) => c.party_org_id === before.id) : []
    const unitsBefore = joined(
      mine.filter((c) => c.unit_id !== null).map((c) => coveredCodes.get(c.unit_id!) ?? ''),
    )
    const buildingsBefore = joined(
      mine.filter((c) => c.building_id !== null).map((c) => buildingLabel.get(c.building_id!) ?? ''),
    )
    const unitsAfter = joined(coverUsccs)
    const buildingsAfter = joined(coverBuildings)
    const fields = before
      ? diffFields([
          {
            field: h('type'),
            before: before.type,
            after: columns.type,
            shownBefore: labelOf(ORG_TYPE_LABELS, before.type),
            shownAfter: labelOf(ORG_TYPE_LABELS, columns.type),
          },
          {
            field: h('parent'),
            before: before.parent_id !== null ? (nameOf.get(before.parent_id) ?? null) : null,
            after: parent,
          },
          { field: h('areaCode'), before: before.area_code, after: columns.area_code },
          { field: h('establishedOn'), before: before.established_on, after: columns.established_on },
          { field: h('hasCommittee'), before: before.has_committee, after: columns.has_committee },
          { field: h('coversUnits'), before: unitsBefore, after: unitsAfter },
          { field: h('coversBuildings'), before: buildingsBefore, after: buildingsAfter },
        ])
      : []
    const change = changeOf(check.row, columns.name, before !== undefined, fields)
    changes.push(change)
    planned.push({
      id,
      columns,
      existing: before,
      changed: change.action === 'changed',
      coverageChanged: unitsBefore !== unitsAfter || buildingsBefore !== buildingsAfter,
      unitIds: input.coversUnitIds ?? [],
      buildingIds: input.coversBuildingIds ?? [],
    })
  }

  return {
    errors,
    changes,
    async apply(trx, env) {
      env.progress(planned.filter((p) => p.existing && !p.changed).length)
      const realId = new Map<number, number>()
      const parentOf = (p: Planned) => {
        const parent = p.columns.parent_id
        return parent !== null && parent < 0 ? (realId.get(parent) ?? null) : parent
      }
      // New organisations level by level: those whose parent exists (or is none) first, then their children.
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
    },
  }
}
