/**
 * People, party members, party organisations with what they cover, and building chiefs for the city data
 * set (bench/city-data.ts generates the places they hang off).
 */
import { idNumberWithCheck } from '../server/src/lib/ids.ts'
import { encryptPii, piiLookupHash } from '../server/src/lib/pii.ts'
import {
  day,
  EDUCATION,
  GIVEN,
  isoDay,
  line,
  Rng,
  SearchText,
  SURNAMES,
  WeightedPicker,
} from './city-names.ts'

/** "Today" for every generated date, so the data set does not depend on when it is generated. */
export const REF_DAY = day('2026-06-30')
export const UNIT_KINDS = ['private', 'foreign', 'state', 'social_org', 'agency'] as const
const PARTY_LIKELIHOOD = [0.28, 0.18, 0.9, 0.3, 0.95]
/** State firms and agencies with 3+ formal members nearly always have their own organisation. */
const OWN_ORG_LIKELIHOOD = [0.85, 0.85, 0.95, 0.85, 0.95]

export interface Places {
  streets: Array<{ code: string; name: string; short: string; district: string }>
  streetPick: WeightedPicker
  nBuildings: number
  buildingStreet: Int32Array
  buildingFloors: Int32Array
  buildingInUse: Uint8Array
  buildingName: string[]
  nUnits: number
  /** 0: not in a building */
  unitBuilding: Int32Array
  unitStreet: Int32Array
  unitKind: Uint8Array
  unitEmployees: Int32Array
  unitLeft: Uint8Array
  unitDeleted: Uint8Array
  unitName: string[]
}

type Copy = (table: string, columns: readonly string[], lines: Iterable<string>) => Promise<void>

interface Org {
  name: string
  pieces: string[]
  type: 'committee' | 'general_branch' | 'branch' | 'joint_branch'
  parent: number
  area: string
  deleted: boolean
}

/** Ids grouped by a key (counting sort): rows of key k are ids[start[k] .. start[k+1]). */
function groupBy(keys: Int32Array, nKeys: number): { start: Int32Array; ids: Int32Array } {
  const start = new Int32Array(nKeys + 2)
  for (let i = 1; i < keys.length; i++) start[keys[i]! + 1]!++
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!
  const fill = start.slice()
  const ids = new Int32Array(keys.length - 1)
  for (let i = 1; i < keys.length; i++) ids[fill[keys[i]!]!++] = i
  return { start, ids }
}

