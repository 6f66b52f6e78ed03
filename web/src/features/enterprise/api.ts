import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

/**
 * Query keys of the enterprise feature. Every one starts with `all()`, which a save of incubators or the desk
 * period refreshes whole; other saves refresh their own lists.
 */
export const enterpriseKeys = {
  all: () => ['enterprise'] as const,
  fields: () => ['enterprise', 'fields'] as const,
  policies: () => ['enterprise', 'policies'] as const,
  policyList: (q: string, inEffect: boolean) => ['enterprise', 'policies', q, inEffect] as const,
  policyUnits: (policyId: number) => ['enterprise', 'policy-units', policyId] as const,
  unitSearch: (q: string) => ['enterprise', 'unit-search', q] as const,
  unitPolicies: (unitId: number | null) => ['enterprise', 'unit-policies', unitId] as const,
  incubators: () => ['enterprise', 'incubators'] as const,
  incubatorSeries: (incubatorId: number | undefined) =>
    ['enterprise', 'incubator-series', incubatorId] as const,
  incubatees: (incubatorId: number | undefined) => ['enterprise', 'incubatees', incubatorId] as const,
  deskSetting: (areaCode: string) => ['enterprise', 'desk-setting', areaCode] as const,
  newcomers: () => ['enterprise', 'newcomers'] as const,
  deskItems: () => ['enterprise', 'desk-items'] as const,
  teams: () => ['enterprise', 'teams'] as const,
  brands: () => ['enterprise', 'brands'] as const,
  /** One brand; `brand()` without an id is every brand's. */
  brand: (id?: number) =>
    id === undefined ? (['enterprise', 'brand'] as const) : (['enterprise', 'brand', id] as const),
  publicBrand: (id: string | undefined) => ['enterprise', 'public-brand', id] as const,
}

export function useRuleFields() {
  return useQuery({
    queryKey: enterpriseKeys.fields(),
    queryFn: ({ signal }) => call('GET /api/enterprise/fields', { signal }),
    staleTime: 300_000,
  })
}

export function usePolicies(q: string, inEffect: boolean) {
  return useQuery({
    queryKey: enterpriseKeys.policyList(q, inEffect),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/policies', { query: { q, inEffect: inEffect || undefined }, signal }),
  })
}

export function usePolicyUnits(policyId: number) {
  return useQuery({
    queryKey: enterpriseKeys.policyUnits(policyId),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/policies/:id/units', { params: { id: policyId }, signal }),
  })
}

/** Units searched by name, to admit one to an incubator or to see what it may apply for. */
export function useUnitSearch(q: string) {
  return useQuery({
    queryKey: enterpriseKeys.unitSearch(q),
    queryFn: ({ signal }) => call('GET /api/units', { query: { q, limit: 20 }, signal }),
    enabled: q.length > 0,
  })
}

export function useUnitPolicies(unitId: number | null) {
  return useQuery({
    queryKey: enterpriseKeys.unitPolicies(unitId),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/units/:id/policies', { params: { id: unitId ?? 0 }, signal }),
    enabled: unitId !== null,
  })
}

export function useIncubators() {
  return useQuery({
    queryKey: enterpriseKeys.incubators(),
    queryFn: ({ signal }) => call('GET /api/enterprise/incubators', { signal }),
  })
}

/** Month-end figures since `from`, of one incubator or of all the caller sees. */
export function useIncubatorSeries(from: string, incubatorId: number | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.incubatorSeries(incubatorId),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/incubators/series', { query: { from, incubatorId }, signal }),
  })
}

export function useIncubatees(incubatorId: number | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.incubatees(incubatorId),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/incubators/:id/incubatees', { params: { id: incubatorId ?? 0 }, signal }),
    enabled: incubatorId !== undefined,
  })
}

export function useDeskSetting(areaCode: string) {
  return useQuery({
    queryKey: enterpriseKeys.deskSetting(areaCode),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/desk/settings/:areaCode', { params: { areaCode }, signal }),
  })
}

export function useNewcomers() {
  return useQuery({
    queryKey: enterpriseKeys.newcomers(),
    queryFn: ({ signal }) => call('GET /api/enterprise/desk/newcomers', { signal }),
  })
}

/** The desk's open items, read again each minute for the countdown. */
export function useDeskItems() {
  return useQuery({
    queryKey: enterpriseKeys.deskItems(),
    queryFn: ({ signal }) => call('GET /api/enterprise/desk/items', { signal }),
    refetchInterval: 60_000,
  })
}

export function useTeams() {
  return useQuery({
    queryKey: enterpriseKeys.teams(),
    queryFn: ({ signal }) => call('GET /api/enterprise/desk/teams', { signal }),
  })
}

export function useBrands() {
  return useQuery({
    queryKey: enterpriseKeys.brands(),
    queryFn: ({ signal }) => call('GET /api/enterprise/brands', { signal }),
  })
}

export function useBrand(id: number) {
  return useQuery({
    queryKey: enterpriseKeys.brand(id),
    queryFn: ({ signal }) => call('GET /api/enterprise/brands/:id', { params: { id }, signal }),
  })
}

/** The public page's brand, by the id in its address. */
export function usePublicBrand(id: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.publicBrand(id),
    queryFn: ({ signal }) =>
      call('GET /api/enterprise/public/brands/:id', { params: { id: Number(id) }, signal }),
  })
}
