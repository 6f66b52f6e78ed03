import type { ShiftSeriesInput, ShiftSeriesResult } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Segmented,
  Select,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useRoles, useVolunteerAction } from './api.ts'
import { shanghaiDay, shiftTime } from './shared.tsx'

type Mode = 'single' | 'weekly' | 'dates'

interface Values {
  starts?: string
  ends?: string
  startTime?: string
  endTime?: string
  from?: string
  weeks?: number
  weekdays?: number[]
  dates?: Dayjs[]
  roleId: number
  needed: number
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

/**
 * 排班: one shift, or a series (weekdays × weeks, or chosen dates) that the server checks and lists first
 * (preview) and then creates all at once — or, if any day fails, not at all.
 */
export function ShiftForm({ pointId }: { pointId: number }) {
  const { t } = useTranslation()
  const roles = useRoles()
  const [form] = Form.useForm<Values>()
  const [mode, setMode] = useState<Mode>('single')
  const [preview, setPreview] = useState<ShiftSeriesResult['occurrences'] | null>(null)
  const single = useVolunteerAction(
    (v: Values) =>
      call('POST /api/volunteers/shifts', {
        body: {
          pointId,
          startsAt: new Date(`${v.starts}:00+08:00`).toISOString(),
          endsAt: new Date(`${v.ends}:00+08:00`).toISOString(),
          needs: [{ roleId: v.roleId, needed: v.needed }],
        },
      }),
    () => t('volunteers.coord.created'),
  )
  const seriesBody = (v: Values, dryRun: boolean): ShiftSeriesInput => ({
    pointId,
    startTime: v.startTime!,
    endTime: v.endTime!,
    needs: [{ roleId: v.roleId, needed: v.needed }],
    ...(mode === 'weekly'
      ? { repeat: { from: v.from!, weeks: v.weeks!, weekdays: v.weekdays ?? [] } }
      : { dates: (v.dates ?? []).map((d) => d.format('YYYY-MM-DD')) }),
    preview: dryRun,
  })
  const check = useVolunteerAction((v: Values) =>
    call('POST /api/volunteers/shift-series', { body: seriesBody(v, true) }),
  )
  const create = useVolunteerAction(
    (v: Values) => call('POST /api/volunteers/shift-series', { body: seriesBody(v, false) }),
    (r) => t('volunteers.series.created', { count: r.created.length }),
  )
  const onFinish = (v: Values) => {
    if (mode === 'single') single.mutate(v)
    else check.mutate(v, { onSuccess: (r) => setPreview(r.occurrences) })
  }
  const roleAndCount = (
    <Flex gap={8} wrap>
      <Form.Item name="roleId" label={t('volunteers.coord.role')} rules={[{ required: true }]}>
        <Select
          style={{ width: 160 }}
          data-testid="shift-role"
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
      </Form.Item>
      <Form.Item name="needed" label={t('volunteers.coord.needed')} rules={[{ required: true }]}>
        <InputNumber min={1} max={50} />
      </Form.Item>
    </Flex>
  )
  return (
    <Card size="small" title={t('volunteers.coord.newShift')}>
      <Segmented
        value={mode}
        onChange={(m) => {
          setMode(m as Mode)
          setPreview(null)
        }}
        options={[
          { value: 'single', label: t('volunteers.series.single') },
          { value: 'weekly', label: t('volunteers.series.weekly') },
          { value: 'dates', label: t('volunteers.series.dates') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="shift-mode"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ needed: 2, weeks: 4, weekdays: [1, 3, 5], from: shanghaiDay(1) }}
        onFinish={onFinish}
        onValuesChange={() => setPreview(null)}
      >
        {mode === 'single' ? (
          <Flex gap={8} wrap>
            <Form.Item name="starts" label={t('volunteers.coord.starts')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="ends" label={t('volunteers.coord.ends')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Flex>
        ) : (
          <>
            <Flex gap={8} wrap>
              <Form.Item
                name="startTime"
                label={t('volunteers.series.startTime')}
                rules={[{ required: true }]}
              >
                <Input type="time" data-testid="series-start" />
              </Form.Item>
              <Form.Item name="endTime" label={t('volunteers.series.endTime')} rules={[{ required: true }]}>
                <Input type="time" data-testid="series-end" />
              </Form.Item>
            </Flex>
            {mode === 'weekly' ? (
              <>
                <Form.Item
                  name="weekdays"
                  label={t('volunteers.series.weekdays')}
                  rules={[{ required: true }]}
                >
                  <Checkbox.Group
                    options={WEEKDAYS.map((d) => ({ value: d, label: t(`volunteers.series.weekday.w${d}`) }))}
                  />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Form.Item name="from" label={t('volunteers.series.from')} rules={[{ required: true }]}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name="weeks" label={t('volunteers.series.weeks')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={26} />
                  </Form.Item>
                </Flex>
              </>
            ) : (
              <Form.Item name="dates" label={t('volunteers.series.pickDates')} rules={[{ required: true }]}>
                <DatePicker multiple style={{ width: '100%' }} />
              </Form.Item>
            )}
          </>
        )}
        {roleAndCount}
        <Button
          type={mode === 'single' ? 'primary' : 'default'}
          htmlType="submit"
          loading={single.isPending || check.isPending}
          data-testid="shift-submit"
        >
          {mode === 'single' ? t('volunteers.coord.create') : t('volunteers.series.preview')}
        </Button>
      </Form>
      {preview && (
        <Flex vertical gap={8} style={{ marginTop: 12 }} data-testid="series-preview">
          <Alert
            type="info"
            showIcon
            title={t('volunteers.series.previewTitle', { count: preview.length })}
          />
          <List
            size="small"
            bordered
            dataSource={preview}
            renderItem={(o) => <List.Item>{shiftTime(o.startsAt, o.endsAt)}</List.Item>}
            style={{ maxHeight: 240, overflow: 'auto' }}
          />
          <Typography.Text type="secondary">{t('volunteers.series.allOrNothing')}</Typography.Text>
          <Button
            type="primary"
            loading={create.isPending}
            data-testid="series-create"
            onClick={() =>
              create.mutate(form.getFieldsValue(true) as Values, { onSuccess: () => setPreview(null) })
            }
          >
            {t('volunteers.series.create', { count: preview.length })}
          </Button>
        </Flex>
      )}
    </Card>
  )
}
