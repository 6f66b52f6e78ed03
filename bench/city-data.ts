/**
 * A city-scale registry data set for Shanghai, generated from a seed and loaded with COPY:
 * every street, 5,000 buildings, 200,000 units, 1,000,000 people, ~120,000 party members and their
 * organisations, building chiefs and stations (all × BENCH_SCALE).
 *   node --import tsx bench/city-data.ts                                   # PGlite in BENCH_PGLITE_DIR
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/city-data.ts   # database BENCH_CITY_DB on that server
 * BENCH_SEED (default 1), BENCH_SCALE (default 1), BENCH_VERIFY=1 recomputes unit_stat through the trigger
 * function afterwards and compares it with the set-based fill.
 */

import type { Database } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { usccWithCheck } from '../server/src/lib/ids.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { beginBulk, countRows, endBulk, verifyUnitStat } from './city-bulk.ts'
import { type CopyIn, openLoadTarget } from './city-load.ts'
import {
  BUILDING_SUFFIXES,
  day,
  FIRM_CHARS,
  INDUSTRIES,
  isoDay,
  line,
  PARK_SUFFIXES,
  PROPERTY_COMPANIES,
  Rng,
  ROADS,
  SearchText,
  SOCIAL_SUFFIXES,
  STATION_KINDS,
  WeightedPicker,
} from './city-names.ts'
import { loadPeople, type Places, REF_DAY, UNIT_KINDS } from './city-people.ts'

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret'

export interface CityOptions {
  copyIn: CopyIn
  scale?: number
  seed?: number
  /** Encrypts the generated ID numbers, so an app started with the same secret can read them. */
  secret?: string
  log?: (message: string) => void
}

export interface CityLoad {
  counts: Record<string, number>
  seconds: Record<string, number>
}

/** Stored as a comment on table unit, so a later run can tell whether the data there is this data set. */
export const cityMarker = (scale: number, seed: number) => `tongxin bench city: scale=${scale} seed=${seed}`

const shortName = (street: string) => street.replace(/(街道|镇|乡)$/, '')

/** Migrates, seeds areas, then loads the city into the (empty) registry tables. */
export async function generateCity(database: Database, opts: CityOptions): Promise<CityLoad> {
  const scale = opts.scale ?? 1
  const seed = opts.seed ?? 1
  const log = opts.log ?? (() => {})
  const seconds: Record<string, number> = {}
  const time = async (label: string, fn: () => Promise<void>) => {
    const t0 = performance.now()
    await fn()
    seconds[label] = (seconds[label] ?? 0) + (performance.now() - t0) / 1000
    log(`${label}: ${seconds[label]!.toFixed(1)} s`)
  }
  await time('migrate', async () => {
    await migrate(database)
    await seedAreas(database)
  })
  return database.withScriptClient(async (client) => {
    const [{ n } = { n: 0 }] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM unit')
    if (n > 0) throw new Error('generateCity needs a freshly migrated database: table unit already has rows')
    const streets = await client.query<{ code: string; name: string; district: string }>(
      `SELECT s.code, s.name, d.name AS district FROM area s JOIN area d ON d.code = s.parent_code
        WHERE s.level = 'street' ORDER BY s.code`,
    )
    let indexDefs: string[] = []
    await time('prepare', async () => {
      indexDefs = await beginBulk(client)
    })
    const copy = (table: string, columns: readonly string[], lines: Iterable<string>) =>
      time(`copy ${table}`, async () => {
        await opts.copyIn(table, columns, lines)
      })
    const places = await loadPlaces(copy, streets, scale, seed)
    await loadPeople(copy, places, { scale, seed, secret: opts.secret ?? BENCH_SECRET })
    await endBulk(client, indexDefs, time)
    await client.exec(`COMMENT ON TABLE unit IS '${cityMarker(scale, seed)}'`)
    return { counts: await countRows(client), seconds }
  })
}

type Copy = (table: string, columns: readonly string[], lines: Iterable<string>) => Promise<void>

