import { UnitInput } from '@tongxin/contracts'
import { unitColumns } from '../registry/units.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import type { CheckEnv, RowCheck, RowError } from './check.ts'
import { headerOf, KIND_SPECS, labelOf, UNIT_KIND_LABELS } from './columns.ts'
import { defineKind } from './kind.ts'
import { reason } from './reasons.ts'
import {
  type BuildingRecord,
  insertMany,
  loadBuildings,
  loadOrgCover,
  loadUnitsByUscc,
  type UnitRecord,
} from './repository.ts'

const spec = KIND_SPECS.units
const FIELDS: Record<string, string> = {
  '/uscc': 'uscc',
  '/name': 'name',
  '/kind': 'kind',
  '/industry': 'industry',
  '/employees': 'employees',
  '/buildingId': 'buildingName',
  '/areaCode': 'areaCode',
  '/floorFrom': 'floorFrom',
  '/floorTo': 'floorTo',
  '/settledOn': 'settledOn',
  '/leftOn': 'leftOn',
  '/instructorSent': 'instructorSent',
}
const COLUMN_OF_ERROR: Record<string, string> = {
  invalid_uscc: 'uscc',
  invalid_floors: 'floorTo',
  invalid_dates: 'leftOn',
  unit_area_required: 'areaCode',
  unknown_area: 'areaCode',
  area_level: 'areaCode',
  unknown_ref: 'buildingName',
}

type Columns = Awaited<ReturnType<typeof unitColumns>>
interface Planned {
  row: number
  columns: Columns
  existing: UnitRecord | undefined
  changed: boolean
}

const h = (key: string) => headerOf(spec, key)
const buildingKey = (name: string, address: string) => `${name}\u0000${address}`

const OWN = { 'zh-CN': '已有单独组建的党组织', 'en-US': 'The unit has its own party organisation' }
const JOINT = {
  'zh-CN': '已由联合党支部或覆盖整栋楼宇的党组织覆盖',
  'en-US': 'A joint branch, or an organisation covering its whole building, covers the unit',
}

/**
 * 工作覆盖 (an instructor sent) counts only for units without an own or joint organisation — the coverage
 * figures skip the flag of a unit that has one (category own or joint). The row still saves the flag as written
 * (as the form does; it counts again if the organisation goes), but the dry run says so instead of letting
 * the count silently ignore it. "Joint" is judged with the building the row puts the unit in.
 */
async function instructorWarnings(env: CheckEnv, planned: Planned[]): Promise<RowError[]> {
  const flagged = planned.filter((p) => p.columns.instructor_sent && p.columns.left_on === null)
  if (flagged.length === 0) return []
  const cover = await loadOrgCover(
    env.db,
    flagged.map((p) => p.existing?.id).filter((id): id is number => id !== undefined),
  )
  const column = h('instructorSent')
  return flagged.flatMap((p) => {
    const unit = p.existing ? cover.units.get(p.existing.id) : undefined
    const org =
      unit === 'own'
        ? OWN
        : unit === 'joint' || (p.columns.building_id !== null && cover.buildings.has(p.columns.building_id))
          ? JOINT
          : null
    return org ? [{ row: p.row, column, reason: reason('instructor_not_counted', { org }) }] : []
  })
}

