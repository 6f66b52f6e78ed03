import { ClockCircleOutlined, FireOutlined, WarningOutlined } from '@ant-design/icons'
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Need, NeedActionBody, ServiceCategory } from '@tongxin/contracts'
import { App, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { CITY_CODE } from '../../lib/scope.ts'
import { exchangeKeys } from './api.ts'

export type NeedState = Need['state']

export const NEED_STATE_COLOR: Record<NeedState, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  in_progress: 'geekblue',
  delivered: 'gold',
  closed: 'green',
  rejected: 'default',
  duplicate: 'default',
  reopened: 'volcano',
}

/** Chart colours for the states, in the order of the workflow. */
export const NEED_STATE_CHART_COLOR: Record<NeedState, string> = {
  submitted: '#1677ff',
  accepted: '#13c2c2',
  in_progress: '#2f54eb',
  delivered: '#faad14',
  closed: '#52c41a',
  rejected: '#bfbfbf',
  duplicate: '#d9d9d9',
  reopened: '#fa541c',
}

/** Exchange pages pick any area of the city: a need or an offering is not tied to the user's own scope. */
export const CITY_ROOT = [{ code: CITY_CODE, name: null }]

export const isOpenForOrders = (state: NeedState) => state === 'submitted' || state === 'reopened'
export const isInHand = (state: NeedState) => state === 'accepted' || state === 'in_progress'

export function NeedStateTag({ state }: { state: NeedState }) {
  const { t } = useTranslation()
  return (
    <Tag color={NEED_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }} data-testid="need-state">
      {t(`exchange.states.${state}`)}
    </Tag>
  )
}

/** 已超时 / 已升级 markers; nothing for a need on time. */
export function NeedMarkers({ need }: { need: Need }) {
  const { t } = useTranslation()
  return (
    <>
      {need.overdue && (
        <Tag color="red" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }} data-testid="need-overdue">
          {t('exchange.overdue')}
        </Tag>
      )}
      {need.escalatedAt && (
        <Tag color="magenta" icon={<FireOutlined />} style={{ marginInlineEnd: 0 }}>
          {t('exchange.escalated')}
        </Tag>
      )}
    </>
  )
}

export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm')
}

/** 1 天 3 小时 / 2 小时 5 分 / 12 分钟: the two largest units of a span. */
export function formatDuration(t: TFunction, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000))
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  if (d > 0) return t('exchange.duration.dh', { d, h })
  if (h > 0) return t('exchange.duration.hm', { h, m })
  return t('exchange.duration.m', { m })
}

/** The current time, ticking every `intervalMs`, for countdowns. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/** The SLA deadline that matters now: first response while open, delivery while in hand, none after. */
export function slaDue(need: Need): { due: string; kind: 'response' | 'resolution' } | null {
  if (isOpenForOrders(need.state)) return { due: need.firstResponseDueAt, kind: 'response' }
  if (isInHand(need.state)) return { due: need.resolutionDueAt, kind: 'resolution' }
  return null
}

/** A live countdown to the need's current SLA deadline (red once it has passed). */
export function SlaCountdown({ need, due: fixedDue }: { need: Need; due?: 'response' | 'resolution' }) {
  const { t } = useTranslation()
  const now = useNow()
  const sla = fixedDue
    ? { due: fixedDue === 'response' ? need.firstResponseDueAt : need.resolutionDueAt, kind: fixedDue }
    : slaDue(need)
  if (!sla) return null
  const left = new Date(sla.due).getTime() - now
  const late = left < 0
  const label = t(`exchange.sla.${sla.kind}`)
  return (
    <Typography.Text
      type={late ? 'danger' : left < 4 * 3_600_000 ? 'warning' : 'secondary'}
      style={{ fontSize: 13 }}
      data-testid="sla-countdown"
      title={`${label} ${formatDateTime(sla.due)}`}
    >
      <ClockCircleOutlined />{' '}
      {late
        ? t('exchange.sla.lateBy', { label, time: formatDuration(t, left) })
        : t('exchange.sla.left', { label, time: formatDuration(t, left) })}
    </Typography.Text>
  )
}