async function loadPlaces(
  copy: Copy,
  streetRows: Array<{ code: string; name: string; district: string }>,
  scale: number,
  seed: number,
): Promise<Places> {
  const st = new SearchText()
  // Office space is lopsided: a log-normal weight gives a few streets many buildings and units, and the
  // central districts (黄浦 徐汇 长宁 静安 浦东) get more of it than the outer ones.
  const weightRng = new Rng(seed, 'street-weights')
  const central = new Set(['310101', '310104', '310105', '310106', '310115'])
  const streetPick = new WeightedPicker(
    streetRows.map((s) => Math.exp(1.1 * weightRng.normal()) * (central.has(s.code.slice(0, 6)) ? 2.5 : 1)),
  )
  const streets = streetRows.map((s) => ({ ...s, short: shortName(s.name) }))

  const nParks = Math.max(1, Math.round(400 * scale))
  const parksByStreet: number[][] = streets.map(() => [])
  await copy(
    'park',
    ['id', 'area_code', 'name', 'search_text'],
    (function* () {
      const rng = new Rng(seed, 'park')
      const names = new Set<string>()
      for (let id = 1; id <= nParks; id++) {
        const s = streetPick.pick(rng)
        const street = streets[s]!
        const pieces = [street.short, rng.pick(FIRM_CHARS), rng.pick(PARK_SUFFIXES)]
        if (names.has(pieces.join(''))) pieces.push(String(id))
        names.add(pieces.join(''))
        parksByStreet[s]!.push(id)
        yield line([id, street.code, pieces.join(''), st.of(...pieces)])
      }
    })(),
  )

  const nBuildings = Math.max(1, Math.round(5000 * scale))
  const buildingStreet = new Int32Array(nBuildings + 1)
  const buildingFloors = new Int32Array(nBuildings + 1)
  const buildingInUse = new Uint8Array(nBuildings + 1)
  const buildingPark = new Int32Array(nBuildings + 1)
  const buildingName: string[] = ['']
  await copy(
    'building',
    [
      'id',
      'area_code',
      'park_id',
      'name',
      'address',
      'floors',
      'in_use',
      'property_company',
      'lat',
      'lng',
      'search_text',
    ],
    (function* () {
      const rng = new Rng(seed, 'building')
      const keys = new Set<string>()
      for (let id = 1; id <= nBuildings; id++) {
        const s = streetPick.pick(rng)
        const street = streets[s]!
        // ~8 % low-rise (3–5 floors) and ~7 % not in use leave ~85 % in census scope (6+ floors, in use).
        const floors = rng.chance(0.08)
          ? rng.int(3, 5)
          : Math.min(60, 6 + Math.round(Math.exp(2.3 + 0.7 * rng.normal())))
        const inUse = rng.chance(0.93)
        const parks = parksByStreet[s]!
        const park = parks.length > 0 && rng.chance(0.3) ? rng.pick(parks) : 0
        const namePieces = [rng.pick(FIRM_CHARS), rng.pick(FIRM_CHARS), rng.pick(BUILDING_SUFFIXES)]
        let addrPieces = [rng.pick(ROADS), `${rng.int(1, 1999)}号`]
        while (keys.has(namePieces.join('') + addrPieces.join('')))
          addrPieces = [rng.pick(ROADS), `${rng.int(1, 1999)}号`]
        keys.add(namePieces.join('') + addrPieces.join(''))
        buildingStreet[id] = s
        buildingFloors[id] = floors
        buildingInUse[id] = inUse ? 1 : 0
        buildingPark[id] = park
        buildingName.push(namePieces.join(''))
        yield line([
          id,
          street.code,
          park || null,
          namePieces.join(''),
          addrPieces.join(''),
          floors,
          inUse,
          rng.pick(PROPERTY_COMPANIES),
          (30.95 + rng.next() * 0.35).toFixed(6),
          (121.2 + rng.next() * 0.45).toFixed(6),
          `${st.of(...namePieces)} ${st.of(...addrPieces)}`,
        ])
      }
    })(),
  )

  const nUnits = Math.max(1, Math.round(200_000 * scale))
  const unitBuilding = new Int32Array(nUnits + 1)
  const unitStreet = new Int32Array(nUnits + 1)
  const unitKind = new Uint8Array(nUnits + 1)
  const unitEmployees = new Int32Array(nUnits + 1)
  const unitLeft = new Uint8Array(nUnits + 1)
  const unitDeleted = new Uint8Array(nUnits + 1)
  const unitName: string[] = ['']
  // Taller buildings hold more firms; buildings not in use hold none.
  const buildingPick = new WeightedPicker(
    Array.from({ length: nBuildings }, (_, i) => (buildingInUse[i + 1] ? buildingFloors[i + 1]! : 0)),
  )
  const kindPick = new WeightedPicker([0.74, 0.08, 0.05, 0.1, 0.03])
  await copy(
    'unit',
    [
      'id',
      'uscc',
      'name',
      'kind',
      'industry',
      'area_code',
      'employees',
      'building_id',
      'floor_from',
      'floor_to',
      'settled_on',
      'left_on',
      'instructor_sent',
      'search_text',
      'deleted_at',
    ],
    (function* () {
      const rng = new Rng(seed, 'unit')
      const names = new Set<string>()
      const settledFrom = day('2000-01-01')
      for (let id = 1; id <= nUnits; id++) {
        const building = rng.chance(0.9) ? buildingPick.pick(rng) + 1 : 0
        const s = building ? buildingStreet[building]! : streetPick.pick(rng)
        const street = streets[s]!
        const kind = kindPick.pick(rng)
        const [, industry] = rng.pick(INDUSTRIES)
        const c = () => rng.pick(FIRM_CHARS)
        const piecesFor = (): string[] => {
          switch (UNIT_KINDS[kind]) {
            case 'social_org':
              return ['上海市', street.short, c(), c(), rng.pick(SOCIAL_SUFFIXES)]
            case 'agency':
              return [street.district, c(), c(), '事务中心']
            case 'foreign':
              return [c(), c(), '（中国）', industry, '有限公司']
            case 'state':
              return ['上海', c(), c(), industry, '集团有限公司']
            default:
              return ['上海', c(), c(), industry, '有限公司']
          }
        }
        let pieces = piecesFor()
        for (let tries = 0; names.has(pieces.join('')) && tries < 4; tries++) pieces = piecesFor()
        if (names.has(pieces.join(''))) pieces.push(`第${id}分公司`)
        const name = pieces.join('')
        names.add(name)
        // Firm sizes are heavy-tailed: median ~15 employees, a few thousand at the top.
        const employees = Math.max(1, Math.round(Math.exp(2.7 + 1.3 * rng.normal())))
        const floors = buildingFloors[building] ?? 0
        const floorFrom = building ? rng.int(1, floors) : null
        const floorTo = floorFrom === null ? null : Math.min(floors, floorFrom + (rng.chance(0.2) ? 1 : 0))
        const settled = rng.int(settledFrom, REF_DAY - 30)
        const left = rng.chance(0.04) ? rng.int(settled, REF_DAY) : null
        const deleted = rng.chance(0.003)
        const uscc = usccWithCheck(`${usccPrefix(UNIT_KINDS[kind]!)}${street.code.slice(0, 6)}${orgCode(id)}`)
        unitBuilding[id] = building
        unitStreet[id] = s
        unitKind[id] = kind
        unitEmployees[id] = employees
        unitLeft[id] = left === null ? 0 : 1
        unitDeleted[id] = deleted ? 1 : 0
        unitName.push(name)
        yield line([
          id,
          uscc,
          name,
          UNIT_KINDS[kind]!,
          industry,
          street.code,
          employees,
          building || null,
          floorFrom,
          floorTo,
          isoDay(settled),
          left === null ? null : isoDay(left),
          left === null && rng.chance(0.04),
          st.of(...pieces),
          deleted ? '2026-05-01 10:00:00+08' : null,
        ])
      }
    })(),
  )

  const nStations = Math.max(1, Math.round(3000 * scale))
  const buildingsByStreet: number[][] = streets.map(() => [])
  for (let b = 1; b <= nBuildings; b++) buildingsByStreet[buildingStreet[b]!]!.push(b)
  await copy(
    'station',
    ['id', 'kind', 'name', 'area_code', 'building_id', 'park_id', 'address', 'search_text'],
    (function* () {
      const rng = new Rng(seed, 'station')
      for (let id = 1; id <= nStations; id++) {
        const s = streetPick.pick(rng)
        const street = streets[s]!
        const [kind, label] = rng.pick(STATION_KINDS)
        const inStreet = buildingsByStreet[s]!
        const building = inStreet.length > 0 && rng.chance(0.55) ? rng.pick(inStreet) : 0
        const pieces = [building ? buildingName[building]! : street.short, label, `${id}`]
        yield line([
          id,
          kind,
          pieces.join(''),
          street.code,
          building || null,
          building ? buildingPark[building] || null : null,
          `${rng.pick(ROADS)}${rng.int(1, 1999)}号`,
          st.of(...pieces),
        ])
      }
    })(),
  )

  return {
    streets,
    streetPick,
    nBuildings,
    buildingStreet,
    buildingFloors,
    buildingInUse,
    buildingName,
    nUnits,
    unitBuilding,
    unitStreet,
    unitKind,
    unitEmployees,
    unitLeft,
    unitDeleted,
    unitName,
  }
}

