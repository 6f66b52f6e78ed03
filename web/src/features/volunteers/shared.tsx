import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  DutyPoint,
  Shift,
  Signup,
  VolunteerProfile,
  VolunteerQrToken,
  VolunteerRole,
} from '@tongxin/contracts'
import { App, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/index.ts'
import { api } from '../../lib/api.ts'

export const VKEY = ['volunteers'] as const

export function useProfile() {
  return useQuery({
    queryKey: [...VKEY, 'me'],
    queryFn: ({ signal }) => api<{ profile: VolunteerProfile | null }>('/api/volunteers/me', { signal }),
  })
}

export function useRoles() {
  return useQuery({
    queryKey: [...VKEY, 'roles'],
    queryFn: ({ signal }) => api<VolunteerRole[]>('/api/volunteers/roles', { signal }),
    staleTime: 300_000,
  })
}

export function usePoints(mine = false) {
  return useQuery({
    queryKey: [...VKEY, 'points', mine],
    queryFn: ({ signal }) =>
      api<DutyPoint[]>('/api/volunteers/points', { signal, query: { mine: mine ? 'true' : undefined } }),
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
    queryKey: [...VKEY, 'shifts', q],
    queryFn: ({ signal }) =>
      api<Shift[]>('/api/volunteers/shifts', {
        signal,
        query: {
          pointId: q.pointId,
          roleId: q.roleId,
          from: q.from,
          to: q.to,
          open: q.open ? 'true' : undefined,
        },
      }),
  })
}

export function useMySignups(when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: [...VKEY, 'mine', when],
    queryFn: ({ signal }) => api<Signup[]>('/api/volunteers/me/signups', { signal, query: { when } }),
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
      void qc.invalidateQueries({ queryKey: VKEY })
    },
    onError: (e) => void message.error(e.message),
  })
}

/** A rotating QR code fetched from the server; refetched when the server says the next one is due. */
export function useRotatingQr(url: string | null) {
  const q = useQuery({
    queryKey: [...VKEY, 'qr', url],
    queryFn: ({ signal }) => api<VolunteerQrToken>(url!, { signal }),
    enabled: url !== null,
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

export function QrImage({ qr, size = 240 }: { qr: VolunteerQrToken; size?: number }) {
  return (
    <img
      src={`data:image/svg+xml;utf8,${encodeURIComponent(qr.svg)}`}
      alt="QR"
      width={size}
      height={size}
      data-token={qr.token}
      data-testid="qr-image"
      style={{ maxWidth: '100%', height: 'auto', imageRendering: 'pixelated' }}
    />
  )
}

const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) =>
  new Date(iso).toLocaleString(currentLanguage(), { timeZone: 'Asia/Shanghai', hour12: false, ...opts })

/** "5月4日 周一 11:30–13:30" in Shanghai time. */
export function shiftTime(startsAt: string, endsAt: string) {
  const day = fmt(startsAt, { month: 'short', day: 'numeric', weekday: 'short' })
  const hm: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }
  return `${day} ${fmt(startsAt, hm)}–${fmt(endsAt, hm)}`
}

export const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10

const ATT_COLOR: Record<Signup['attendance'], string> = {
  upcoming: 'blue',
  checked_in: 'green',
  completed: 'default',
  no_show: 'red',
  cancelled: 'default',
}

export function AttendanceTag({ s }: { s: Signup }) {
  const { t } = useTranslation()
  return (
    <>
      <Tag color={ATT_COLOR[s.attendance]}>{t(`volunteers.attendance.${s.attendance}`)}</Tag>
      {s.autoCheckedOut && <Tag color="orange">{t('volunteers.me.autoOut')}</Tag>}
    </>
  )
}

/** A Shanghai date (YYYY-MM-DD) `days` after today. */
export function shanghaiDay(days = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

/** A nonce per scan: kept with the scan, so retrying the same scan repeats it and is counted once. */
export function newNonce() {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
