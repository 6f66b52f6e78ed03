import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { AUDIENCES, OFFERING_LISTS, type Offering, type OfferingInput } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Segmented,
  Select,
  Tag,
  TimePicker,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { exchangeKeys } from './api.ts'
import { openingHoursText } from './ListsPage.tsx'
import { CITY_ROOT, useAreaNames, useCategories } from './shared.tsx'

interface FormValues {
  list: Offering['list']
  categoryCode: string
  name: string
  description?: string
  areaCode?: string
  days: number[]
  hours?: [Dayjs, Dayjs]
  scheduleNote?: string
  audiences: string[]
  capacityConcurrent?: number | null
  capacityPerMonth?: number | null
  contactName?: string
  contactPhone?: string
  status: Offering['status']
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

function toValues(o: Offering | null): FormValues {
  if (!o)
    return {
      list: 'service',
      categoryCode: '',
      name: '',
      days: [1, 2, 3, 4, 5],
      audiences: [],
      status: 'active',
    }
  const first = o.openingHours[0]
  return {
    list: o.list,
    categoryCode: o.categoryCode,
    name: o.name,
    description: o.description ?? undefined,
    areaCode: o.areaCodes[0],
    days: [...new Set(o.openingHours.map((h) => h.day))],
    hours: first ? [dayjs(`2000-01-01T${first.opens}`), dayjs(`2000-01-01T${first.closes}`)] : undefined,
    scheduleNote: o.scheduleNote ?? undefined,
    audiences: o.eligibility.audiences ?? [],
    capacityConcurrent: o.capacityConcurrent,
    capacityPerMonth: o.capacityPerMonth,
    contactName: o.contactName ?? undefined,
    contactPhone: o.contactPhone ?? undefined,
    status: o.status,
  }
}

/** 我的清单: a provider publishes what its unit offers and keeps it up to date (phone-first form). */
export function MyOfferingsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useSession()
  const phone = useMediaQuery(PHONE_QUERY)
  const client = useQueryClient()
  const categories = useCategories()
  const unit = me.grants.find((g) => g.role === 'provider' && g.scopeType === 'unit')
  const unitId = unit ? Number(unit.scopeId) : null
  const [editing, setEditing] = useState<Offering | 'new' | null>(null)
  const [form] = Form.useForm<FormValues>()

