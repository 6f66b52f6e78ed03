import type { ScopeType } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

/** A resource's place in the hierarchy, as a route names it. */
export type ScopeRef = { type: 'city' } | { type: Exclude<ScopeType, 'city'>; id: string }

export interface ResolvedScope {
  /** Every grant key that covers this resource: 'city', 'area:310120', 'building:7', ... */
  anchors: string[]
  /** The area the resource sits in (null for the whole city). */
  areaCode: string | null
  name: string
}

type Resolver = (db: Kysely<DB>, id: string) => Promise<ResolvedScope | null>

const resolvers = new Map<ScopeType, Resolver>()

/** Modules that own a kind of scope (registry: building, unit, party_org) register how to place it. */
export function registerScopeResolver(type: Exclude<ScopeType, 'city' | 'area'>, resolver: Resolver) {
  resolvers.set(type, resolver)
}

/**
 * Areas are the national codes loaded at start (modules/areas/seed.ts inserts what is missing and never
 * changes a row), so what a code names is kept for the life of the process: every request that checks an
 * area scope, lists by area or describes a grant used to read it again. Only found codes are kept.
 */
const areas = new Map<string, { path: string; name: string }>()

/** The path and name of each known code among `codes` (unknown codes are left out). */
export async function areasByCode(
  db: Kysely<DB>,
  codes: string[],
): Promise<Map<string, { path: string; name: string }>> {
  const found = new Map<string, { path: string; name: string }>()
  const missing: string[] = []
  for (const code of codes) {
    const area = areas.get(code)
    if (area) found.set(code, area)
    else missing.push(code)
  }
  if (missing.length > 0) {
    const rows = await db
      .selectFrom('area')
      .select(['code', 'path', 'name'])
      .where('code', 'in', missing)
      .execute()
    for (const r of rows) {
      const area = { path: r.path, name: r.name }
      areas.set(r.code, area)
      found.set(r.code, area)
    }
  }
  return found
}

export async function resolveArea(db: Kysely<DB>, code: string): Promise<ResolvedScope | null> {
  const area = (await areasByCode(db, [code])).get(code)
  if (!area) return null
  return {
    anchors: ['city', ...area.path.split('/').map((c) => `area:${c}`)],
    areaCode: code,
    name: area.name,
  }
}

export async function resolveScope(db: Kysely<DB>, ref: ScopeRef): Promise<ResolvedScope | null> {
  if (ref.type === 'city') return { anchors: ['city'], areaCode: null, name: '全市' }
  if (ref.type === 'area') return resolveArea(db, ref.id)
  const resolver = resolvers.get(ref.type)
  return resolver ? resolver(db, ref.id) : null
}

export const grantKey = (g: { scope_type: string; scope_id: string | null }) =>
  g.scope_type === 'city' ? 'city' : `${g.scope_type}:${g.scope_id}`