/** Registration authority + kind: 91 enterprise, 52 social organisation (民政), 11 government agency. */
function usccPrefix(kind: string): string {
  return kind === 'social_org' ? '52' : kind === 'agency' ? '11' : '91'
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** 9 characters, distinct for every id: a multiplication by a prime is a bijection modulo 31^9. */
function orgCode(id: number): string {
  let v = (id * 104_729 + 7_654_321) % 31 ** 9
  let out = ''
  for (let i = 0; i < 9; i++) {
    out = USCC_CHARS[v % 31]! + out
    v = Math.floor(v / 31)
  }
  return out
}

async function main() {
  const scale = Number(process.env.BENCH_SCALE ?? 1)
  const seed = Number(process.env.BENCH_SEED ?? 1)
  const target = await openLoadTarget()
  console.log(`loading the city (scale ${scale}, seed ${seed}) into ${target.describe}`)
  const t0 = performance.now()
  const { counts, seconds } = await generateCity(target.database, {
    copyIn: target.copyIn,
    scale,
    seed,
    log: (m) => console.log(`  ${m}`),
  })
  const total = (performance.now() - t0) / 1000
  console.log('\n| table | rows |\n|---|---:|')
  for (const [t, n] of Object.entries(counts)) console.log(`| ${t} | ${n.toLocaleString('en-US')} |`)
  const copySeconds = Object.entries(seconds)
    .filter(([k]) => k.startsWith('copy '))
    .reduce((sum, [, v]) => sum + v, 0)
  console.log(
    `\nload: ${total.toFixed(1)} s in all — generate + COPY ${copySeconds.toFixed(1)} s, indexes ${seconds.indexes?.toFixed(1)} s, unit_stat ${seconds.unit_stat?.toFixed(1)} s, rollups ${seconds.rollups?.toFixed(1)} s, VACUUM ANALYZE ${seconds.vacuum_analyze?.toFixed(1)} s, migrate ${seconds.migrate?.toFixed(1)} s`,
  )
  if (process.env.BENCH_VERIFY === '1') {
    const t1 = performance.now()
    const check = await target.database.withScriptClient(verifyUnitStat)
    console.log(
      `unit_stat check: ${check.rows} rows; set-based fill vs tx_refresh_unit(id) for every unit: ${check.onlyBulk} rows only in the fill, ${check.onlyFunction} only from the function; coverage rollups kept by the triggers vs rebuilt: ${check.rollupsDiffering} rows differ (${((performance.now() - t1) / 1000).toFixed(1)} s)`,
    )
    if (check.onlyBulk + check.onlyFunction + check.rollupsDiffering > 0) process.exitCode = 1
  }
  await target.close()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