  const mine = useQuery({
    queryKey: exchangeKeys.myOfferings(unitId),
    enabled: unitId !== null,
    queryFn: ({ signal }) =>
      call('GET /api/offerings', { query: { provider: unitId ?? undefined, limit: 100 }, signal }),
  })
  const areaNames = useAreaNames((mine.data?.items ?? []).flatMap((o) => o.areaCodes))
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: OfferingInput = {
        providerUnitId: unitId!,
        allianceId: editing && editing !== 'new' ? editing.allianceId : null,
        list: v.list,
        categoryCode: v.categoryCode,
        name: v.name.trim(),
        description: v.description?.trim() || null,
        areaCodes: v.areaCode ? [v.areaCode] : [],
        openingHours: v.hours
          ? v.days.map((day) => ({
              day,
              opens: v.hours![0].format('HH:mm'),
              closes: v.hours![1].format('HH:mm'),
            }))
          : [],
        scheduleNote: v.scheduleNote?.trim() || null,
        eligibility: {
          ...(editing && editing !== 'new' ? editing.eligibility : {}),
          audiences: v.audiences as NonNullable<OfferingInput['eligibility']>['audiences'],
        },
        capacityConcurrent: v.capacityConcurrent ?? null,
        capacityPerMonth: v.capacityPerMonth ?? null,
        contactName: v.contactName?.trim() || null,
        contactPhone: v.contactPhone?.trim() || null,
        status: v.status,
        lastVerifiedOn: dayjs().format('YYYY-MM-DD'),
      }
      return editing && editing !== 'new'
        ? call('PUT /api/offerings/:id', {
            params: { id: editing.id },
            body: { ...body, version: editing.version },
          })
        : call('POST /api/offerings', { body })
    },
    onSuccess: () => {
      void message.success(t('exchange.myOfferings.saved'))
      setEditing(null)
      void client.invalidateQueries({ queryKey: exchangeKeys.offerings() })
    },
    onError: (error) => void message.error(error.message),
  })
  const open = (o: Offering | 'new') => {
    form.setFieldsValue(toValues(o === 'new' ? null : o))
    setEditing(o)
  }

  if (unitId === null) return <Empty description={t('exchange.myOfferings.noUnit')} />
  const categoryOptions = categories.roots.map((root) => ({
    label: root.name,
    options: categories.childrenOf(root.code).map((c) => ({ value: c.code, label: c.name })),
  }))

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex vertical>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('exchange.myOfferings.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{unit?.scopeName}</Typography.Text>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="offering-new">
          {t('exchange.myOfferings.publish')}
        </Button>
      </Flex>
      {mine.error && <Alert type="error" showIcon title={mine.error.message} />}
      {mine.data?.items.length === 0 && <Empty description={t('exchange.myOfferings.empty')} />}
      {(mine.data?.items ?? []).map((o) => (
        <Card
          key={o.id}
          size="small"
          data-testid="my-offering"
          title={
            <Typography.Text strong style={{ whiteSpace: 'normal' }}>
              {o.name}
            </Typography.Text>
          }
          extra={
            <Button size="small" icon={<EditOutlined />} onClick={() => open(o)} data-testid="offering-edit">
              {t('exchange.myOfferings.edit')}
            </Button>
          }
        >
          <Flex gap={6} wrap style={{ marginBottom: 6 }}>
            <Tag color="blue">{t(`exchange.lists.${o.list}`)}</Tag>
            <Tag>{o.categoryName}</Tag>
            <Tag color={o.status === 'active' ? 'green' : 'default'}>
              {t(`exchange.offering.status.${o.status}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {o.areaCodes.length
              ? o.areaCodes.map((c) => areaNames.get(c) ?? c).join(t('common.listSeparator'))
              : t('exchange.offering.everywhere')}
            {openingHoursText(t, o.openingHours) ? ` · ${openingHoursText(t, o.openingHours)}` : ''}
          </Typography.Text>
        </Card>
      ))}
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={phone ? '100%' : 480}
        title={editing === 'new' ? t('exchange.myOfferings.publish') : t('exchange.myOfferings.edit')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="offering-form">
          <Form.Item name="list" label={t('exchange.myOfferings.list')}>
            <Segmented
              block
              options={OFFERING_LISTS.map((l) => ({ value: l, label: t(`exchange.lists.${l}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="categoryCode"
            label={t('exchange.myOfferings.category')}
            rules={[{ required: true }]}
          >
            <Select
              options={categoryOptions}
              showSearch
              optionFilterProp="label"
              data-testid="offering-category"
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('exchange.myOfferings.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} data-testid="offering-name" />
          </Form.Item>
          <Form.Item name="description" label={t('exchange.myOfferings.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="areaCode"
            label={t('exchange.myOfferings.area')}
            extra={t('exchange.myOfferings.areaHint')}
          >
            <AreaCascader
              roots={CITY_ROOT}
              allowClear
              width="100%"
              onChange={(code) => form.setFieldValue('areaCode', code)}
            />
          </Form.Item>
          <Form.Item name="days" label={t('exchange.offering.hours')}>
            <Checkbox.Group
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`exchange.offering.weekdays.d${d}`) }))}
            />
          </Form.Item>
          <Form.Item name="hours">
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="scheduleNote" label={t('exchange.myOfferings.scheduleNote')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="audiences" label={t('exchange.offering.eligibility')}>
            <Checkbox.Group
              options={AUDIENCES.map((a) => ({ value: a, label: t(`exchange.offering.audiences.${a}`) }))}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="capacityConcurrent" label={t('exchange.myOfferings.concurrent')}>
              <InputNumber min={1} max={100000} />
            </Form.Item>
            <Form.Item name="capacityPerMonth" label={t('exchange.myOfferings.perMonth')}>
              <InputNumber min={1} max={1000000} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="contactName" label={t('exchange.myOfferings.contactName')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('exchange.myOfferings.contactPhone')}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Flex>
          <Form.Item name="status" label={t('exchange.myOfferings.status')}>
            <Segmented
              block
              options={(['active', 'paused', 'ended'] as const).map((s) => ({
                value: s,
                label: t(`exchange.offering.status.${s}`),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="offering-save">
            {t('exchange.myOfferings.save')}
          </Button>
        </Form>
      </Drawer>
    </Flex>
  )
}