/** "24小时内响应 · 5天内办结": the promise a category makes. */
export function slaPromise(t: TFunction, c: Pick<ServiceCategory, 'firstResponseHours' | 'resolutionHours'>) {
  const response = t('exchange.sla.respondWithin', { hours: c.firstResponseHours })
  const resolution =
    c.resolutionHours % 24 === 0
      ? t('exchange.sla.resolveWithinDays', { days: c.resolutionHours / 24 })
      : t('exchange.sla.resolveWithinHours', { hours: c.resolutionHours })
  return `${response} · ${resolution}`
}

export function useCategories() {
  const { i18n } = useTranslation()
  const query = useQuery({
    // Names come in the request's language.
    queryKey: exchangeKeys.categories(i18n.language),
    queryFn: ({ signal }) => call('GET /api/service-categories', { signal }),
    staleTime: 10 * 60_000,
  })
  const data = useMemo(() => {
    const items = query.data?.items ?? []
    const byCode = new Map(items.map((c) => [c.code, c]))
    const roots = items.filter((c) => !c.parentCode)
    const childrenOf = (code: string) => items.filter((c) => c.parentCode === code)
    return { items, byCode, roots, childrenOf }
  }, [query.data])
  return { ...query, ...data }
}

/** Names of area codes (for "areas served"), each looked up once and kept. */
export function useAreaNames(codes: string[]): Map<string, string> {
  const unique = [...new Set(codes)]
  const results = useQueries({
    queries: unique.map((code) => ({
      queryKey: exchangeKeys.areaName(code),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call('GET /api/areas/:code', { params: { code }, signal }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  })
  const names = new Map<string, string>()
  unique.forEach((code, i) => {
    const name = results[i]?.data?.area.name
    if (name) names.set(code, name)
  })
  return names
}

/** Every cached need list and page: one action changes the desk, my needs, the overview and the lists. */
export function useRefreshNeeds() {
  const queryClient = useQueryClient()
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => {
        const key = String(q.queryKey[0])
        return key.startsWith('needs') || key === 'offerings' || key === 'alliances'
      },
    })
}

/**
 * One workflow action on a need. A refusal (already taken, over capacity, wrong state) shows the server's
 * message and refreshes, so the screen catches up with whoever got there first.
 */
export function useNeedAction(options: { successMessage?: (body: NeedActionBody) => string } = {}) {
  const { message } = App.useApp()
  const refresh = useRefreshNeeds()
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: NeedActionBody }) =>
      call('POST /api/needs/:id/actions', { params: { id }, body }),
    onSuccess: (_need, { body }) => {
      if (options.successMessage) void message.success(options.successMessage(body))
      void refresh()
    },
    onError: (error) => {
      void message.error(error.message)
      void refresh()
    },
  })
}

/** Where a need is: building (and floor) or area and address. */
export function needPlace(t: TFunction, need: Need): string {
  if (need.buildingName) {
    const floor = need.floor === null ? '' : ` ${t('exchange.floorValue', { floor: need.floor })}`
    return `${need.areaName} · ${need.buildingName}${floor}`
  }
  return need.address ? `${need.areaName} · ${need.address}` : need.areaName
}

/** The taxonomy as grouped select options: leaves under their parent; a parent without children stands alone. */
export function categoryOptions(
  categories: ReturnType<typeof useCategories>,
  label: (c: ServiceCategory) => string = (c) => c.name,
  disabled: (c: ServiceCategory) => boolean = () => false,
) {
  return categories.roots.map((root) => {
    const children = categories.childrenOf(root.code)
    const option = (c: ServiceCategory) => ({ value: c.code, label: label(c), disabled: disabled(c) })
    return children.length
      ? { label: root.name, title: root.name, options: children.map(option) }
      : option(root)
  })
}
