import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  CENSUS_PARTS,
  type CensusPart,
  VISIT_KINDS,
  type VisitInput,
  type VisitKind,
} from '@tongxin/contracts'
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Segmented, Switch, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { BuildingSelect } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { censusKeys } from './api.ts'
import { PartStates } from './PartTags.tsx'

interface Values {
  visitedOn: Dayjs
  kind: VisitKind
  department?: string
  visitors?: string
  note?: string
  verified: Record<CensusPart, boolean>
  notes: Partial<Record<CensusPart, string>>
  followUps?: { text: string; dueOn: Dayjs }[]
}

/**
 * A visit recorded from a phone: the building (from the link or QR code of its page, or searched), the date
 * (today), the kind, and one switch per part — on for each part that matched on site. Photos are kept on the
 * phone until the record is saved, then uploaded to it.
 */
export function VisitFormPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const client = useQueryClient()
  const [params, setParams] = useSearchParams()
  const buildingId = Number(params.get('building')) || undefined
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form)
  const [photos, setPhotos] = useState<{ key: number; file: File }[]>([])
  const seq = useRef(0)
  const file = useRef<HTMLInputElement>(null)
  const building = useQuery({
    queryKey: censusKeys.building(buildingId),
    enabled: buildingId !== undefined,
    queryFn: ({ signal }) => call('GET /api/buildings/:id', { params: { id: buildingId! }, signal }),
  })
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body: VisitInput = {
        buildingId: buildingId!,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        kind: v.kind,
        department: v.kind === 'joint' && v.department?.trim() ? v.department.trim() : undefined,
        visitors: v.visitors?.trim() || undefined,
        note: v.note?.trim() || undefined,
        findings: CENSUS_PARTS.map((part) => ({
          part,
          verified: v.verified[part],
          ...(v.notes?.[part]?.trim() ? { note: v.notes[part]!.trim() } : {}),
        })),
        followUps: (v.followUps ?? [])
          .filter((f) => f?.text?.trim() && f.dueOn)
          .map((f) => ({ text: f.text.trim(), dueOn: f.dueOn.format('YYYY-MM-DD') })),
      }
      const visit = await call('POST /api/census/visits', { body })
      for (const { file: p } of photos) {
        try {
          await call('POST /api/census/visits/:id/photos', {
            params: { id: visit.id },
            raw: { data: p, contentType: p.type },
          })
        } catch (e) {
          void message.error(t('census.form.photoFailed', { name: p.name, message: (e as Error).message }))
        }
      }
      return visit
    },
    onSuccess: () => {
      void message.success(t('census.form.saved'))
      setPhotos([])
      form.resetFields(['note', 'followUps', 'notes'])
      void client.invalidateQueries({ queryKey: censusKeys.building(buildingId) })
      void client.invalidateQueries({ queryKey: censusKeys.freshness() })
      void client.invalidateQueries({ queryKey: censusKeys.plan() })
      void client.invalidateQueries({ queryKey: censusKeys.followUps() })
    },
  })

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('census.form.title')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="visit-form"
        initialValues={{
          visitedOn: dayjs(),
          kind: 'wechat',
          verified: Object.fromEntries(CENSUS_PARTS.map((p) => [p, true])),
          notes: {},
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Card size="small">
          <Form.Item label={t('census.form.building')} required>
            <BuildingSelect
              value={buildingId}
              selectedName={building.data?.building.name}
              width="100%"
              onChange={(id) => {
                const next = new URLSearchParams(params)
                if (id) next.set('building', String(id))
                else next.delete('building')
                setParams(next, { replace: true })
              }}
            />
          </Form.Item>
          {building.data && (
            <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid="visit-current">
              <Typography.Text type="secondary">{t('census.form.current')}</Typography.Text>
              <PartStates items={building.data.completeness.items} />
            </Flex>
          )}
          <Flex gap={12} wrap>
            <Form.Item name="visitedOn" label={t('census.form.date')} style={{ flex: '1 1 140px' }}>
              <DatePicker
                style={{ width: '100%' }}
                allowClear={false}
                inputReadOnly
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="kind" label={t('census.form.kind')}>
            <Segmented
              block
              options={VISIT_KINDS.map((k) => ({ value: k, label: t(`census.kinds.${k}`) }))}
              data-testid="visit-kind"
            />
          </Form.Item>
          {kind === 'joint' && (
            <Form.Item name="department" label={t('census.form.department')}>
              <Input placeholder={t('census.form.departmentPlaceholder')} maxLength={60} />
            </Form.Item>
          )}
          <Form.Item name="visitors" label={t('census.form.visitors')} style={{ marginBottom: 0 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('census.form.findings')} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('census.form.findingsHint')}</Typography.Text>
          {CENSUS_PARTS.map((part) => (
            <Flex
              key={part}
              vertical
              gap={4}
              style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{t(`completenessKeys.${part}`)}</Typography.Text>
                <Form.Item name={['verified', part]} valuePropName="checked" noStyle>
                  <Switch
                    data-testid={`visit-verified-${part}`}
                    checkedChildren={t('census.form.verified')}
                    unCheckedChildren={t('census.form.notVerified')}
                  />
                </Form.Item>
              </Flex>
              <Form.Item name={['notes', part]} noStyle>
                <Input size="small" placeholder={t('census.form.findingNote')} maxLength={500} />
              </Form.Item>
            </Flex>
          ))}
        </Card>
        <Card size="small" title={t('census.form.photos')} style={{ marginTop: 12 }}>
          <input
            ref={file}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            data-testid="visit-photo-input"
            onChange={(e) => {
              const chosen = [...(e.target.files ?? [])]
              setPhotos((ps) => [...ps, ...chosen.map((f) => ({ key: ++seq.current, file: f }))].slice(0, 6))
              e.target.value = ''
            }}
          />
          <Flex vertical gap={6}>
            <Button icon={<CameraOutlined />} onClick={() => file.current?.click()} block>
              {t('census.form.addPhoto')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('census.form.photoHint')}
            </Typography.Text>
            {photos.map((p) => (
              <Flex key={p.key} justify="space-between" align="center">
                <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                  {p.file.name}
                </Typography.Text>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="remove"
                  onClick={() => setPhotos((ps) => ps.filter((x) => x.key !== p.key))}
                />
              </Flex>
            ))}
          </Flex>
        </Card>
        <Card size="small" title={t('census.form.followUps')} style={{ marginTop: 12 }}>
          <Form.Item name="note" label={t('census.form.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start" wrap>
                    <Form.Item name={[field.name, 'text']} noStyle>
                      <Input
                        placeholder={t('census.form.followUpText')}
                        maxLength={300}
                        style={{ flex: '1 1 180px' }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} noStyle>
                      <DatePicker
                        placeholder={t('census.form.followUpDue')}
                        inputReadOnly
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label="remove"
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ dueOn: dayjs().add(14, 'day') })}>
                  {t('census.form.addFollowUp')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        {save.error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={save.error.message} />}
        {save.isSuccess && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            data-testid="visit-saved"
            title={t('census.form.saved')}
            action={<Link to={`/buildings/${buildingId}`}>{building.data?.building.name}</Link>}
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          style={{ marginTop: 12 }}
          loading={save.isPending}
          disabled={!buildingId}
          data-testid="visit-submit"
        >
          {t('census.form.submit')}
        </Button>
      </Form>
    </Flex>
  )
}
