/**
 * A round's input as staff send it, checked against the registry and against itself before anything is
 * written: every failure is a specific 4xx and the round stays as it was.
 */
import type { PinInput, RoundInput } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'

export type Sections = Pick<RoundInput, 'providers' | 'targets'> & {
  preferences: NonNullable<RoundInput['preferences']>
  pins: PinInput[]
}

export interface ProviderRow {
  unit_id: number
  capacity: number
  categories: string[]
}
export interface TargetRow {
  target_key: string
  kind: 'community' | 'building' | 'need'
  area_code: string
  building_id: number | null
  need_id: number | null
  name: string
  demand: number
  wants: Array<{ category: string; weight: number }>
}
export interface PreferenceRow {
  side: 'provider' | 'target'
  unit_id: number
  target_key: string
  rank: number
}
export interface PinRow {
  unit_id: number
  target_key: string
  kind: 'pin' | 'forbid'
  override: boolean
}
export interface InputRows {
  providers: ProviderRow[]
  targets: TargetRow[]
  preferences: PreferenceRow[]
  pins: PinRow[]
}

const ZH = 'zh-CN'
const EN = 'en-US'
const word = (zh: string, en: string) => ({ [ZH]: zh, [EN]: en }) as Record<'zh-CN' | 'en-US', string>
const shortList = (items: Array<string | number>) =>
  items.slice(0, 5).join(', ') + (items.length > 5 ? ` ...(+${items.length - 5})` : '')

function wholeNumber(value: number, what: Record<'zh-CN' | 'en-US', string>) {
  if (!Number.isInteger(value) || value < 0) throw new AppError('matching_invalid_number', { what, value })
}

function firstDuplicate<T>(items: readonly T[]): T | undefined {
  const seen = new Set<T>()
  for (const item of items) {
    if (seen.has(item)) return item
    seen.add(item)
  }
  return undefined
}

const inside = (code: string, area: string) => code.startsWith(area)

async function checkCategories(db: Kysely<DB>, codes: Iterable<string>) {
  const wanted = [...new Set(codes)]
  if (wanted.length === 0) return
  const known = new Set(
    (await db.selectFrom('service_category').select('code').where('code', 'in', wanted).execute()).map(
      (r) => r.code,
    ),
  )
  const unknown = wanted.find((c) => !known.has(c))
  if (unknown) throw new AppError('unknown_category', { code: unknown })
}

async function providerRows(db: Kysely<DB>, providers: Sections['providers']): Promise<ProviderRow[]> {
  const dup = firstDuplicate(providers.map((p) => p.unitId))
  if (dup !== undefined)
    throw new AppError('matching_duplicate', { what: word('提供方', 'provider'), ref: dup })
  for (const p of providers) {
    wholeNumber(p.capacity, word(`单位 ${p.unitId} 的容量`, `The capacity of unit ${p.unitId}`))
  }
  await checkCategories(
    db,
    providers.flatMap((p) => p.categories),
  )
  const ids = providers.map((p) => p.unitId)
  const found = new Set<number>()
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('unit')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 5000))
      .where('deleted_at', 'is', null)
      .execute()
    for (const r of rows) found.add(Number(r.id))
  }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) throw new AppError('matching_unknown_unit', { ids: shortList(missing) })
  return providers.map((p) => ({
    unit_id: p.unitId,
    capacity: p.capacity,
    categories: [...new Set(p.categories)].sort(),
  }))
}

