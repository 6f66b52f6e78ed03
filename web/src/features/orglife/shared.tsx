import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { PERIOD_UNITS } from '@tongxin/contracts'
import { App, Tag } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/index.ts'
import { orglifeKeys, useKinds } from './api.ts'

/** The name of a kind or rule in the current language. */
export const localName = (x: { name: string; nameEn: string } | undefined, fallback = '') =>
  x ? (currentLanguage() === 'zh-CN' ? x.name : x.nameEn) : fallback

export function useKindName() {
  const kinds = useKinds()
  return (code: string) =>
    localName(
      kinds.data?.find((k) => k.code === code),
      code,
    )
}

/** A mutation that refreshes everything orglife shows and reports errors as the server worded them. */
export function useOrglifeAction<V, R = unknown>(fn: (v: V) => Promise<R>, success?: string) {
  const qc = useQueryClient()
  const { message } = App.useApp()
  return useMutation<R, Error, V>({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orglifeKeys.all() })
      if (success) void message.success(success)
    },
    onError: (e) => void message.error(e.message),
  })
}

export const STATUS_COLOR = {
  met: 'green',
  partial: 'orange',
  overdue: 'red',
  pending: 'blue',
  not_due: 'default',
} as const

/** 1月 / Q2 / 2026 for a period start. */
export function periodLabel(t: TFunction, unit: (typeof PERIOD_UNITS)[number], start: string) {
  const month = Number(start.slice(5, 7))
  if (unit === 'year') return t('orglife.periodShort.year', { n: start.slice(0, 4) })
  if (unit === 'quarter') return t('orglife.periodShort.quarter', { n: Math.ceil(month / 3) })
  return t('orglife.periodShort.month', { n: month })
}

export function PeriodTag({
  status,
  children,
}: {
  status: keyof typeof STATUS_COLOR
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Tag
      color={STATUS_COLOR[status]}
      title={t(`orglife.period.${status}`)}
      style={{ marginInlineEnd: 4, marginBottom: 4 }}
    >
      {children}
    </Tag>
  )
}

/** Fen as yuan: 1500 → ¥15.00. */
export const yuan = (cents: number | null | undefined) =>
  cents === null || cents === undefined
    ? '—'
    : new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency: 'CNY' }).format(cents / 100)

/** Basis points as a percentage: 150 → 1.5%. */
export const percentBp = (bp: number | null) => (bp === null ? '—' : `${bp / 100}%`)

export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

/** Local date and time of an instant in Shanghai: 2026-06-10 14:00. */
export const shanghai = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
