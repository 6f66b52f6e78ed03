/**
 * Proposes joint branches (联合党支部) for units too small for their own: at most 5 units per branch and at
 * least 3 members in it, grouping units of the same building first, then of the same trade in the same
 * street, then any neighbours in the same street. Pure: the caller supplies the units.
 */
export interface SmallUnit {
  id: number
  name: string
  building_id: number | null
  building_name: string | null
  area_code: string
  industry: string | null
  members: number
}

export interface Proposal {
  basis: 'building' | 'trade' | 'street'
  buildingId: number | null
  buildingName: string | null
  areaCode: string
  industry: string | null
  units: SmallUnit[]
  members: number
}

export const MAX_UNITS = 5
export const MIN_MEMBERS = 3

/**
 * Splits a pool into as many groups as the limits allow, balancing members: each unit (largest first) goes to
 * the group with the fewest members that still has room. Groups left under MIN_MEMBERS go back to the pool.
 */
export function packGroups(pool: SmallUnit[]): { groups: SmallUnit[][]; rest: SmallUnit[] } {
  const total = pool.reduce((n, u) => n + u.members, 0)
  const count = Math.min(Math.ceil(pool.length / MAX_UNITS), Math.floor(total / MIN_MEMBERS))
  if (count === 0) return { groups: [], rest: [...pool] }
  const groups: SmallUnit[][] = Array.from({ length: count }, () => [])
  const sum = (g: SmallUnit[]) => g.reduce((n, u) => n + u.members, 0)
  const sorted = [...pool].sort((a, b) => b.members - a.members || a.id - b.id)
  const rest: SmallUnit[] = []
  for (const unit of sorted) {
    const open = groups.filter((g) => g.length < MAX_UNITS)
    if (open.length === 0) {
      rest.push(unit)
      continue
    }
    open.sort((a, b) => sum(a) - sum(b) || a.length - b.length)
    open[0]!.push(unit)
  }
  const kept = groups.filter((g) => sum(g) >= MIN_MEMBERS)
  for (const g of groups) if (sum(g) < MIN_MEMBERS) rest.push(...g)
  return { groups: kept.map((g) => g.sort((a, b) => a.id - b.id)), rest }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}

export function proposeJointBranches(units: SmallUnit[]): { proposals: Proposal[]; unplaced: SmallUnit[] } {
  const proposals: Proposal[] = []
  const make = (basis: Proposal['basis'], group: SmallUnit[]): Proposal => ({
    basis,
    buildingId: basis === 'building' ? group[0]!.building_id : null,
    buildingName: basis === 'building' ? group[0]!.building_name : null,
    areaCode: group[0]!.area_code,
    industry: basis === 'trade' ? group[0]!.industry : null,
    units: group,
    members: group.reduce((n, u) => n + u.members, 0),
  })
  let pool: SmallUnit[] = []
  for (const [key, inBuilding] of groupBy(units, (u) =>
    u.building_id === null ? `none:${u.id}` : `${u.area_code}|${u.building_id}`,
  )) {
    if (key.startsWith('none:')) {
      pool.push(...inBuilding)
      continue
    }
    const { groups, rest } = packGroups(inBuilding)
    proposals.push(...groups.map((g) => make('building', g)))
    pool.push(...rest)
  }
  const byTrade = groupBy(
    pool.filter((u) => u.industry),
    (u) => `${u.area_code}|${u.industry}`,
  )
  const afterTrade: SmallUnit[] = pool.filter((u) => !u.industry)
  for (const sameTrade of byTrade.values()) {
    const { groups, rest } = packGroups(sameTrade)
    proposals.push(...groups.map((g) => make('trade', g)))
    afterTrade.push(...rest)
  }
  pool = []
  for (const sameStreet of groupBy(afterTrade, (u) => u.area_code).values()) {
    const { groups, rest } = packGroups(sameStreet)
    proposals.push(...groups.map((g) => make('street', g)))
    pool.push(...rest)
  }
  return { proposals, unplaced: pool.sort((a, b) => a.id - b.id) }
}
