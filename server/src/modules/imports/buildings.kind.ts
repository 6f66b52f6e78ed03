import { BuildingInput } from '@tongxin/contracts'
import { buildingColumns } from '../registry/buildings.service.ts'
import { updateVersioned } from '../registry/versioned.ts'
import { headerOf, KIND_SPECS } from './columns.ts'
import { defineKind } from './kind.ts'
import { reason } from './reasons.ts'
import { type BuildingRecord, insertMany, loadBuildings, loadParks } from './repository.ts'

const spec = KIND_SPECS.buildings
const FIELDS: Record<string, string> = {
  '/areaCode': 'areaCode',
  '/parkId': 'park',
  '/name': 'name',
  '/address': 'address',
  '/floors': 'floors',
  '/inUse': 'inUse',
  '/propertyCompany': 'propertyCompany',
  '/owner': 'owner',
  '/lat': 'lat',
  '/lng': 'lng',
}
const COLUMN_OF_ERROR: Record<string, string> = {
  unknown_area: 'areaCode',
  area_level: 'areaCode',
  unknown_ref: 'park',
  building_location_outside_shanghai: 'lat',
  building_location_incomplete: 'lat',
}

type Columns = Awaited<ReturnType<typeof buildingColumns>>
interface Planned {
  columns: Columns
  existing: BuildingRecord | undefined
  changed: boolean
}

const h = (key: string) => headerOf(spec, key)
const naturalKey = (name: string, address: string) => `${name}\u0000${address}`

/** 楼宇: identified by name + address; a park is found by its name inside the building's street. */
export const checkBuildings = defineKind({
  spec,
  input: BuildingInput,
  fields: FIELDS,
  columnOf: (e) => COLUMN_OF_ERROR[e.code] ?? '',
  async load(env, _checks, snap) {
    const existing = new Map((await loadBuildings(env.db)).map((b) => [naturalKey(b.name, b.address), b]))
    const parks = await loadParks(env.db)
    for (const p of parks) snap.live.park.add(p.id)
    return {
      snap,
      existing,
      parkByName: new Map(parks.map((p) => [`${p.area_code}\u0000${p.name}`, p.id])),
      parkName: new Map(parks.map((p) => [p.id, p.name])),
    }
  },
  naturalKey(check) {
    const name = check.text('name')
    const address = check.text('address')
    if (name === null || address === null) return null
    return { key: naturalKey(name, address), column: 'name', shown: `${name} / ${address}`, value: undefined }
  },
  row(check, { snap, existing, parkByName }) {
    const name = check.text('name')
    const address = check.text('address')
    const areaCode = check.text('areaCode')
    const park = check.text('park')
    let parkId: number | null = null
    // A park is looked for only in a known street; an unknown code is the validator's to report.
    if (park !== null && areaCode !== null && snap.areas.has(areaCode)) {
      parkId = parkByName.get(`${areaCode}\u0000${park}`) ?? null
      if (parkId === null)
        check.fail(
          'park',
          reason('unknown_park', { name: park, area: snap.areas.get(areaCode)?.name ?? areaCode }),
        )
    }
    if (!check.ok) return null
    const input: BuildingInput = {
      areaCode: areaCode!,
      parkId,
      name: name!,
      address: address!,
      floors: check.num('floors')!,
      inUse: check.bool('inUse') ?? true,
      propertyCompany: check.text('propertyCompany'),
      owner: check.text('owner'),
      lat: check.num('lat'),
      lng: check.num('lng'),
    }
    return { input, before: existing.get(naturalKey(name!, address!)) }
  },
  columns: (_ctx, { input }, snap) => buildingColumns(snap, input),
  scope: (_check, _ctx, { before }, columns) =>
    columns ? [columns.area_code, before?.area_code ?? null] : null,
  diff: ({ parkName }, _row, columns, before) => [
    { field: h('areaCode'), before: before.area_code, after: columns.area_code },
    { field: h('floors'), before: before.floors, after: columns.floors },
    { field: h('inUse'), before: before.in_use, after: columns.in_use },
    { field: h('propertyCompany'), before: before.property_company, after: columns.property_company },
    { field: h('owner'), before: before.owner, after: columns.owner },
    { field: h('lat'), before: before.lat, after: columns.lat },
    { field: h('lng'), before: before.lng, after: columns.lng },
    {
      field: h('park'),
      before: before.park_id,
      after: columns.park_id,
      shownBefore: before.park_id ? (parkName.get(before.park_id) ?? '') : '',
      shownAfter: columns.park_id ? (parkName.get(columns.park_id) ?? '') : '',
    },
  ],
  label: (_row, columns) => `${columns.name} / ${columns.address}`,
  plan: (_check, { before }, columns, change): Planned => ({
    columns,
    existing: before,
    changed: change.action === 'changed',
  }),
  async apply(trx, env, planned) {
    const fresh = planned.filter((p) => !p.existing).map((p) => p.columns)
    await insertMany(trx, 'building', fresh, {
      history: { entity: 'building', accountId: env.accountId },
      onChunk: env.progress,
    })
    for (const p of planned) {
      if (!p.existing || !p.changed) continue
      const { id, version, area_code } = p.existing
      await updateVersioned(trx, 'building', id, version, p.columns, env.accountId, env.now)
      // As in the form: units take their building's area, so moving a building moves its units.
      if (area_code !== p.columns.area_code)
        await trx
          .updateTable('unit')
          .set({ area_code: p.columns.area_code })
          .where('building_id', '=', id)
          .execute()
      env.progress(1)
    }
  },
})
