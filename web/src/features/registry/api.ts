import { useQuery } from '@tanstack/react-query'
import type { ApiKey, ApiOutput } from '@tongxin/contracts'
import { call, type PageResult } from '../../lib/api.ts'
import type { PageFilters } from '../../lib/paging.ts'

/**
 * Query keys of the registry feature. A save refreshes every cached registry figure (forms/useRegistrySave.ts),
 * so these only keep reads apart; the lists' keys are their cursor lists' ('buildings', 'units', …).
 */
export const registryKeys = {
  buildings: () => ['buildings'] as const,
  building: (id: number) => ['buildings', 'detail', id] as const,
  unit: (id: number | null) => ['units', 'detail', id] as const,
  partyOrg: (id: number) => ['party-orgs', 'detail', id] as const,
  /** People searched by name for a building's chief. */
  peoplePick: (q: string) => ['people', 'pick', q] as const,
  parks: (area: string | undefined) => ['parks', area] as const,
  history: (route: HistoryRoute, id: number) => ['history', route, id] as const,
  /** One search of a picker (forms/RemoteSelect.tsx). */
  pick: (route: PickRoute, query: object | undefined, q: string) =>
    ['regforms-pick', route, query, q] as const,
}

type RowRoute<M extends string> = Extract<
  ApiKey,
  `${M} /api/${'buildings' | 'units' | 'party-orgs' | 'people' | 'parks' | 'stations'}/:id${string}`
>
/** A registry row's soft delete, which sends the version read. */
export type DeleteRoute = Exclude<RowRoute<'DELETE'>, `${string}/chief`>
/** A registry row's earlier versions (people have none to show). */
export type HistoryRoute = Extract<RowRoute<'GET'>, `${string}/history`>
/** The registry lists a picker searches by `q`. */
export type PickRoute = 'GET /api/buildings' | 'GET /api/units' | 'GET /api/party-orgs' | 'GET /api/people'
export type PickRow<K extends PickRoute> = ApiOutput<K>['items'][number]
/** What a picker narrows its search by besides the text typed. */
export type PickFilters<K extends PickRoute> = Omit<PageFilters<K>, 'q'>

/** A building's page; `enabled` is false while the id in the address is not one. */
export function useBuildingDetail(id: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.building(id),
    queryFn: ({ signal }) => call('GET /api/buildings/:id', { params: { id }, signal }),
    enabled,
  })
}

/** One unit, or nothing asked for while none is chosen. */
export function useUnit(id: number | null) {
  return useQuery({
    queryKey: registryKeys.unit(id),
    queryFn: ({ signal }) => call('GET /api/units/:id', { params: { id: id ?? 0 }, signal }),
    enabled: id !== null,
  })
}

export function usePartyOrg(id: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.partyOrg(id),
    queryFn: ({ signal }) => call('GET /api/party-orgs/:id', { params: { id }, signal }),
    enabled,
  })
}

/** Loaded only when shown (`enabled`). */
export function useHistory(route: HistoryRoute, id: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.history(route, id),
    queryFn: ({ signal }) => call(route, { params: { id }, signal }),
    enabled,
  })
}

export function usePeoplePick(q: string) {
  return useQuery({
    queryKey: registryKeys.peoplePick(q),
    queryFn: ({ signal }) => call('GET /api/people', { query: { q, limit: 20 }, signal }),
    enabled: q.length > 0,
  })
}

/** The parks of an area, for a building's form; none asked for before an area is chosen. */
export function useParks(area: string | undefined) {
  return useQuery({
    queryKey: registryKeys.parks(area),
    queryFn: ({ signal }) => call('GET /api/parks', { query: { area }, signal }),
    enabled: Boolean(area),
  })
}

/** The first rows of a registry list that match what was typed into a picker. */
export function usePick<K extends PickRoute>(route: K, query: PickFilters<K> | undefined, q: string) {
  // One signature for the four lists: `call` cannot pick the route's argument types for a `K` not yet known.
  const search = call as (key: PickRoute, options: object) => Promise<PageResult<PickRow<K>>>
  return useQuery({
    queryKey: registryKeys.pick(route, query, q),
    queryFn: ({ signal }) => search(route, { query: { ...query, q: q || undefined, limit: 20 }, signal }),
  })
}
