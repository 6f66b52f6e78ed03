import { ArrowLeftOutlined } from '@ant-design/icons'
import { EVENT_THEMES, type Event, type EventUpdate } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { useEvent, useEventMutation, useLecturers } from './api.ts'

interface Values {
  title: string
  theme: EventUpdate['theme']
  description?: string
  location?: string
  start: string
  end: string
  capacity: number
  lecturerIds: number[]
  checkinMarginMinutes: number
}

/** An instant as `2026-11-26T14:00` in Shanghai time, for a datetime-local input. */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16)
const fromLocal = (v: string) => new Date(`${v}:00+08:00`).toISOString()

/**
 * 编辑活动: what the server lets change on an event (PATCH, optimistic locking). The place, area, organiser
 * and campaign are fixed: moving an event means cancelling it and creating it again.
 */
export function EventEditPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const event = useEvent(id)
  const lecturers = useLecturers()
  const save = useEventMutation(
    ({ e, v }: { e: Event; v: Values }) =>
      call('PATCH /api/events/:id', {
        params: { id },
        body: {
          version: e.version,
          title: v.title,
          theme: v.theme,
          description: v.description?.trim() || null,
          location: v.location?.trim() || null,
          startsAt: fromLocal(v.start),
          endsAt: fromLocal(v.end),
          capacity: v.capacity,
          lecturerIds: v.lecturerIds,
          checkinMarginMinutes: v.checkinMarginMinutes,
        } satisfies EventUpdate,
      }),
    () => t('events.form.saved'),
  )
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFound />
  if (event.error) return <LoadError error={event.error} onRetry={() => void event.refetch()} />
  if (event.isPending) return <Skeleton active />
  const e = event.data
  if (!e.canManage) return <NotFound />
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Link to={`/events/${id}`}>
        <ArrowLeftOutlined /> {e.title}
      </Link>
      <Card title={t('events.form.editTitle')}>
        <Alert type="info" showIcon title={t('events.form.fixedFields')} style={{ marginBottom: 16 }} />
        <Form<Values>
          layout="vertical"
          initialValues={{
            title: e.title,
            theme: e.theme,
            description: e.description ?? undefined,
            location: e.location ?? undefined,
            start: toLocal(e.startsAt),
            end: toLocal(e.endsAt),
            capacity: e.capacity,
            lecturerIds: e.lecturers.map((l) => l.id),
            checkinMarginMinutes: e.checkinMarginMinutes,
          }}
          onFinish={(v) => save.mutate({ e, v }, { onSuccess: () => void navigate(`/events/${id}`) })}
        >
          <Form.Item name="title" label={t('events.form.name')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="edit-title" />
          </Form.Item>
          <Form.Item name="theme" label={t('events.form.theme')}>
            <Select options={EVENT_THEMES.map((k) => ({ value: k, label: t(`events.themes.${k}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('events.form.description')}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item name="location" label={t('events.form.location')}>
            <Input />
          </Form.Item>
          <Form.Item name="start" label={t('events.form.start')} rules={[{ required: true }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="end" label={t('events.form.end')} rules={[{ required: true }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="capacity" label={t('events.form.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5000} style={{ width: '100%' }} data-testid="edit-capacity" />
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
          <Form.Item name="checkinMarginMinutes" label={t('events.form.margin')}>
            <InputNumber min={0} max={240} style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="edit-submit">
            {t('events.form.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  )
}