async function targetRows(
  db: Kysely<DB>,
  areaCode: string,
  targets: Sections['targets'],
): Promise<TargetRow[]> {
  const dup = firstDuplicate(targets.map((t) => t.key))
  if (dup !== undefined)
    throw new AppError('matching_duplicate', { what: word('对接对象', 'target'), ref: dup })
  for (const t of targets) {
    wholeNumber(t.demand ?? 1, word(`${t.key} 的需求数`, `The demand of ${t.key}`))
    if (firstDuplicate(t.wants.map((w) => w.category)) !== undefined)
      throw new AppError('matching_duplicate', { what: word('需求类别', 'wanted category'), ref: t.key })
  }
  await checkCategories(
    db,
    targets.flatMap((t) => t.wants.map((w) => w.category)),
  )
  const ofKind = (prefix: string) =>
    targets.filter((t) => t.key.startsWith(`${prefix}:`)).map((t) => t.key.slice(prefix.length + 1))
  const places = new Map<string, Omit<TargetRow, 'target_key' | 'demand' | 'wants'>>()
  const areaCodes = ofKind('area')
  if (areaCodes.length) {
    const rows = await db.selectFrom('area').select(['code', 'name']).where('code', 'in', areaCodes).execute()
    for (const r of rows)
      if (inside(r.code, areaCode) && r.code !== areaCode)
        places.set(`area:${r.code}`, {
          kind: 'community',
          area_code: r.code,
          building_id: null,
          need_id: null,
          name: r.name,
        })
  }
  const buildingIds = ofKind('building').map(Number)
  if (buildingIds.length) {
    const rows = await db
      .selectFrom('building')
      .select(['id', 'name', 'area_code'])
      .where('id', 'in', buildingIds)
      .where('deleted_at', 'is', null)
      .execute()
    for (const r of rows)
      if (inside(r.area_code, areaCode))
        places.set(`building:${r.id}`, {
          kind: 'building',
          area_code: r.area_code,
          building_id: Number(r.id),
          need_id: null,
          name: r.name,
        })
  }
  const needIds = ofKind('need').map(Number)
  if (needIds.length) {
    const rows = await db
      .selectFrom('need')
      .select(['id', 'description', 'area_code'])
      .where('id', 'in', needIds)
      .where('state', 'not in', ['closed', 'rejected', 'duplicate'])
      .execute()
    for (const r of rows)
      if (inside(r.area_code, areaCode))
        places.set(`need:${r.id}`, {
          kind: 'need',
          area_code: r.area_code,
          building_id: null,
          need_id: Number(r.id),
          name: `#${r.id} ${r.description.slice(0, 40)}`,
        })
  }
  const missing = targets.filter((t) => !places.has(t.key)).map((t) => t.key)
  if (missing.length) throw new AppError('matching_unknown_target', { keys: shortList(missing) })
  return targets.map((t) => ({
    target_key: t.key,
    ...places.get(t.key)!,
    demand: t.demand ?? 1,
    wants: t.wants.map((w) => ({ category: w.category, weight: w.weight })),
  }))
}

function preferenceRows(sections: Sections, units: Set<number>, keys: Set<string>): PreferenceRow[] {
  const rows: PreferenceRow[] = []
  const owners = new Set<string>()
  for (const choice of sections.preferences) {
    const owner = choice.side === 'provider' ? `unit ${choice.unitId}` : choice.targetKey
    if (owners.has(`${choice.side}:${owner}`))
      throw new AppError('matching_duplicate', { what: word('偏好排序', 'ranking'), ref: owner })
    owners.add(`${choice.side}:${owner}`)
    const ranked = choice.ranked as Array<string | number>
    const dup = firstDuplicate(ranked)
    if (dup !== undefined)
      throw new AppError('matching_duplicate', {
        what: word('偏好选项', 'ranked choice'),
        ref: `${owner} → ${dup}`,
      })
    ranked.forEach((other, i) => {
      const unitId = choice.side === 'provider' ? choice.unitId : (other as number)
      const targetKey = choice.side === 'provider' ? (other as string) : choice.targetKey
      if (!units.has(unitId)) throw new AppError('matching_not_in_round', { ref: `unit ${unitId}` })
      if (!keys.has(targetKey)) throw new AppError('matching_not_in_round', { ref: targetKey })
      rows.push({ side: choice.side, unit_id: unitId, target_key: targetKey, rank: i + 1 })
    })
  }
  return rows
}

