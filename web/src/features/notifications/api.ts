import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PreferencesInput } from '@tongxin/contracts'
import { App } from 'antd'
import { call } from '../../lib/api.ts'

/** Query keys of the notifications feature (the inbox list's key is the cursor list's, 'notifications'). */
export const notificationKeys = {
  all: () => ['notifications'] as const,
  unread: () => ['notifications', 'unread'] as const,
  preferences: () => ['notify-prefs'] as const,
  status: () => ['notify-admin', 'status'] as const,
  endpoints: () => ['notify-endpoints'] as const,
}

export const UNREAD_KEY = notificationKeys.unread()

/** The bell's number: polled every 30 s and when the window regains focus (the server counts by index). */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => call('GET /api/notifications/unread-count', { signal }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  })
}

/** After reading: the inbox list and the bell both refresh. */
function useRefreshInbox() {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: notificationKeys.all() })
  }
}

export function useMarkRead() {
  const refresh = useRefreshInbox()
  return useMutation({
    mutationFn: (id: number) => call('POST /api/notifications/:id/read', { params: { id } }),
    onSuccess: refresh,
  })
}

export function useMarkAllRead() {
  const refresh = useRefreshInbox()
  const { message } = App.useApp()
  return useMutation({
    mutationFn: () => call('POST /api/notifications/read-all'),
    onSuccess: refresh,
    onError: (e) => void message.error(e.message),
  })
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) => call('GET /api/notifications/preferences', { signal }),
  })
}

export function useSavePreferences() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: PreferencesInput) => call('PUT /api/notifications/preferences', { body }),
    onSuccess: (p) => client.setQueryData(notificationKeys.preferences(), p),
  })
}

export function useNotifyStatus() {
  return useQuery({
    queryKey: notificationKeys.status(),
    queryFn: ({ signal }) => call('GET /api/notifications/status', { signal }),
  })
}

export function useEndpoints() {
  return useQuery({
    queryKey: notificationKeys.endpoints(),
    queryFn: ({ signal }) => call('GET /api/notifications/endpoints', { signal }),
  })
}
