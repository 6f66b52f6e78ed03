import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

/**
 * Query keys of the exchange feature. Their first parts are what a need action refreshes (shared.tsx,
 * `useRefreshNeeds`: every key starting `needs`, `offerings` and `alliances`) and what a booking refreshes
 * (`resourceBookings()`); the paged lists' keys are their cursor lists' ('needs-mine', 'needs-staff', 'offerings').
 */
export const exchangeKeys = {
  categories: (language: string) => ['service-categories', language] as const,
  areaName: (code: string) => ['areas', 'detail', code] as const,
  need: (id: number) => ['needs', 'detail', id] as const,
  lastNeed: () => ['needs-mine', 'last'] as const,
  orderDesk: () => ['needs', 'orders'] as const,
  wishDesk: () => ['needs', 'wishes', 'desk'] as const,
  needCharts: (filters: object) => ['needs-charts', filters] as const,
  similarNeeds: (id: number) => ['needs-similar', id] as const,
  buildingPick: (q: string) => ['buildings', 'pick', 'need', q] as const,
  offerings: () => ['offerings'] as const,
  myOfferings: (unitId: number | null) => ['offerings', 'mine', unitId] as const,
  providers: (category: string, area: string) => ['offerings', 'providers', category, area] as const,
  bookable: (area: string | null) => ['offerings', 'bookable', area] as const,
  alliances: () => ['alliances', 'list'] as const,
  alliance: (id: number) => ['alliances', 'detail', id] as const,
  resourceBookings: () => ['resource-bookings'] as const,
  myBookings: () => ['resource-bookings', 'mine'] as const,
  bookingQueue: () => ['resource-bookings', 'queue'] as const,
  bookingDay: (offeringId: number, day: string) => ['resource-bookings', 'day', offeringId, day] as const,
  rounds: () => ['matching', 'rounds'] as const,
  round: (id: number) => ['matching', 'round', id] as const,
  candidates: (area: string | undefined) => ['matching', 'candidates', area] as const,
  wishWall: (building: string | null, area: string | null) => ['wishes', 'wall', building, area] as const,
}

/** Every alliance the caller may see (the list page, an alliance's chapters, the lists' alliance filter). */
export function useAlliances(enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.alliances(),
    queryFn: ({ signal }) => call('GET /api/alliances', { signal }),
    enabled,
  })
}