function pinRows(sections: Sections, providers: ProviderRow[], targets: TargetRow[]): PinRow[] {
  const capacity = new Map(providers.map((p) => [p.unit_id, p.capacity]))
  const demand = new Map(targets.map((t) => [t.target_key, t.demand]))
  const seen = new Map<string, 'pin' | 'forbid'>()
  const pinnedPerUnit = new Map<number, number>()
  const pinnedPerTarget = new Map<string, number>()
  for (const pin of sections.pins) {
    const ref = `unit ${pin.unitId} × ${pin.targetKey}`
    if (!capacity.has(pin.unitId)) throw new AppError('matching_not_in_round', { ref: `unit ${pin.unitId}` })
    if (!demand.has(pin.targetKey)) throw new AppError('matching_not_in_round', { ref: pin.targetKey })
    const before = seen.get(`${pin.unitId}|${pin.targetKey}`)
    if (before && before !== pin.kind) throw new AppError('matching_pin_conflict', { ref })
    if (before) throw new AppError('matching_duplicate', { what: word('锁定', 'pin'), ref })
    seen.set(`${pin.unitId}|${pin.targetKey}`, pin.kind)
    if (pin.kind !== 'pin') continue
    const u = (pinnedPerUnit.get(pin.unitId) ?? 0) + 1
    pinnedPerUnit.set(pin.unitId, u)
    if (u > capacity.get(pin.unitId)!)
      throw new AppError('matching_pins_exceed', {
        what: word('提供方', 'provider'),
        ref: `unit ${pin.unitId}`,
        count: u,
        limit: capacity.get(pin.unitId)!,
      })
    const t = (pinnedPerTarget.get(pin.targetKey) ?? 0) + 1
    pinnedPerTarget.set(pin.targetKey, t)
    if (t > demand.get(pin.targetKey)!)
      throw new AppError('matching_pins_exceed', {
        what: word('对接对象', 'target'),
        ref: pin.targetKey,
        count: t,
        limit: demand.get(pin.targetKey)!,
      })
  }
  return sections.pins.map((p) => ({
    unit_id: p.unitId,
    target_key: p.targetKey,
    kind: p.kind,
    override: p.override ?? false,
  }))
}

/** Checks the whole input and turns it into rows; throws the first problem found. */
export async function checkInput(db: Kysely<DB>, areaCode: string, sections: Sections): Promise<InputRows> {
  const providers = await providerRows(db, sections.providers)
  const targets = await targetRows(db, areaCode, sections.targets)
  const units = new Set(providers.map((p) => p.unit_id))
  const keys = new Set(targets.map((t) => t.target_key))
  const preferences = preferenceRows(sections, units, keys)
  const pins = pinRows(sections, providers, targets)
  return { providers, targets, preferences, pins }
}

/** Back from rows to the sections a patch may leave out. */
export function sectionsOf(rows: InputRows): Sections {
  const byOwner = new Map<string, PreferenceRow[]>()
  for (const r of [...rows.preferences].sort((a, b) => a.rank - b.rank)) {
    const owner = r.side === 'provider' ? `p:${r.unit_id}` : `t:${r.target_key}`
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), r])
  }
  return {
    providers: rows.providers.map((p) => ({
      unitId: p.unit_id,
      capacity: p.capacity,
      categories: p.categories,
    })),
    targets: rows.targets.map((t) => ({ key: t.target_key, demand: t.demand, wants: t.wants })),
    preferences: [...byOwner.values()].map((list) =>
      list[0]!.side === 'provider'
        ? { side: 'provider' as const, unitId: list[0]!.unit_id, ranked: list.map((r) => r.target_key) }
        : { side: 'target' as const, targetKey: list[0]!.target_key, ranked: list.map((r) => r.unit_id) },
    ),
    pins: rows.pins.map((p) => ({
      unitId: p.unit_id,
      targetKey: p.target_key,
      kind: p.kind,
      override: p.override,
    })),
  }
}
