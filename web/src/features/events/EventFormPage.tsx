import { useMutation } from '@tanstack/react-query'
import { EVENT_KINDS, EVENT_THEMES, type EventInput } from '@tongxin/contracts'
import { App, Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { AreaCascader, BuildingSelect } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { defaultScope } from '../../lib/scope.ts'
import { useSession } from '../auth/session.ts'
import { useCampaigns, useLecturers, usePartyOrg, useStationRooms } from './api.ts'

interface Values {
  title: string
  kind: EventInput['kind']
  theme: EventInput['theme']
  areaCode?: string
  organiserOrgId?: number
  membersOnly?: boolean
  stationRoomId?: number
  buildingId?: number
  location?: string
  start: string
  end: string
  capacity: number
  lecturerIds?: number[]
  campaignId?: number
  rrule?: string
}

/** `2026-11-26T14:00` typed in Shanghai local time → an instant. */
const fromLocal = (v: string) => new Date(`${v}:00+08:00`).toISOString()

/** 发布活动: an organiser's form; a repeat choice creates the whole series at once. */
export function EventFormPage() {
  const { t } = useTranslation()
  const me = useSession()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const area = Form.useWatch('areaCode', form)
  const organiser = Form.useWatch('organiserOrgId', form)
  // A secretary holds their organisation, not an area: the organisation stands for the places it reaches, so
  // their events name it as organiser and are placed in its area unless a building or room is chosen.
  const orgGrants = me.grants.filter((g) => g.scopeType === 'party_org' && g.scopeId)
  const holdsArea = me.grants.some((g) => g.scopeType === 'city' || g.scopeType === 'area')
  const organiserOrg = usePartyOrg(organiser, !holdsArea)
  useEffect(() => {
    if (organiserOrg.data) form.setFieldValue('areaCode', organiserOrg.data.areaCode)
  }, [organiserOrg.data, form])
  const rooms = useStationRooms(area)
  const lecturers = useLecturers()
  const campaigns = useCampaigns()
  const create = useMutation({
    mutationFn: (v: Values) =>
      call('POST /api/events', {
        body: {
          title: v.title,
          kind: v.kind,
          theme: v.theme,
          areaCode: v.areaCode,
          organiserOrgId: v.organiserOrgId ?? null,
          ...(v.membersOnly && v.organiserOrgId
            ? { audience: 'orgs' as const, audienceIds: [v.organiserOrgId] }
            : { audience: 'all' as const }),
          stationRoomId: v.stationRoomId ?? null,
          buildingId: v.buildingId ?? null,
          location: v.location || null,
          startsAt: fromLocal(v.start),
          endsAt: fromLocal(v.end),
          capacity: v.capacity,
          lecturerIds: v.lecturerIds ?? [],
          campaignId: v.campaignId ?? null,
          ...(v.rrule ? { rrule: v.rrule } : {}),
        } satisfies EventInput,
      }),
    onSuccess: (r) => {
      void message.success(t('events.form.created', { count: r.ids.length }))
      void navigate(`/events/${r.first.id}`)
    },
    onError: (e) => void message.error(e.message),
  })
  return (
    <Card title={t('events.form.title')} style={{ maxWidth: 720 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'lecture',
          theme: 'policy',
          capacity: 50,
          areaCode: holdsArea ? defaultScope(me).area : undefined,
          organiserOrgId: !holdsArea && orgGrants[0] ? Number(orgGrants[0].scopeId) : undefined,
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('events.form.name')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="event-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('events.form.kind')}>
          <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="theme" label={t('events.form.theme')}>
          <Select options={EVENT_THEMES.map((k) => ({ value: k, label: t(`events.themes.${k}`) }))} />
        </Form.Item>
        {orgGrants.length > 0 && (
          <Form.Item name="organiserOrgId" label={t('events.form.organiser')}>
            <Select
              allowClear={holdsArea}
              data-testid="event-organiser"
              options={orgGrants.map((g) => ({
                value: Number(g.scopeId),
                label: g.scopeName ?? `#${g.scopeId}`,
              }))}
            />
          </Form.Item>
        )}
        {organiser !== undefined && (
          <Form.Item name="membersOnly" label={t('events.form.membersOnly')} valuePropName="checked">
            <Switch data-testid="event-members-only" />
          </Form.Item>
        )}
        <Form.Item name="areaCode" label={t('events.form.area')}>
          <AreaCascader onChange={(code) => form.setFieldValue('areaCode', code)} width="100%" />
        </Form.Item>
        <Form.Item name="stationRoomId" label={t('events.form.room')}>
          <Select
            allowClear
            options={(rooms.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${r.stationName} · ${r.name}（${r.capacity}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="buildingId" label={t('events.form.building')}>
          <BuildingSelect area={area} onChange={(id) => form.setFieldValue('buildingId', id)} width="100%" />
        </Form.Item>
        <Form.Item name="location" label={t('events.form.location')}>
          <Input />
        </Form.Item>
        <Form.Item name="start" label={t('events.form.start')} rules={[{ required: true }]}>
          <Input type="datetime-local" data-testid="event-start" />
        </Form.Item>
        <Form.Item name="end" label={t('events.form.end')} rules={[{ required: true }]}>
          <Input type="datetime-local" data-testid="event-end" />
        </Form.Item>
        <Form.Item name="capacity" label={t('events.form.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={5000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lecturerIds" label={t('events.form.lecturers')}>
          <Select
            mode="multiple"
            options={(lecturers.data?.items ?? []).map((l) => ({
              value: l.id,
              label: `${t(`events.lecturerKinds.${l.kind}`)} · ${l.name} ${l.organisation ?? ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="campaignId" label={t('events.form.campaign')}>
          <Select
            allowClear
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="rrule" label={t('events.form.rrule')}>
          <Select
            allowClear
            placeholder={t('events.form.rruleNone')}
            options={[
              { value: 'FREQ=WEEKLY;COUNT=4', label: t('events.form.rruleWeekly4') },
              { value: 'FREQ=WEEKLY;COUNT=8', label: t('events.form.rruleWeekly8') },
              { value: 'FREQ=MONTHLY;COUNT=6', label: t('events.form.rruleMonthly6') },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} block data-testid="event-submit">
          {t('events.form.submit')}
        </Button>
      </Form>
    </Card>
  )
}
