import type { Signup, VolunteerQrToken } from '@tongxin/contracts'
import { Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/index.ts'

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
