import type { Me } from '@tongxin/contracts'
import { useSearchParams } from 'react-router'
import { useSession } from '../features/auth/session.ts'

/** What a dashboard looks at: an area, a park or a building (the most specific one set wins). */
export interface Scope {
  area?: string
  park?: number
  building?: number
}

export const CITY_CODE = '310000'

/** Where a user lands: admin on 上海市, area staff on their own area, a building chief on their building. */
export function defaultScope(me: Me): Scope {
  for (const grant of me.grants) {
    if (grant.scopeType === 'city') return { area: CITY_CODE }
  }
  for (const grant of me.grants) {
    if (grant.scopeType === 'area' && grant.scopeId) return { area: grant.scopeId }
  }
  for (const grant of me.grants) {
    if (grant.scopeType === 'building' && grant.scopeId) return { building: Number(grant.scopeId) }
  }
  return { area: CITY_CODE }
}

/** The areas a user may pick from: the roots of the area picker. */
export function areaRoots(me: Me): { code: string; name: string | null }[] {
  if (me.grants.some((g) => g.scopeType === 'city')) return [{ code: CITY_CODE, name: null }]
  const roots = new Map<string, string | null>()
  for (const g of me.grants) {
    if (g.scopeType === 'area' && g.scopeId && !roots.has(g.scopeId))
      roots.set(g.scopeId, g.scopeName ?? null)
  }
  return [...roots].map(([code, name]) => ({ code, name }))
}

function positive(value: string | null): number | undefined {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : undefined
}

/** The one parameter the coverage API takes for this scope. */
export function scopeQuery(scope: Scope): Record<string, string | undefined> {
  if (scope.building) return { building: String(scope.building) }
  if (scope.park) return { park: String(scope.park) }
  return { area: scope.area ?? CITY_CODE }
}

export function scopeKey(scope: Scope): string {
  return scope.building ? `b${scope.building}` : scope.park ? `p${scope.park}` : `a${scope.area ?? CITY_CODE}`
}

/**
 * The scope lives in the URL (`?area=` / `?park=` / `?building=`) so a dashboard can be reloaded and shared;
 * without any, the user's own scope applies.
 */
export function useScopeParams(): [Scope, (next: Scope) => void] {
  const me = useSession()
  const [params, setParams] = useSearchParams()
  const area = params.get('area') ?? undefined
  const park = positive(params.get('park'))
  const building = positive(params.get('building'))
  const scope: Scope = area || park || building ? { area, park, building } : defaultScope(me)

  const setScope = (next: Scope) => {
    const updated = new URLSearchParams(params)
    for (const key of ['area', 'park', 'building', 'cursor']) updated.delete(key)
    if (next.area) updated.set('area', next.area)
    if (next.park) updated.set('park', String(next.park))
    if (next.building) updated.set('building', String(next.building))
    setParams(updated, { replace: true })
  }
  return [scope, setScope]
}

/** Chain of area codes from 上海市 down to `code` (GB/T 2260 codes nest by prefix). */
export function areaChain(code: string): string[] {
  const chain = [CITY_CODE]
  if (code.length >= 6 && code.slice(0, 6) !== CITY_CODE) chain.push(code.slice(0, 6))
  if (code.length >= 9) chain.push(code.slice(0, 9))
  if (code.length >= 12) chain.push(code)
  return chain
}
