import { CameraOutlined, CheckCircleFilled, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Patrol, PatrolRoute, WasteCategory } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { usePatrolRoutes, wasteKeys } from './api.ts'
import { CATEGORY_ORDER, CATEGORY_STYLE } from './categories.tsx'
import { RouteModal } from './RouteModal.tsx'

const PHOTO_MAX = 5 * 1024 * 1024
const shanghaiToday = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10))

interface Values {
  bagsChecked: number
  bagsRight: number
  mistakes: Partial<Record<WasteCategory, number | null>>
  note?: string
  reason?: string
}

/** One floor's figures: a new record, or the lead's correction of an existing one (with a reason). */
function FloorForm({
  route,
  floor,
  date,
  existing,
  onDone,
}: {
  route: PatrolRoute
  floor: number
  date: string
  existing: Patrol | undefined
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [photo, setPhoto] = useState<File | null>(null)
  const [photoError, setPhotoError] = useState<string | null>(null)
  const correcting = Boolean(existing)

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const mistakes = Object.fromEntries(
        Object.entries(v.mistakes ?? {}).filter(([, n]) => typeof n === 'number' && n > 0),
      )
      const saved = existing
        ? await call('PUT /api/waste/patrols/:id', {
            params: { id: existing.id },
            body: {
              bagsChecked: v.bagsChecked,
              bagsRight: v.bagsRight,
              mistakes,
              note: v.note?.trim() || null,
              reason: v.reason?.trim() ?? '',
              version: existing.version,
            },
          })
        : await call('POST /api/waste/patrols', {
            body: {
              routeId: route.id,
              floor,
              date,
              bagsChecked: v.bagsChecked,
              bagsRight: v.bagsRight,
              mistakes,
              note: v.note?.trim() || null,
            },
          })
      if (photo) {
        await call('PUT /api/waste/patrols/:id/photo', {
          params: { id: saved.id },
          raw: { data: photo, contentType: photo.type },
        })
      }
      return saved
    },
    onSuccess: () => {
      void message.success(t('waste.patrol.saved', { floor }))
      onDone()
    },
    onError: (e) => message.error(e.message),
  })

  const checked = Form.useWatch('bagsChecked', form)
  const big = { size: 'large' as const, style: { width: '100%' }, inputMode: 'numeric' as const, min: 0 }
  return (
    <Card
      title={t('waste.patrol.floorTitle', { floor })}
      data-testid="waste-patrol-form"
      extra={
        correcting ? <Typography.Text type="warning">{t('waste.patrol.correcting')}</Typography.Text> : null
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          existing
            ? {
                bagsChecked: existing.bagsChecked,
                bagsRight: existing.bagsRight,
                mistakes: existing.mistakes,
                note: existing.note ?? undefined,
              }
            : { mistakes: {} }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Flex gap={12}>
          <Form.Item
            style={{ flex: 1 }}
            name="bagsChecked"
            label={t('waste.patrol.bagsChecked')}
            rules={[{ required: true, message: t('waste.patrol.required') }]}
          >
            <InputNumber {...big} precision={0} data-testid="waste-bags-checked" />
          </Form.Item>
          <Form.Item
            style={{ flex: 1 }}
            name="bagsRight"
            label={t('waste.patrol.bagsRight')}
            dependencies={['bagsChecked']}
            rules={[
              { required: true, message: t('waste.patrol.required') },
              {
                validator: (_, v) =>
                  typeof v === 'number' && typeof checked === 'number' && v > checked
                    ? Promise.reject(new Error(t('waste.patrol.rightExceeds')))
                    : Promise.resolve(),
              },
            ]}
          >
            <InputNumber {...big} precision={0} data-testid="waste-bags-right" />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('waste.patrol.mistakes')}</Typography.Text>
        <Flex wrap gap={8} style={{ margin: '8px 0 16px' }}>
          {CATEGORY_ORDER.map((c) => (
            <Form.Item key={c} name={['mistakes', c]} noStyle>
              <InputNumber
                min={0}
                precision={0}
                inputMode="numeric"
                style={{ width: 'calc(50% - 4px)', borderLeft: `6px solid ${CATEGORY_STYLE[c].color}` }}
                prefix={<span style={{ color: CATEGORY_STYLE[c].color }}>{t(`waste.categories.${c}`)}</span>}
                data-testid={`waste-mistake-${c}`}
              />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item
          label={t('waste.patrol.photo')}
          help={photoError ?? t('waste.patrol.photoHint')}
          validateStatus={photoError ? 'error' : undefined}
        >
          <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
            <CameraOutlined />
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              data-testid="waste-photo"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null
                if (
                  f &&
                  (!['image/jpeg', 'image/png', 'image/webp'].includes(f.type) || f.size > PHOTO_MAX)
                ) {
                  setPhotoError(t('waste.patrol.photoInvalid'))
                  setPhoto(null)
                  return
                }
                setPhotoError(null)
                setPhoto(f)
              }}
            />
          </label>
        </Form.Item>
        <Form.Item name="note" label={t('waste.patrol.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {correcting && (
          <Form.Item
            name="reason"
            label={t('waste.patrol.reason')}
            rules={[
              { required: true, whitespace: true, max: 200, message: t('waste.patrol.reasonRequired') },
            ]}
          >
            <Input />
          </Form.Item>
        )}
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={save.isPending}
            data-testid="waste-patrol-submit"
          >
            {correcting ? t('waste.patrol.saveCorrection') : t('waste.patrol.submit')}
          </Button>
          <Button size="large" onClick={onDone}>
            {t('waste.patrol.cancel')}
          </Button>
        </Flex>
      </Form>
    </Card>
  )
}