/** 单位: checked by USCC against the database, placed in a building by its name + address. */
export const checkUnits = defineKind({
  spec,
  input: UnitInput,
  fields: FIELDS,
  columnOf: (e, input: UnitInput) =>
    e.code === 'floor_above_building'
      ? Number(e.params.floor) === input.floorFrom
        ? 'floorFrom'
        : 'floorTo'
      : (COLUMN_OF_ERROR[e.code] ?? ''),
  async load(env, checks, snap) {
    const buildings = await loadBuildings(env.db)
    for (const b of buildings) {
      snap.buildings.set(b.id, { floors: b.floors, area_code: b.area_code })
      snap.live.building.add(b.id)
    }
    const usccs = checks.map((c) => c.text('uscc')).filter((u): u is string => u !== null)
    return {
      byKey: new Map(buildings.map((b) => [buildingKey(b.name, b.address), b])),
      names: new Map(buildings.map((b) => [b.id, `${b.name}（${b.address}）`])),
      existing: new Map((await loadUnitsByUscc(env.db, usccs)).map((u) => [u.uscc, u])),
    }
  },
  naturalKey(check) {
    const uscc = check.text('uscc')
    return uscc ? { key: uscc, column: 'uscc', shown: uscc, value: undefined } : null
  },
  row(check, { byKey, existing }) {
    const buildingId = buildingOf(check, byKey)
    if (!check.ok) return null
    const uscc = check.text('uscc')!
    const input: UnitInput = {
      uscc,
      name: check.text('name')!,
      kind: check.values.kind as UnitInput['kind'],
      industry: check.text('industry'),
      employees: check.num('employees'),
      buildingId,
      ...(check.text('areaCode') !== null ? { areaCode: check.text('areaCode')! } : {}),
      floorFrom: check.num('floorFrom'),
      floorTo: check.num('floorTo'),
      settledOn: check.text('settledOn'),
      leftOn: check.text('leftOn'),
      instructorSent: check.bool('instructorSent') ?? false,
    }
    return { input, before: existing.get(uscc) }
  },
  columns: (_ctx, { input }, snap) => unitColumns(snap, input),
  scope: (_check, _ctx, { before }, columns) =>
    columns ? [columns.area_code, before?.area_code ?? null] : null,
  diff: ({ names }, _row, columns, before) => [
    { field: h('name'), before: before.name, after: columns.name },
    {
      field: h('kind'),
      before: before.kind,
      after: columns.kind,
      shownBefore: labelOf(UNIT_KIND_LABELS, before.kind),
      shownAfter: labelOf(UNIT_KIND_LABELS, columns.kind),
    },
    { field: h('industry'), before: before.industry, after: columns.industry },
    { field: h('employees'), before: before.employees, after: columns.employees },
    {
      field: h('buildingName'),
      before: before.building_id,
      after: columns.building_id,
      shownBefore: before.building_id ? names.get(before.building_id) : '',
      shownAfter: columns.building_id ? names.get(columns.building_id) : '',
    },
    { field: h('areaCode'), before: before.area_code, after: columns.area_code },
    { field: h('floorFrom'), before: before.floor_from, after: columns.floor_from },
    { field: h('floorTo'), before: before.floor_to, after: columns.floor_to },
    { field: h('settledOn'), before: before.settled_on, after: columns.settled_on },
    { field: h('leftOn'), before: before.left_on, after: columns.left_on },
    { field: h('instructorSent'), before: before.instructor_sent, after: columns.instructor_sent },
  ],
  label: (_row, columns) => columns.uscc,
  plan: (check, { before }, columns, change): Planned => ({
    row: check.row,
    columns,
    existing: before,
    changed: change.action === 'changed',
  }),
  extra: async (env, planned) => ({ warnings: await instructorWarnings(env, planned) }),
  async apply(trx, env, planned) {
    const fresh = planned.filter((p) => !p.existing).map((p) => p.columns)
    await insertMany(trx, 'unit', fresh, {
      history: { entity: 'unit', accountId: env.accountId },
      onChunk: env.progress,
    })
    for (const p of planned) {
      if (!p.existing || !p.changed) continue
      await updateVersioned(trx, 'unit', p.existing.id, p.existing.version, p.columns, env.accountId, env.now)
      env.progress(1)
    }
  },
})

/** The building a row names by name + address, in the row's street; marks the cells when there is none. */
function buildingOf(check: RowCheck, byKey: Map<string, BuildingRecord>): number | null {
  const bName = check.text('buildingName')
  const bAddress = check.text('buildingAddress')
  if ((bName === null) !== (bAddress === null)) {
    check.fail(bName === null ? 'buildingName' : 'buildingAddress', reason('building_pair'))
    return null
  }
  if (bName === null || bAddress === null) return null
  const b = byKey.get(buildingKey(bName, bAddress))
  const areaCode = check.text('areaCode')
  if (!b) check.fail('buildingName', reason('unknown_building', { name: bName, address: bAddress }))
  else if (areaCode !== null && areaCode !== b.area_code)
    check.fail('areaCode', reason('area_mismatch', { code: areaCode, buildingArea: b.area_code }))
  else return b.id
  return null
}