export async function loadPeople(
  copy: Copy,
  places: Places,
  opts: { scale: number; seed: number; secret: string },
): Promise<void> {
  const { seed, scale } = opts
  const { nUnits, unitBuilding, unitStreet, unitLeft, unitDeleted } = places
  const st = new SearchText()
  const nPersons = Math.max(1, Math.round(1_000_000 * scale))
  const targetMembers = 120_000 * scale
  const inUnitShare = 0.92

  // Party density per unit: most private firms have no members at all; state firms and agencies nearly
  // always do. Densities are then scaled so the expected member total is the target; densities are capped,
  // so the scale is found by a few fixed-point steps rather than one division.
  const rng = new Rng(seed, 'density')
  const personWeight = new Float64Array(nUnits)
  const raw = new Float64Array(nUnits + 1)
  for (let u = 1; u <= nUnits; u++) personWeight[u - 1] = places.unitEmployees[u]! ** 0.7
  const unitPick = new WeightedPicker(personWeight)
  for (let u = 1; u <= nUnits; u++) {
    const size = Math.min(1, 0.35 + 0.25 * Math.log10(1 + places.unitEmployees[u]!))
    if (rng.chance(PARTY_LIKELIHOOD[places.unitKind[u]!]! * size)) raw[u] = 0.08 + 0.5 * rng.next() ** 2
  }
  const cap = 0.95
  // Persons per unit of weight, less the 0.5 % of people generated as deleted (never members).
  const perWeight = (nPersons * inUnitShare * 0.995) / unitPick.total
  let factor = 1
  for (let step = 0; step < 8; step++) {
    let expected = 0
    for (let u = 1; u <= nUnits; u++)
      expected += Math.min(cap, raw[u]! * factor) * personWeight[u - 1]! * perWeight
    factor *= targetMembers / expected
  }
  const density = raw.map((d) => Math.min(cap, d * factor))

  const personUnit = new Int32Array(nPersons + 1)
  const memberStatus = new Uint8Array(nPersons + 1) // 0 none, 1 formal, 2 probationary
  const personBirth = new Int32Array(nPersons + 1)
  const formal = new Int32Array(nUnits + 1)
  const anyMembers = new Int32Array(nUnits + 1)
  const districts = [...new Set(places.streets.map((s) => s.code.slice(0, 6)))]
  await copy(
    'person',
    [
      'id',
      'name',
      'gender',
      'birth_date',
      'phone',
      'id_number_enc',
      'id_number_hash',
      'education',
      'unit_id',
      'search_text',
      'deleted_at',
    ],
    (function* () {
      const rng = new Rng(seed, 'person')
      const surnameRank = SURNAMES.map((_, i) => 1 / (i + 4))
      const surnamePick = new WeightedPicker(surnameRank)
      const seq = new Map<string, number>()
      const birthFrom = day('1960-01-01')
      const birthSpan = day('2004-12-31') - birthFrom
      for (let id = 1; id <= nPersons; id++) {
        const unit = rng.chance(inUnitShare) ? unitPick.pick(rng) + 1 : 0
        const male = rng.chance(0.52)
        // Office workers skew young: more births near 2004 than near 1960.
        const birth = birthFrom + birthSpan - Math.floor(birthSpan * rng.next() ** 1.25)
        const pieces = [
          SURNAMES[surnamePick.pick(rng)]!,
          rng.pick(GIVEN),
          ...(rng.chance(0.7) ? [rng.pick(GIVEN)] : []),
        ]
        const district = unit ? places.streets[unitStreet[unit]!]!.code.slice(0, 6) : rng.pick(districts)
        const birthText = isoDay(birth).replaceAll('-', '')
        const key = `${district}${birthText}${male ? 1 : 0}`
        const n = seq.get(key) ?? 0
        seq.set(key, n + 1)
        const idNumber = idNumberWithCheck(
          `${district}${birthText}${String(2 * n + (male ? 1 : 0)).padStart(3, '0')}`,
        )
        const deleted = rng.chance(0.005)
        personUnit[id] = unit
        personBirth[id] = birth
        if (unit && !deleted && rng.next() < density[unit]!) {
          const isFormal = rng.chance(0.9)
          memberStatus[id] = isFormal ? 1 : 2
          if (isFormal) formal[unit]!++
          anyMembers[unit]!++
        }
        yield line([
          id,
          pieces.join(''),
          male ? 'male' : 'female',
          isoDay(birth),
          `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
          encryptPii(opts.secret, idNumber),
          piiLookupHash(opts.secret, idNumber),
          rng.pick(EDUCATION),
          unit || null,
          st.of(...pieces),
          deleted ? '2026-05-01 10:00:00+08' : null,
        ])
      }
    })(),
  )

  // Organisations. Live units only: a unit that left or was deleted keeps its people but founds nothing.
  const orgRng = new Rng(seed, 'org')
  const orgs: Org[] = [{ name: '', pieces: [], type: 'committee', parent: 0, area: '', deleted: false }]
  const coverage: Array<[org: number, unit: number, building: number]> = []
  const names = new Set<string>()
  const addOrg = (o: Omit<Org, 'name'>): number => {
    if (names.has(o.pieces.join(''))) o.pieces.push(`（${orgs.length}）`)
    const name = o.pieces.join('')
    names.add(name)
    orgs.push({ ...o, name })
    return orgs.length - 1
  }
  const streetOrg = places.streets.map((s) =>
    addOrg({
      pieces: [s.district, s.name, '两新组织综合党委'],
      type: 'committee',
      parent: 0,
      area: s.code,
      deleted: false,
    }),
  )
  const live = (u: number) => !unitLeft[u] && !unitDeleted[u]
  const byBuilding = groupBy(unitBuilding, places.nBuildings)
  const buildingOrg = new Int32Array(places.nBuildings + 1)
  for (let b = 1; b <= places.nBuildings; b++) {
    const units = byBuilding.start[b + 1]! - byBuilding.start[b]!
    const inScope = places.buildingFloors[b]! >= 6 && places.buildingInUse[b]
    if (!inScope || units < 3 || !orgRng.chance(0.12)) continue
    const street = places.buildingStreet[b]!
    buildingOrg[b] = addOrg({
      pieces: [places.buildingName[b]!, '楼宇联合党总支'],
      type: 'general_branch',
      parent: streetOrg[street]!,
      area: places.streets[street]!.code,
      deleted: false,
    })
    coverage.push([buildingOrg[b]!, 0, b])
  }
  const unitOrg = new Int32Array(nUnits + 1)
  for (let u = 1; u <= nUnits; u++) {
    if (!live(u) || formal[u]! < 3) continue
    if (!orgRng.chance(OWN_ORG_LIKELIHOOD[places.unitKind[u]!]!)) continue
    const f = formal[u]!
    const [type, label] =
      f >= 100
        ? (['committee', '委员会'] as const)
        : f >= 50
          ? (['general_branch', '总支部'] as const)
          : (['branch', '支部'] as const)
    const parent = buildingOrg[unitBuilding[u]!] || streetOrg[unitStreet[u]!]!
    unitOrg[u] = addOrg({
      pieces: [places.unitName[u]!, '党', label],
      type,
      parent,
      area: places.streets[unitStreet[u]!]!.code,
      deleted: false,
    })
    coverage.push([unitOrg[u]!, u, 0])
  }
  // Joint branches of 2–5 small units (1–2 formal members) in the same building, or the same street for
  // units outside buildings; a unit in a building its own general branch covers needs none.
  const candidates: number[] = []
  for (let u = 1; u <= nUnits; u++) {
    if (live(u) && !unitOrg[u] && anyMembers[u]! > 0 && formal[u]! < 3 && !buildingOrg[unitBuilding[u]!])
      candidates.push(u)
  }
  const groupKey = (u: number) => (unitBuilding[u] ? unitBuilding[u]! : -1 - unitStreet[u]!)
  candidates.sort((a, b) => groupKey(a) - groupKey(b) || a - b)
  const jointCount = new Map<number, number>()
  for (let i = 0; i < candidates.length; ) {
    const key = groupKey(candidates[i]!)
    let end = i
    const size = orgRng.int(2, 5)
    while (end < candidates.length && end - i < size && groupKey(candidates[end]!) === key) end++
    if (end - i >= 2 && orgRng.chance(0.75)) {
      const first = candidates[i]!
      const k = (jointCount.get(key) ?? 0) + 1
      jointCount.set(key, k)
      const where = unitBuilding[first]
        ? places.buildingName[unitBuilding[first]!]!
        : places.streets[unitStreet[first]!]!.name
      const org = addOrg({
        pieces: [where, `第${k}联合党支部`],
        type: 'joint_branch',
        parent: streetOrg[unitStreet[first]!]!,
        area: places.streets[unitStreet[first]!]!.code,
        deleted: false,
      })
      for (let j = i; j < end; j++) {
        unitOrg[candidates[j]!] = org
        coverage.push([org, candidates[j]!, 0])
      }
    }
    i = end
  }
  // Dissolved joint branches whose coverage rows remain: coverage must only count live organisations.
  for (let d = 0; d < Math.max(1, Math.round(orgs.length * 0.005)); d++) {
    const u = orgRng.int(1, nUnits)
    const org = addOrg({
      pieces: ['原', places.unitName[u]!, '联合党支部（已撤销）'],
      type: 'joint_branch',
      parent: 0,
      area: places.streets[unitStreet[u]!]!.code,
      deleted: true,
    })
    coverage.push([org, u, 0])
    if (nUnits > 1) coverage.push([org, (u % nUnits) + 1, 0])
  }

  const personOrg = new Int32Array(nPersons + 1)
  const orgFormal = new Int32Array(orgs.length)
  const secretary = new Int32Array(orgs.length)
  for (let p = 1; p <= nPersons; p++) {
    if (!memberStatus[p]) continue
    const u = personUnit[p]!
    const o = (live(u) && (unitOrg[u] || buildingOrg[unitBuilding[u]!])) || streetOrg[unitStreet[u]!]!
    personOrg[p] = o
    if (memberStatus[p] === 1) {
      orgFormal[o]!++
      if (!secretary[o]) secretary[o] = p
    }
  }
  await copy(
    'party_org',
    [
      'id',
      'name',
      'type',
      'parent_id',
      'area_code',
      'established_on',
      'secretary_person_id',
      'has_committee',
      'search_text',
      'deleted_at',
    ],
    (function* () {
      const rng = new Rng(seed, 'party_org')
      for (let id = 1; id < orgs.length; id++) {
        const o = orgs[id]!
        // A few branches of 7+ formal members have not elected a committee yet: a gap to find.
        const committee = orgFormal[id]! >= 7 && rng.chance(0.9)
        yield line([
          id,
          o.name,
          o.type,
          o.parent || null,
          o.area,
          isoDay(rng.int(day('2005-01-01'), REF_DAY - 60)),
          secretary[id] || null,
          committee,
          st.of(...o.pieces),
          o.deleted ? '2026-03-01 10:00:00+08' : null,
        ])
      }
    })(),
  )
  await copy(
    'party_org_coverage',
    ['id', 'party_org_id', 'unit_id', 'building_id'],
    coverage.map(([org, unit, building], i) => line([i + 1, org, unit || null, building || null])),
  )
  await copy(
    'member',
    ['person_id', 'party_org_id', 'status', 'joined_on', 'relation_transferred', 'floating'],
    (function* () {
      const rng = new Rng(seed, 'member')
      for (let p = 1; p <= nPersons; p++) {
        if (!memberStatus[p]) continue
        const adult = personBirth[p]! + 18 * 365
        const joined =
          memberStatus[p] === 1
            ? rng.int(Math.max(adult, day('1980-01-01')), REF_DAY - 400)
            : rng.int(REF_DAY - 330, REF_DAY)
        yield line([
          p,
          personOrg[p]!,
          memberStatus[p] === 1 ? 'formal' : 'probationary',
          isoDay(joined),
          !rng.chance(0.05),
          rng.chance(0.02),
        ])
      }
    })(),
  )

  const byUnit = groupBy(personUnit, nUnits)
  await copy(
    'building_chief',
    ['building_id', 'person_id', 'unit_id', 'since'],
    (function* () {
      const rng = new Rng(seed, 'building_chief')
      for (let b = 1; b <= places.nBuildings; b++) {
        if (places.buildingFloors[b]! < 6 || !places.buildingInUse[b] || !rng.chance(0.8)) continue
        const from = byBuilding.start[b]!
        const count = byBuilding.start[b + 1]! - from
        const unit = count > 0 ? byBuilding.ids[from + rng.int(0, count - 1)]! : 0
        const people = unit ? byUnit.start[unit + 1]! - byUnit.start[unit]! : 0
        // The property company or anchor tenant as a unit, or a named person working in the building.
        const person =
          people > 0 && rng.chance(0.6) ? byUnit.ids[byUnit.start[unit]! + rng.int(0, people - 1)]! : 0
        const asUnit = !person && unit && live(unit) ? unit : 0
        yield line([
          b,
          asUnit ? null : person || rng.int(1, nPersons),
          asUnit || null,
          isoDay(rng.int(day('2018-01-01'), REF_DAY)),
        ])
      }
    })(),
  )
}
