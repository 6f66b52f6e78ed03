import {
  ClockCircleOutlined,
  DownloadOutlined,
  EnvironmentOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { OFFERING_LISTS, type Offering } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Skeleton,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '../../components/LoadMore.tsx'
import { unitKindLabel } from '../../components/labels.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useListParams } from '../registry/useListParams.ts'
import { useAlliances } from './api.ts'
import { CITY_ROOT, useAreaNames, useCategories } from './shared.tsx'

type OfferingList = Offering['list']

/** The Excel export follows the page's area and alliance filters; without them the server uses the caller's areas. */
function xlsxQuery(area: string | null | undefined, alliance: string | null | undefined) {
  const params = new URLSearchParams()
  if (area) params.set('area', area)
  if (alliance) params.set('alliance', alliance)
  const query = params.toString()
  return query ? `?${query}` : ''
}
const AUDIENCES = new Set(['residents', 'workers', 'enterprises', 'members'])

/** 周一至周五 09:00–17:30；周六 09:00–12:00: consecutive days with the same hours are folded together. */
export function openingHoursText(t: TFunction, hours: Offering['openingHours']): string | null {
  if (hours.length === 0) return null
  const day = (d: number) => t(`exchange.offering.weekdays.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)
  const sorted = [...hours].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens))
  const groups: { from: number; to: number; times: string }[] = []
  // Each day's slots as one string, so days with identical slots fold.
  const byDay = new Map<number, string>()
  for (const h of sorted) {
    const slot = `${h.opens}–${h.closes}`
    byDay.set(h.day, byDay.has(h.day) ? `${byDay.get(h.day)}, ${slot}` : slot)
  }
  for (const [d, times] of byDay) {
    const last = groups.at(-1)
    if (last && last.to === d - 1 && last.times === times) last.to = d
    else groups.push({ from: d, to: d, times })
  }
  return groups
    .map((g) =>
      g.from === g.to
        ? `${day(g.from)} ${g.times}`
        : g.to === g.from + 1
          ? `${day(g.from)}${t('common.listSeparator')}${day(g.to)} ${g.times}`
          : `${t('exchange.offering.dayRange', { from: day(g.from), to: day(g.to) })} ${g.times}`,
    )
    .join(t('exchange.offering.groupSeparator'))
}

/** Who may use it, in words: "企业；民营企业、外资企业；落户 180 天内". */
export function eligibilityText(t: TFunction, e: Offering['eligibility']): string {
  const sep = t('common.listSeparator')
  const parts: string[] = []
  if (e.audiences?.length)
    parts.push(
      e.audiences
        .map((a) => (AUDIENCES.has(a) ? t(`exchange.offering.audiences.${a as 'residents'}`) : a))
        .join(sep),
    )
  if (e.unitKinds?.length) parts.push(e.unitKinds.map((k) => unitKindLabel(t, k)).join(sep))
  if (e.newlySettledWithinDays)
    parts.push(t('exchange.offering.newlySettled', { days: e.newlySettledWithinDays }))
  if (e.note) parts.push(e.note)
  return parts.length ? parts.join(t('exchange.offering.groupSeparator')) : t('exchange.offering.anyone')
}

function Line({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Flex gap={6} align="baseline" style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ flex: 'none' }} title={label} aria-label={label}>
        {icon}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 13, overflowWrap: 'anywhere', minWidth: 0 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {label}
          {t('exchange.offering.colon')}
        </Typography.Text>
        {children}
      </Typography.Text>
    </Flex>
  )
}

function OfferingCard({ offering: o, areaNames }: { offering: Offering; areaNames: Map<string, string> }) {
  const { t } = useTranslation()
  const hours = openingHoursText(t, o.openingHours)
  const areas = o.areaCodes.length
    ? o.areaCodes.map((c) => areaNames.get(c) ?? c).join(t('common.listSeparator'))
    : t('exchange.offering.everywhere')
  const full = o.capacityConcurrent !== null && o.openOrders >= o.capacityConcurrent
  return (
    <Card
      size="small"
      data-testid="offering-card"
      data-offering-id={o.id}
      style={{ height: '100%' }}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {o.name}
        </Typography.Text>
      }
      extra={
        o.status !== 'active' ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t(`exchange.offering.status.${o.status}`)}</Tag>
        ) : full ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('exchange.offering.full')}
          </Tag>
        ) : (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('exchange.offering.available')}
          </Tag>
        )
      }
    >
      <Flex vertical gap={6}>
        <Flex gap={4} wrap>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {o.categoryName}
          </Tag>
        </Flex>
        {o.description && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {o.description}
          </Typography.Paragraph>
        )}
        <Line icon={<ShopOutlined />} label={t('exchange.offering.provider')}>
          <span data-testid="offering-provider">{o.providerName}</span>
        </Line>
        <Line icon={<EnvironmentOutlined />} label={t('exchange.offering.areas')}>
          {areas}
        </Line>
        <Line icon={<ClockCircleOutlined />} label={t('exchange.offering.hours')}>
          {[hours, o.scheduleNote].filter(Boolean).join(t('exchange.offering.groupSeparator')) ||
            t('exchange.offering.byAppointment')}
        </Line>
        <Line icon={<SafetyCertificateOutlined />} label={t('exchange.offering.eligibility')}>
          {eligibilityText(t, o.eligibility)}
        </Line>
        <Line icon={<TeamOutlined />} label={t('exchange.offering.capacity')}>
          {o.capacityConcurrent === null
            ? t('exchange.offering.capacityUnlimited', { open: o.openOrders })
            : t('exchange.offering.capacityValue', { limit: o.capacityConcurrent, open: o.openOrders })}
          {o.capacityPerMonth !== null &&
            ` · ${t('exchange.offering.perMonth', { count: o.capacityPerMonth })}`}
        </Line>
        {(o.contactName || o.contactPhone) && (
          <Line icon={<PhoneOutlined />} label={t('exchange.offering.contact')}>
            {[o.contactName, o.contactPhone].filter(Boolean).join(' ')}
          </Line>
        )}
        {o.lastVerifiedOn && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('exchange.offering.verified', { date: o.lastVerifiedOn })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  )
}

function isList(value: string | undefined): value is OfferingList {
  return OFFERING_LISTS.includes(value as OfferingList)
}

/** 三张清单: services, resources and activities as a catalogue anyone signed in can browse. */
export function ListsPage() {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const { values, set } = useListParams(['list', 'q', 'category', 'area', 'available', 'alliance'] as const)
  const list: OfferingList = isList(values.list) ? values.list : 'service'
  // The URL's text as the route's types; the query sent reads the same.
  const filters = {
    ...values,
    list,
    alliance: values.alliance ? Number(values.alliance) : undefined,
    available: values.available ? values.available === 'true' : undefined,
  }
  const offerings = useCursorRoute('offerings', 'GET /api/offerings', filters, { limit: 24 })
  const categories = useCategories()
  const areaNames = useAreaNames(offerings.rows.flatMap((o) => o.areaCodes))
  const alliances = useAlliances(Boolean(values.alliance))
  const allianceName = alliances.data?.items.find((a) => String(a.id) === values.alliance)?.name

  const tree = categories.roots.map((root) => ({
    value: root.code,
    title: root.name,
    children: categories.childrenOf(root.code).map((c) => ({ value: c.code, title: c.name })),
  }))

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.lists.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Button
            href={`/api/exports/offerings.xlsx${xlsxQuery(values.area, values.alliance)}`}
            download
            icon={<DownloadOutlined />}
            data-testid="xlsx-download"
          >
            {t('exchange.lists.xlsx')}
          </Button>
          <Button
            href="/api/exports/offerings-hsds.zip"
            download
            icon={<DownloadOutlined />}
            data-testid="hsds-download"
          >
            {t('exchange.lists.hsds')}
          </Button>
        </Flex>
      </Flex>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={list}
          onChange={(key) => set('list', key)}
          items={OFFERING_LISTS.map((l) => ({
            key: l,
            label: <span data-testid={`list-tab-${l}`}>{t(`exchange.lists.${l}`)}</span>,
          }))}
        />
        <Flex gap={8} wrap align="center">
          <Input.Search
            key={values.q}
            defaultValue={values.q}
            allowClear
            placeholder={t('exchange.lists.searchPlaceholder')}
            onSearch={(v) => set('q', v)}
            style={{ width: isPhone ? '100%' : 280 }}
            data-testid="offerings-search"
          />
          <TreeSelect
            data-testid="offerings-category"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('exchange.lists.categoryPlaceholder')}
            value={values.category}
            onChange={(v: string | undefined) => set('category', v)}
            treeData={tree}
            style={{ width: isPhone ? '100%' : 220 }}
            popupMatchSelectWidth={false}
          />
          <AreaCascader
            roots={CITY_ROOT}
            value={values.area}
            onChange={(a) => set('area', a)}
            allowClear
            width={isPhone ? '100%' : 240}
            placeholder={t('exchange.lists.areaPlaceholder')}
          />
          <Checkbox
            data-testid="offerings-available"
            checked={values.available === 'true'}
            onChange={(e) => set('available', e.target.checked ? 'true' : null)}
          >
            {t('exchange.lists.availableOnly')}
          </Checkbox>
          {values.alliance && (
            <Tag
              closable
              onClose={() => set('alliance', null)}
              data-testid="offerings-alliance"
              style={{ marginInlineEnd: 0 }}
            >
              {allianceName ?? t('exchange.alliance.title')}
            </Tag>
          )}
        </Flex>
      </Card>
      {offerings.error && <Alert type="error" showIcon title={offerings.error.message} />}
      {offerings.isPending ? (
        <Skeleton active />
      ) : offerings.rows.length === 0 ? (
        <Empty description={t('exchange.lists.empty')} />
      ) : (
        <Row gutter={[12, 12]} data-testid="offerings">
          {offerings.rows.map((o) => (
            <Col key={o.id} xs={24} md={12} xl={8}>
              <OfferingCard offering={o} areaNames={areaNames} />
            </Col>
          ))}
        </Row>
      )}
      <LoadMore
        count={offerings.rows.length}
        hasNextPage={offerings.hasNextPage}
        isFetchingNextPage={offerings.isFetchingNextPage}
        fetchNextPage={offerings.fetchNextPage}
      />
    </Flex>
  )
}
