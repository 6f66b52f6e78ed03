import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

/**
 * Query keys of the organisational-life pages. Every one starts with `all()`, which each org-life action
 * refreshes (useOrglifeAction in shared.tsx), except the public letter check's; the menu's probe for "my
 * organisational life" reads `me()` (features/orglife/modules.tsx).
 */
export const orglifeKeys = {
  all: () => ['orglife'] as const,
  kinds: () => ['orglife', 'kinds'] as const,
  rules: () => ['orglife', 'rules'] as const,
  me: () => ['orglife', 'me'] as const,
  roster: (orgId: number) => ['orglife', 'roster', orgId] as const,
  compliance: (orgId: number, year: number) => ['orglife', 'compliance', orgId, year] as const,
  meetings: (orgId: number, year: number) => ['orglife', 'meetings', orgId, year] as const,
  meeting: (id: number) => ['orglife', 'meeting', id] as const,
  area: (area: string, year: number) => ['orglife', 'area', area, year] as const,
  escalated: (area: string) => ['orglife', 'escalated', area] as const,
  drill: (area: string, year: number, drill: object) => ['orglife', 'drill', area, year, drill] as const,
  rate: (category: string, income: number | null) => ['orglife', 'rate', category, income] as const,
  dues: (orgId: number, year: number) => ['orglife', 'dues', orgId, year] as const,
  floating: (orgId: number) => ['orglife', 'floating', orgId] as const,
  pointsRules: () => ['orglife', 'points-rules'] as const,
  points: (orgId: number) => ['orglife', 'points', orgId] as const,
  directory: (q: string) => ['orglife', 'directory', q] as const,
  transfers: (orgId: number) => ['orglife', 'transfers', orgId] as const,
  letter: (id: number) => ['orglife', 'letter', id] as const,
  /** The member a transfer from outside is started for (the gap list's link). */
  start: (personId: number) => ['orglife', 'start', personId] as const,
  /** The public letter check: outside `all()`, as nobody signed in acts on it. */
  verify: (no: string, sig: string) => ['letter-verify', no, sig] as const,
}

export function useKinds() {
  return useQuery({
    queryKey: orglifeKeys.kinds(),
    queryFn: ({ signal }) => call('GET /api/orglife/kinds', { signal }),
    staleTime: 10 * 60_000,
  })
}

export function useRules() {
  return useQuery({
    queryKey: orglifeKeys.rules(),
    queryFn: ({ signal }) => call('GET /api/orglife/rules', { signal }),
    staleTime: 10 * 60_000,
  })
}

export function usePointsRules() {
  return useQuery({
    queryKey: orglifeKeys.pointsRules(),
    queryFn: ({ signal }) => call('GET /api/orglife/points/rules', { signal }),
  })
}
