import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ApiOutput } from '@tongxin/contracts'
import { call } from '../../lib/api.ts'
import { type Scope, scopeKey, scopeQuery } from '../../lib/scope.ts'

/** Query keys of the coverage page: figures per scope, and the census snapshots it charts and compares. */
export const coverageKeys = {
  figures: (scope: Scope) => ['coverage', scopeKey(scope)] as const,
  snapshots: () => ['snapshots'] as const,
  snapshotsOf: (area: string | undefined) => ['snapshots', area] as const,
  comparison: (from: number | undefined, to: number | undefined) =>
    ['snapshots', 'compare', from, to] as const,
}

export type SnapshotComparison = ApiOutput<'GET /api/census/snapshots/compare'>

export function useCoverage(scope: Scope) {
  return useQuery({
    queryKey: coverageKeys.figures(scope),
    queryFn: ({ signal }) => call('GET /api/coverage', { query: scopeQuery(scope), signal }),
  })
}

/** Oldest first, so charts read left to right. */
export function useSnapshots(area: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.snapshotsOf(area),
    queryFn: ({ signal }) => call('GET /api/census/snapshots', { query: { area }, signal }),
    enabled: Boolean(area),
    select: (data) => [...data.items].sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.id - b.id),
  })
}

export function useComparison(from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: coverageKeys.comparison(from, to),
    queryFn: ({ signal }) =>
      call('GET /api/census/snapshots/compare', { query: { from: from!, to }, signal }),
    enabled: from !== undefined,
  })
}

/** Freezes the area's figures as of today; every snapshot view refreshes. */
export function useFreezeSnapshot(area: string, onDone: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (label: string | undefined) =>
      call('POST /api/census/snapshots', { body: { area, label: label || undefined } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: coverageKeys.snapshots() })
      onDone()
    },
  })
}
