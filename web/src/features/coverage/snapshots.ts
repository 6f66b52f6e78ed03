import { useQuery } from '@tanstack/react-query'
import type { Snapshot } from '@tongxin/contracts'
import { api } from '../../lib/api.ts'

export interface SnapshotComparison {
  areaCode: string
  from: { id: number; takenOn: string }
  to: { id: number | null; takenOn: string }
  changes: { key: string; from: number; to: number; delta: number }[]
}

/** Oldest first, so charts read left to right. */
export function useSnapshots(area: string | undefined) {
  return useQuery({
    queryKey: ['snapshots', area],
    queryFn: ({ signal }) => api<{ items: Snapshot[] }>('/api/census/snapshots', { query: { area }, signal }),
    enabled: Boolean(area),
    select: (data) => [...data.items].sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.id - b.id),
  })
}

export function useComparison(from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: ['snapshots', 'compare', from, to],
    queryFn: ({ signal }) =>
      api<SnapshotComparison>('/api/census/snapshots/compare', { query: { from, to }, signal }),
    enabled: from !== undefined,
  })
}