/** 午间巡查 on a phone: pick the route and day, walk the floors in order, one short form each. */
export function PatrolPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const routes = usePatrolRoutes()
  const [routeId, setRouteId] = useState<number>()
  const [date, setDate] = useState<Dayjs>(shanghaiToday)
  const [open, setOpen] = useState<number | null>(null)
  useEffect(() => {
    if (!routeId && routes.data?.length) setRouteId(routes.data[0]!.id)
  }, [routeId, routes.data])
  const route = routes.data?.find((r) => r.id === routeId)
  const day = date.format('YYYY-MM-DD')
  const records = useQuery({
    queryKey: wasteKeys.patrolsOn(routeId, day),
    enabled: Boolean(routeId),
    queryFn: ({ signal }) =>
      call('GET /api/waste/patrols', { query: { routeId, date: day, limit: 200 }, signal }),
  })
  const byFloor = useMemo(() => new Map((records.data?.items ?? []).map((p) => [p.floor, p])), [records.data])
  const me = useSession()
  const canOrganise = hasPermission(me, 'waste.organise')
  const [creating, setCreating] = useState(false)
  const newRoute = canOrganise ? (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t('waste.route.new')}
      </Button>
      {creating && <RouteModal onClose={() => setCreating(false)} />}
    </>
  ) : null

  if (routes.isPending) return <Card loading />
  if (routes.error) return <Alert type="error" showIcon title={routes.error.message} />
  if (!routes.data.length) return <Empty description={t('waste.patrol.noRoutes')}>{newRoute}</Empty>

  const done = () => {
    setOpen(null)
    void qc.invalidateQueries({ queryKey: wasteKeys.patrols() })
    void qc.invalidateQueries({ queryKey: wasteKeys.stars() })
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 560 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('waste.patrol.title')}
        </Typography.Title>
        {newRoute}
      </Flex>
      <Select
        size="large"
        value={routeId}
        onChange={(id) => {
          setRouteId(id)
          setOpen(null)
        }}
        options={routes.data.map((r) => ({ value: r.id, label: `${r.buildingName} · ${r.name}` }))}
        data-testid="waste-route"
      />
      <DatePicker
        size="large"
        value={date}
        allowClear={false}
        onChange={(d) => d && setDate(d)}
        disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')}
        inputReadOnly
      />
      {route && (
        <Typography.Text type="secondary">
          {t('waste.patrol.lead', { name: route.leadName ?? t('waste.patrol.noLead') })}
          {' · '}
          <Link to={`/waste-stars?building=${route.buildingId}`}>{t('waste.patrol.seeStars')}</Link>
        </Typography.Text>
      )}
      {!route ? null : open !== null ? (
        <FloorForm
          key={`${open}-${day}`}
          route={route}
          floor={open}
          date={day}
          existing={byFloor.get(open)}
          onDone={done}
        />
      ) : (
        <List
          bordered
          data-testid="waste-floors"
          loading={records.isPending}
          dataSource={route.floors}
          renderItem={(floor) => {
            const rec = byFloor.get(floor)
            return (
              <List.Item
                data-testid={`waste-floor-${floor}`}
                actions={[
                  rec ? (
                    route.canCorrect ? (
                      <Button key="fix" icon={<EditOutlined />} onClick={() => setOpen(floor)}>
                        {t('waste.patrol.correct')}
                      </Button>
                    ) : null
                  ) : (
                    <Button key="rec" type="primary" onClick={() => setOpen(floor)}>
                      {t('waste.patrol.record')}
                    </Button>
                  ),
                ]}
              >
                <Flex gap={8} align="center">
                  {rec && <CheckCircleFilled style={{ color: '#389e0d' }} />}
                  <strong>{t('waste.patrol.floor', { floor })}</strong>
                  {rec && (
                    <Typography.Text type="secondary">
                      {t('waste.patrol.figures', { right: rec.bagsRight, checked: rec.bagsChecked })}
                      {rec.corrected ? ` · ${t('waste.patrol.corrected')}` : ''}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )
          }}
        />
      )}
    </Flex>
  )
}
