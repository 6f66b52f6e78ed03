import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Event, EventListQuery } from '@tongxin/contracts'
import { App } from 'antd'
import { call } from '../../lib/api.ts'

/** Query keys of the events feature: one place, so a page's refresh reaches every view of the same data. */
export const eventKeys = {
  list: () => ['events', 'list'] as const,
  listOf: (query: EventListQuery) => ['events', 'list', query] as const,
  detail: (id: number) => ['events', 'detail', id] as const,
  registrations: (id: number) => ['events', 'registrations', id] as const,
  myQr: (id: number, status?: string) => ['events', 'my-qr', id, status] as const,
  doorQr: (id: number) => ['events', 'door-qr', id] as const,
  doorCode: (id: number) => ['events', 'door-code', id] as const,
  checkin: (id: number, search: string) => ['events', 'checkin', id, search] as const,
  lecturers: () => ['lecturers'] as const,
  campaigns: () => ['campaigns'] as const,
  stationRooms: (area?: string) => ['station-rooms', area] as const,
  partyOrg: (id?: number) => ['party-orgs', id] as const,
}

export function useEvents(query: EventListQuery) {
  return useQuery({
    queryKey: eventKeys.listOf(query),
    queryFn: ({ signal }) =>
      // An unticked "mine" is left out, as the server's default.
      call('GET /api/events', { query: { ...query, mine: query.mine || undefined }, signal }),
  })
}

export function useEvent(id: number) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => call('GET /api/events/:id', { params: { id }, signal }),
  })
}

export function useLecturers() {
  return useQuery({
    queryKey: eventKeys.lecturers(),
    queryFn: ({ signal }) => call('GET /api/lecturers', { signal }),
  })
}

export function useCampaigns() {
  return useQuery({
    queryKey: eventKeys.campaigns(),
    queryFn: ({ signal }) => call('GET /api/campaigns', { signal }),
  })
}

export function useStationRooms(area: string | undefined) {
  return useQuery({
    queryKey: eventKeys.stationRooms(area),
    queryFn: ({ signal }) => call('GET /api/station-rooms', { query: { area }, signal }),
  })
}

/** The organiser's party organisation (its area places a secretary's event). */
export function usePartyOrg(id: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: eventKeys.partyOrg(id),
    queryFn: ({ signal }) => call('GET /api/party-orgs/:id', { params: { id: id! }, signal }),
    enabled: id !== undefined && enabled,
  })
}

/** A change to one event: the answer is the event as it now is, which refreshes every view of it. */
export function useEventMutation<V>(fn: (vars: V) => Promise<Event>, success?: (e: Event) => string) {
  const client = useQueryClient()
  const { message } = App.useApp()
  return useMutation({
    mutationFn: fn,
    onSuccess: (event) => {
      client.setQueryData(eventKeys.detail(event.id), event)
      void client.invalidateQueries({ queryKey: eventKeys.list() })
      if (success) void message.success(success(event))
    },
    onError: (error) => void message.error(error.message),
  })
}

export const formatWhen = (startsAt: string, endsAt: string, lang: string) => {
  const s = new Date(startsAt)
  const e = new Date(endsAt)
  const day = new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(s)
  const time = new Intl.DateTimeFormat(lang, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  })
  return `${day} ${time.format(s)}–${time.format(e)}`
}

/** The Shanghai calendar day of an instant (YYYY-MM-DD). */
export const shanghaiDay = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
