import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Event, EventListQuery } from '@tongxin/contracts'
import { App } from 'antd'
import { api } from '../../lib/api.ts'

export function useEvents(query: EventListQuery) {
  return useQuery({
    queryKey: ['events', 'list', query],
    queryFn: ({ signal }) =>
      api<{ items: Event[] }>('/api/events', {
        query: { ...query, mine: query.mine ? 'true' : undefined } as Record<
          string,
          string | number | undefined
        >,
        signal,
      }),
  })
}

export function useEvent(id: number) {
  return useQuery({
    queryKey: ['events', 'detail', id],
    queryFn: ({ signal }) => api<Event>(`/api/events/${id}`, { signal }),
  })
}

/** A change to one event: the answer is the event as it now is, which refreshes every view of it. */
export function useEventMutation<V>(fn: (vars: V) => Promise<Event>, success?: (e: Event) => string) {
  const client = useQueryClient()
  const { message } = App.useApp()
  return useMutation({
    mutationFn: fn,
    onSuccess: (event) => {
      client.setQueryData(['events', 'detail', event.id], event)
      void client.invalidateQueries({ queryKey: ['events', 'list'] })
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
