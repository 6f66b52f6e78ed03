import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Endpoint, NotifyStatus, Preferences, PreferencesInput, UnreadCount } from '@tongxin/contracts'
import { App } from 'antd'
import { api } from '../../lib/api.ts'

export const UNREAD_KEY = ['notifications', 'unread'] as const

/** The bell's number: polled every 30 s and when the window regains focus (the server counts by index). */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api<UnreadCount>('/api/notifications/unread-count', { signal }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  })
}

/** After reading: the inbox list and the bell both refresh. */
function useRefreshInbox() {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: ['notifications'] })
  }
}

export function useMarkRead() {
  const refresh = useRefreshInbox()
  return useMutation({
    mutationFn: (id: number) => api(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: refresh,
  })
}

export function useMarkAllRead() {
  const refresh = useRefreshInbox()
  const { message } = App.useApp()
  return useMutation({
    mutationFn: () => api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: refresh,
    onError: (e) => void message.error(e.message),
  })
}

export function usePreferences() {
  return useQuery({
    queryKey: ['notify-prefs'],
    queryFn: ({ signal }) => api<Preferences>('/api/notifications/preferences', { signal }),
  })
}

export function useSavePreferences() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: PreferencesInput) =>
      api<Preferences>('/api/notifications/preferences', { method: 'PUT', body }),
    onSuccess: (p) => client.setQueryData(['notify-prefs'], p),
  })
}

export function useNotifyStatus() {
  return useQuery({
    queryKey: ['notify-admin', 'status'],
    queryFn: ({ signal }) => api<NotifyStatus>('/api/notifications/status', { signal }),
  })
}

export function useEndpoints() {
  return useQuery({
    queryKey: ['notify-endpoints'],
    queryFn: ({ signal }) => api<Endpoint[]>('/api/notifications/endpoints', { signal }),
  })
}
