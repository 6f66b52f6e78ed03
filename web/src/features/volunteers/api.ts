import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { HoursQuery, ShiftListQuery } from '@tongxin/contracts'
import { App } from 'antd'
import { useEffect } from 'react'
import { call } from '../../lib/api.ts'

/** A rotating check-in code: a point's (on its screen) or one sign-up's (the volunteer's own). */
export type QrSource = { kind: 'point' | 'signup'; id: number }

/**
 * Query keys of the volunteers feature. Every one starts with `all()`, which each volunteer action refreshes;
 * the menu's probe for the coordination page reads `points(true)` (features/volunteers/modules.tsx).
 */
export const volunteerKeys = {
  all: () => ['volunteers'] as const,
  me: () => ['volunteers', 'me'] as const,
  roles: () => ['volunteers', 'roles'] as const,
  points: (mine: boolean) => ['volunteers', 'points', mine] as const,
  shifts: (query: ShiftListQuery) => ['volunteers', 'shifts', query] as const,
  mySignups: (when: 'upcoming' | 'past') => ['volunteers', 'mine', when] as const,
  qr: (source: QrSource | null) => ['volunteers', 'qr', source?.kind, source?.id] as const,
  pointSignups: (pointId: number, unverified: boolean) =>
    ['volunteers', 'point-signups', pointId, unverified] as const,
  hours: (by: HoursQuery['by']) => ['volunteers', 'hours', by] as const,
  myHours: () => ['volunteers', 'my-hours'] as const,
  leaderboard: () => ['volunteers', 'leaderboard'] as const,
}

export function useProfile() {
  return useQuery({
    queryKey: volunteerKeys.me(),
    queryFn: ({ signal }) => call('GET /api/volunteers/me', { signal }),
  })
}

export function useRoles() {
  return useQuery({
    queryKey: volunteerKeys.roles(),
    queryFn: ({ signal }) => call('GET /api/volunteers/roles', { signal }),
    staleTime: 300_000,
  })
}

export function usePoints(mine = false) {
  return useQuery({
    queryKey: volunteerKeys.points(mine),
    // An unticked "mine" is left out, as the server's default.
    queryFn: ({ signal }) =>
      call('GET /api/volunteers/points', { query: { mine: mine || undefined }, signal }),
    staleTime: 60_000,
  })
}

export function useShifts(q: {
  pointId?: number
  roleId?: number
  from: string
  to: string
  open?: boolean
}) {
  return useQuery({
    queryKey: volunteerKeys.shifts(q),
    queryFn: ({ signal }) =>
      call('GET /api/volunteers/shifts', {
        query: { pointId: q.pointId, roleId: q.roleId, from: q.from, to: q.to, open: q.open || undefined },
        signal,
      }),
  })
}

export function useMySignups(when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: volunteerKeys.mySignups(when),
    queryFn: ({ signal }) => call('GET /api/volunteers/me/signups', { query: { when }, signal }),
  })
}

/** Sign-ups and attendance at a point; `unverified`: only finished ones whose hours wait for a decision. */
export function usePointSignups(pointId: number, unverified: boolean) {
  return useQuery({
    queryKey: volunteerKeys.pointSignups(pointId, unverified),
    queryFn: ({ signal }) =>
      call('GET /api/volunteers/points/:id/signups', {
        params: { id: pointId },
        query: { unverified: unverified || undefined },
        signal,
      }),
  })
}

export function useHoursReport(by: HoursQuery['by']) {
  return useQuery({
    queryKey: volunteerKeys.hours(by),
    queryFn: ({ signal }) => call('GET /api/volunteers/hours', { query: { by }, signal }),
  })
}

export function useMyHours() {
  return useQuery({
    queryKey: volunteerKeys.myHours(),
    queryFn: ({ signal }) => call('GET /api/volunteers/me/hours', { signal }),
  })
}

export function useLeaderboard() {
  return useQuery({
    queryKey: volunteerKeys.leaderboard(),
    queryFn: ({ signal }) => call('GET /api/volunteers/leaderboard', { signal }),
  })
}

/** A mutation that refreshes everything volunteer-related and reports errors in the server's words. */
export function useVolunteerAction<B, R>(fn: (body: B) => Promise<R>, success?: (r: R) => string | null) {
  const qc = useQueryClient()
  const { message } = App.useApp()
  return useMutation<R, Error, B>({
    mutationFn: fn,
    onSuccess: (r) => {
      const text = success?.(r)
      if (text) void message.success(text)
      void qc.invalidateQueries({ queryKey: volunteerKeys.all() })
    },
    onError: (e) => void message.error(e.message),
  })
}

function qrToken(source: QrSource, signal: AbortSignal) {
  const params = { id: source.id }
  return source.kind === 'point'
    ? call('GET /api/volunteers/points/:id/qr-token', { params, signal })
    : call('GET /api/volunteers/signups/:id/qr-token', { params, signal })
}

/** A rotating QR code fetched from the server; refetched when the server says the next one is due. */
export function useRotatingQr(source: QrSource | null) {
  const q = useQuery({
    queryKey: volunteerKeys.qr(source),
    queryFn: ({ signal }) => qrToken(source!, signal),
    enabled: source !== null,
    gcTime: 0,
  })
  const refresh = q.data?.refreshAfterMs
  const refetch = q.refetch
  useEffect(() => {
    if (refresh === undefined) return
    const timer = setTimeout(() => void refetch(), Math.max(1000, refresh + 200))
    return () => clearTimeout(timer)
  }, [refresh, refetch])
  return q
}
