import { useQuery } from '@tanstack/react-query'
import type { Floating, FloatingInput, OrgRoster } from '@tongxin/contracts'
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Segmented,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { RemoteSelect } from '../registry/forms/RemoteSelect.tsx'
import { orglifeKeys } from './api.ts'
import { useOrglifeAction } from './shared.tsx'

interface Values {
  direction: 'in' | 'out'
  personId: number
  homeOrgName?: string
  destination?: string
  contact?: string
  since: Dayjs
  until?: Dayjs
}

/** 流动党员: people taking part here whose relation is elsewhere, and members of this organisation away. */
export function FloatingTab({ roster }: { roster: OrgRoster }) {
  const { t } = useTranslation()
  const orgId = roster.partyOrgId
  const [form] = Form.useForm<Values>()
  const direction = Form.useWatch('direction', form) ?? 'in'
  const [open, setOpen] = useState(false)
  const list = useQuery({
    queryKey: orglifeKeys.floating(orgId),
    queryFn: ({ signal }) => call('GET /api/orglife/orgs/:id/floating', { params: { id: orgId }, signal }),
  })
  const register = useOrglifeAction(
    (body: FloatingInput) => call('POST /api/orglife/orgs/:id/floating', { params: { id: orgId }, body }),
    t('orglife.record.saved'),
  )
  const end = useOrglifeAction((f: Floating) =>
    call('POST /api/orglife/floating/:id/end', {
      params: { id: f.id },
      body: { version: f.version, endedOn: dayjs().format('YYYY-MM-DD') },
    }),
  )
  return (
    <Flex vertical gap={12}>
      <Button type="primary" onClick={() => setOpen(!open)} style={{ alignSelf: 'flex-start' }}>
        {t('orglife.floating.register')}
      </Button>
      {open && (
        <Card size="small">
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ direction: 'in', since: dayjs() }}
            onFinish={(v) =>
              register.mutate(
                {
                  personId: v.personId,
                  direction: v.direction,
                  homeOrgName: v.direction === 'in' ? v.homeOrgName || null : null,
                  destination: v.direction === 'out' ? v.destination || null : null,
                  contact: v.contact || null,
                  since: v.since.format('YYYY-MM-DD'),
                  until: v.until ? v.until.format('YYYY-MM-DD') : null,
                },
                { onSuccess: () => setOpen(false) },
              )
            }
          >
            <Form.Item name="direction">
              <Segmented
                block
                options={[
                  { value: 'in', label: t('orglife.floating.in') },
                  { value: 'out', label: t('orglife.floating.out') },
                ]}
              />
            </Form.Item>
            <Form.Item name="personId" label={t('orglife.floating.person')} rules={[{ required: true }]}>
              {direction === 'out' ? (
                <RemoteSelect
                  route="GET /api/people"
                  query={{ org: orgId, members: true }}
                  label={(p) => p.name}
                />
              ) : (
                <RemoteSelect
                  route="GET /api/people"
                  label={(p) => `${p.name}${p.unitName ? `（${p.unitName}）` : ''}`}
                />
              )}
            </Form.Item>
            {direction === 'in' ? (
              <Form.Item name="homeOrgName" label={t('orglife.floating.homeOrg')}>
                <Input maxLength={120} />
              </Form.Item>
            ) : (
              <Form.Item
                name="destination"
                label={t('orglife.floating.destination')}
                rules={[{ required: true, min: 2 }]}
              >
                <Input maxLength={120} />
              </Form.Item>
            )}
            <Form.Item name="contact" label={t('orglife.floating.contact')}>
              <Input maxLength={60} />
            </Form.Item>
            <Flex gap={8}>
              <Form.Item
                name="since"
                label={t('orglife.floating.since')}
                rules={[{ required: true }]}
                style={{ flex: 1 }}
              >
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
              <Form.Item name="until" label={t('orglife.floating.until')} style={{ flex: 1 }}>
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" block loading={register.isPending}>
              {t('orglife.floating.register')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small">
        {(list.data ?? []).length === 0 ? (
          <Empty description={t('orglife.floating.none')} />
        ) : (
          <List
            dataSource={list.data}
            renderItem={(f) => (
              <List.Item>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>{f.name}</Typography.Text>
                    <span>
                      {/* Registered where they take part, listed here too because their relation is here. */}
                      <Tag color={f.direction === 'in' ? 'cyan' : 'purple'}>
                        {f.partyOrgId === orgId
                          ? t(`orglife.floating.${f.direction}`)
                          : t('orglife.floating.elsewhere', { org: f.partyOrgName })}
                      </Tag>
                      {f.endedOn && <Tag>{t('orglife.floating.ended', { date: f.endedOn })}</Tag>}
                    </span>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.partyOrgId !== orgId
                      ? t('orglife.floating.since')
                      : f.direction === 'in'
                        ? t('orglife.floating.home', { org: f.homeOrgName ?? '—' })
                        : t('orglife.floating.went', { place: f.destination ?? '—' })}
                    {f.partyOrgId !== orgId ? ' ' : ' · '}
                    {f.since}
                    {f.until ? ` – ${f.until}` : ''}
                    {f.contact ? ` · ${f.contact}` : ''}
                  </Typography.Text>
                  {!f.endedOn && f.partyOrgId === orgId && (
                    <Popconfirm title={t('orglife.floating.end')} onConfirm={() => end.mutate(f)}>
                      <Button size="small" style={{ alignSelf: 'flex-start' }}>
                        {t('orglife.floating.end')}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  )
}
