import { PrinterOutlined, SwapOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { OrgRoster, Transfer, TransferInput } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'
import { useOrglifeAction } from './shared.tsx'

type Direction = TransferInput['direction']
const STATUS_COLOR = { pending: 'blue', completed: 'green', refused: 'red', cancelled: 'default' } as const

function OrgSearch({ value, onChange }: { value?: number; onChange?: (id: number | undefined) => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const found = useQuery({
    queryKey: orglifeKeys.directory(q),
    queryFn: ({ signal }) => call('GET /api/orglife/org-directory', { query: { q }, signal }),
    enabled: q.trim().length > 0,
  })
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('orglife.transfers.toOrgHint')}
      loading={found.isFetching}
      options={(found.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.areaName}）` }))}
      data-testid="transfer-to-org"
    />
  )
}

interface StartValues {
  personId: number
  direction: Direction
  toOrgId?: number
  outsideOrg?: string
  reason: string
  transferOn: Dayjs
}

function StartForm({ roster, onDone }: { roster: OrgRoster; onDone: () => void }) {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const [form] = Form.useForm<StartValues>()
  const direction = Form.useWatch('direction', form) ?? 'internal'
  const start = useOrglifeAction(
    (body: TransferInput) =>
      call('POST /api/orglife/orgs/:id/transfers', { params: { id: roster.partyOrgId }, body }),
    t('orglife.transfers.done'),
  )
  const person = Number(params.get('person')) || undefined
  const initialDirection = (params.get('direction') as Direction | null) ?? 'internal'
  return (
    <Form<StartValues>
      form={form}
      layout="vertical"
      initialValues={{ personId: person, direction: initialDirection, transferOn: dayjs() }}
      onFinish={(v) =>
        start.mutate(
          {
            personId: v.personId,
            direction: v.direction,
            toOrgId: v.direction === 'internal' ? (v.toOrgId ?? null) : null,
            outsideOrg: v.direction === 'internal' ? null : (v.outsideOrg ?? null),
            reason: v.reason,
            transferOn: v.transferOn.format('YYYY-MM-DD'),
          },
          { onSuccess: onDone },
        )
      }
    >
      {initialDirection === 'incoming' && (
        <Alert type="info" showIcon title={t('orglife.transfers.gapHint')} style={{ marginBottom: 12 }} />
      )}
      <Form.Item name="direction" label={t('orglife.transfers.start')}>
        <Segmented<Direction>
          block
          options={(['internal', 'outgoing', 'incoming'] as const).map((d) => ({
            value: d,
            label: t(`orglife.transfers.direction.${d}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="personId" label={t('orglife.transfers.member')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="transfer-member"
          options={roster.people
            .filter((p) => p.kind === 'member')
            .map((p) => ({ value: p.personId, label: p.name }))}
        />
      </Form.Item>
      {direction === 'internal' ? (
        <Form.Item name="toOrgId" label={t('orglife.transfers.toOrg')} rules={[{ required: true }]}>
          <OrgSearch />
        </Form.Item>
      ) : (
        <Form.Item
          name="outsideOrg"
          label={
            direction === 'outgoing'
              ? t('orglife.transfers.outsideOrgOut')
              : t('orglife.transfers.outsideOrgIn')
          }
          rules={[{ required: true, min: 2, max: 120 }]}
        >
          <Input />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('orglife.transfers.reason')}
        rules={[{ required: true, min: 2, max: 300 }]}
      >
        <Input data-testid="transfer-reason" />
      </Form.Item>
      <Form.Item name="transferOn" label={t('orglife.transfers.transferOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={start.isPending} data-testid="transfer-submit">
        {t('orglife.transfers.start')}
      </Button>
    </Form>
  )
}

/** A step on a transfer, with what it sends besides the version read. */
type Step =
  | { action: 'accept' | 'cancel'; body: Record<string, never> }
  | { action: 'refuse'; body: { reason: string } }
  | { action: 'receipt'; body: { receivedOn: string; note: string | null } }

function Actions({ tr }: { tr: Transfer }) {
  const { t } = useTranslation()
  const [ask, setAsk] = useState<'refuse' | 'receipt' | null>(null)
  const [text, setText] = useState('')
  const [day, setDay] = useState<Dayjs>(dayjs())
  const act = useOrglifeAction((v: Step) => {
    const params = { id: tr.id }
    const version = tr.version
    if (v.action === 'refuse')
      return call('POST /api/orglife/transfers/:id/refuse', { params, body: { version, ...v.body } })
    if (v.action === 'receipt')
      return call('POST /api/orglife/transfers/:id/receipt', { params, body: { version, ...v.body } })
    return v.action === 'accept'
      ? call('POST /api/orglife/transfers/:id/accept', { params, body: { version } })
      : call('POST /api/orglife/transfers/:id/cancel', { params, body: { version } })
  }, t('orglife.transfers.done'))
  return (
    <Flex gap={6} wrap>
      {tr.can.accept && (
        <Popconfirm
          title={t('orglife.transfers.accept')}
          onConfirm={() => act.mutate({ action: 'accept', body: {} })}
        >
          <Button size="small" type="primary" data-testid="transfer-accept">
            {t('orglife.transfers.accept')}
          </Button>
        </Popconfirm>
      )}
      {tr.can.refuse && (
        <Button size="small" danger onClick={() => setAsk('refuse')}>
          {t('orglife.transfers.refuse')}
        </Button>
      )}
      {tr.can.receipt && (
        <Button size="small" type="primary" onClick={() => setAsk('receipt')}>
          {t('orglife.transfers.receipt')}
        </Button>
      )}
      {tr.can.cancel && (
        <Popconfirm
          title={t('orglife.transfers.cancel')}
          onConfirm={() => act.mutate({ action: 'cancel', body: {} })}
        >
          <Button size="small">{t('orglife.transfers.cancel')}</Button>
        </Popconfirm>
      )}
      {tr.direction !== 'incoming' && tr.letterNo && (
        <Link to={`/orglife/transfers/${tr.id}/letter`}>
          <Button size="small" icon={<PrinterOutlined />}>
            {t('orglife.transfers.letter')}
          </Button>
        </Link>
      )}
      <Modal
        open={ask !== null}
        title={ask === 'refuse' ? t('orglife.transfers.refuse') : t('orglife.transfers.receipt')}
        onCancel={() => setAsk(null)}
        confirmLoading={act.isPending}
        onOk={() =>
          act.mutate(
            ask === 'refuse'
              ? { action: 'refuse', body: { reason: text } }
              : { action: 'receipt', body: { receivedOn: day.format('YYYY-MM-DD'), note: text || null } },
            { onSuccess: () => setAsk(null) },
          )
        }
      >
        {ask === 'receipt' && (
          <DatePicker
            value={day}
            onChange={(d) => d && setDay(d)}
            style={{ width: '100%', marginBottom: 8 }}
            inputReadOnly
          />
        )}
        <Input.TextArea
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={ask === 'refuse' ? t('orglife.transfers.refuseReason') : ''}
        />
      </Modal>
    </Flex>
  )
}

export function TransferItem({ tr }: { tr: Transfer }) {
  const { t } = useTranslation()
  return (
    <List.Item data-testid="transfer-item" data-transfer={tr.id}>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            <SwapOutlined /> {tr.memberName}
          </Typography.Text>
          <span>
            <Tag color={STATUS_COLOR[tr.status]}>{t(`orglife.transfers.status.${tr.status}`)}</Tag>
            {tr.escalated && tr.status === 'pending' && (
              <Tag color="red">{t('orglife.transfers.escalated')}</Tag>
            )}
            {!tr.escalated && tr.overdue && <Tag color="orange">{t('orglife.transfers.overdue')}</Tag>}
          </span>
        </Flex>
        <Typography.Text type="secondary">
          {t(`orglife.transfers.direction.${tr.direction}`)}：
          {t('orglife.transfers.from', { from: tr.fromOrgName ?? tr.outsideOrg })}{' '}
          {t('orglife.transfers.to', { to: tr.toOrgName ?? tr.outsideOrg })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tr.transferOn} · {t('orglife.transfers.dueOn', { date: tr.dueOn })} · {tr.reason}
          {tr.letterNo ? ` · ${t('orglife.transfers.letterNo', { no: tr.letterNo })}` : ''}
          {tr.decisionNote ? ` · ${tr.decisionNote}` : ''}
        </Typography.Text>
        <Actions tr={tr} />
      </Flex>
    </List.Item>
  )
}

/** 组织关系转接: out of and into the organisation, with what the caller may do on each. */
export function TransfersTab({ roster }: { roster: OrgRoster }) {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const [open, setOpen] = useState(Boolean(params.get('person')))
  const list = useQuery({
    queryKey: orglifeKeys.transfers(roster.partyOrgId),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/orgs/:id/transfers', { params: { id: roster.partyOrgId }, signal }),
  })
  return (
    <Flex vertical gap={12}>
      <Button
        type="primary"
        icon={<SwapOutlined />}
        onClick={() => setOpen(!open)}
        style={{ alignSelf: 'flex-start' }}
        data-testid="transfer-start"
      >
        {t('orglife.transfers.start')}
      </Button>
      {open && (
        <Card size="small">
          <StartForm roster={roster} onDone={() => setOpen(false)} />
        </Card>
      )}
      <Card size="small">
        {(list.data ?? []).length === 0 ? (
          <Empty description={t('orglife.transfers.none')} />
        ) : (
          <List dataSource={list.data} renderItem={(tr) => <TransferItem tr={tr} />} />
        )}
      </Card>
    </Flex>
  )
}
