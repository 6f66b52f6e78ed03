import { DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { DuesImportResult, MemberDues, OrgRoster } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Statistic,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { orglifeKeys } from './api.ts'
import { percentBp, useOrglifeAction, yuan } from './shared.tsx'

const CATEGORIES = ['employed', 'retired', 'student', 'unemployed', 'relief'] as const
const CHANNELS = ['wechat', 'cash', 'alipay', 'bank', 'other'] as const
type PayValues = { months: string[]; channel: (typeof CHANNELS)[number]; paidOn: Dayjs; amount?: number }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function BaseModal({
  orgId,
  year,
  member,
  onClose,
}: {
  orgId: number
  year: number
  member: MemberDues
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>(member.category ?? 'employed')
  const [income, setIncome] = useState<number | null>(null)
  const withBase = category === 'employed' || category === 'retired'
  const preview = useQuery({
    queryKey: orglifeKeys.rate(category, income),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/dues/rate', {
        query: { category, monthlyIncome: withBase ? (income ?? undefined) : undefined },
        signal,
      }),
    enabled: !withBase || (income !== null && income > 0),
    retry: false,
  })
  const save = useOrglifeAction(
    () =>
      call('PUT /api/orglife/orgs/:id/dues/bases/:personId', {
        params: { id: orgId, personId: member.personId },
        body: {
          year,
          category,
          monthlyIncome: withBase ? income : null,
          version: member.baseVersion ?? undefined,
        },
      }),
    t('orglife.record.saved'),
  )
  return (
    <Modal
      open
      title={`${t('orglife.dues.base')} · ${member.name}`}
      onCancel={onClose}
      onOk={() => save.mutate(undefined, { onSuccess: onClose })}
      confirmLoading={save.isPending}
    >
      <Flex vertical gap={8}>
        <Select
          value={category}
          onChange={setCategory}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`orglife.dues.category.${c}`) }))}
        />
        {withBase && (
          <InputNumber<number>
            style={{ width: '100%' }}
            min={0}
            precision={2}
            placeholder={t('orglife.dues.income')}
            value={income}
            onChange={(v) => setIncome(v)}
            data-testid="dues-income"
          />
        )}
        {preview.data && (
          <Alert
            type="success"
            title={t('orglife.dues.preview', {
              amount: yuan(preview.data.monthlyCents),
              rate: percentBp(preview.data.rateBp),
            })}
          />
        )}
        {preview.error && <Alert type="error" title={preview.error.message} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('orglife.dues.rules')}
        </Typography.Text>
      </Flex>
    </Modal>
  )
}

function PayModal({
  orgId,
  year,
  member,
  onClose,
}: {
  orgId: number
  year: number
  member: MemberDues
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<PayValues>()
  const all = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter(
    (m) => !member.paidMonths.includes(m),
  )
  const pay = useOrglifeAction(
    (v: PayValues) =>
      call('POST /api/orglife/orgs/:id/dues/payments', {
        params: { id: orgId },
        body: {
          personId: member.personId,
          months: v.months,
          channel: v.channel,
          paidOn: v.paidOn.format('YYYY-MM-DD'),
          amountCents: v.amount ? Math.round(v.amount * 100) : undefined,
        },
      }),
    t('orglife.record.saved'),
  )
  return (
    <Modal
      open
      title={`${t('orglife.dues.pay')} · ${member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pay.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ months: member.arrearsMonths.slice(0, 3), channel: 'wechat', paidOn: dayjs() }}
        onFinish={(v) => pay.mutate(v, { onSuccess: onClose })}
      >
        <Form.Item name="months" label={t('orglife.dues.months')} rules={[{ required: true }]}>
          <Select mode="multiple" options={all.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('orglife.dues.channel')}>
          <Select options={CHANNELS.map((c) => ({ value: c, label: t(`orglife.dues.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('orglife.dues.paidOn')}>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="amount" label={t('orglife.dues.amount')}>
          <InputNumber<number> style={{ width: '100%' }} min={0.01} precision={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ImportCard({ orgId }: { orgId: number }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [result, setResult] = useState<DuesImportResult | null>(null)
  const send = useOrglifeAction((dryRun: boolean) =>
    call('POST /api/orglife/orgs/:id/dues/import', {
      params: { id: orgId },
      query: { dryRun, fileName: file?.name },
      raw: { data: file!, contentType: XLSX },
    }),
  )
  return (
    <Card size="small" title={t('orglife.dues.import')}>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} href={`/api/orglife/orgs/${orgId}/dues/template`}>
          {t('orglife.dues.template')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          {file ? file.name : t('orglife.dues.check')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".xlsx"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null
            setFile(f)
            setResult(null)
            if (f) setTimeout(() => send.mutate(true, { onSuccess: (r) => setResult(r) }), 0)
            e.target.value = ''
          }}
        />
        {result && result.errors.length === 0 && !result.committed && (
          <Button
            type="primary"
            loading={send.isPending}
            onClick={() =>
              send.mutate(false, {
                onSuccess: (r) => {
                  setResult(r)
                  void message.success(t('orglife.dues.imported', { payments: r.payments }))
                },
              })
            }
          >
            {t('orglife.dues.commit')}
          </Button>
        )}
      </Flex>
      {result && (
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          <Typography.Text>
            {t('orglife.dues.checked', {
              rows: result.rows,
              payments: result.payments,
              amount: yuan(result.amountCents),
            })}
          </Typography.Text>
          {result.errors.map((e) => (
            <Typography.Text key={`${e.row}-${e.column}-${e.message}`} type="danger">
              {t('orglife.dues.problems', {
                row: e.row,
                column: e.column ? `（${e.column}）` : '',
                message: e.message,
              })}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </Card>
  )
}

/** 党费: per member the base (masked), monthly dues and arrears; record payments, confirm bases, import. */
export function DuesTab({ roster }: { roster: OrgRoster }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const orgId = roster.partyOrgId
  const year = new Date().getFullYear()
  const [edit, setEdit] = useState<{ kind: 'base' | 'pay'; m: MemberDues } | null>(null)
  const [revealed, setRevealed] = useState<string | null>(null)
  const dues = useQuery({
    queryKey: orglifeKeys.dues(orgId, year),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/orgs/:id/dues', { params: { id: orgId }, query: { year }, signal }),
  })
  const reveal = async (m: MemberDues) => {
    const r = await call('GET /api/orglife/dues/bases/:personId', {
      params: { personId: m.personId },
      query: { year },
    })
    setRevealed(
      t('orglife.dues.revealed', {
        name: m.name,
        income: yuan(r.monthlyIncome === null ? null : Math.round(r.monthlyIncome * 100)),
      }),
    )
  }
  const d = dues.data
  return (
    <Flex vertical gap={12}>
      {d && (
        <>
          <Typography.Text type="secondary">
            {d.through
              ? t('orglife.dues.year', { year: d.year, through: d.through })
              : t('orglife.dues.yearNone', { year: d.year })}
          </Typography.Text>
          <Row gutter={[12, 12]}>
            {(
              [
                ['expected', yuan(d.expectedCents)],
                ['paid', yuan(d.paidCents)],
                ['arrears', yuan(d.arrearsCents)],
                ['inArrears', d.membersInArrears],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small">
                  <Statistic
                    title={t(`orglife.dues.${k}`)}
                    value={v}
                    // Half a phone's width holds "CN¥69,666.08" only in a smaller type.
                    styles={isPhone ? { content: { fontSize: 18, overflowWrap: 'anywhere' } } : undefined}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {revealed && <Alert type="warning" closable onClose={() => setRevealed(null)} title={revealed} />}
          <Card size="small">
            <List
              data-testid="dues-list"
              dataSource={d.members}
              renderItem={(m) => (
                <List.Item>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8} wrap>
                      <Typography.Text strong>{m.name}</Typography.Text>
                      <span>
                        {m.category ? (
                          <Tag>{t(`orglife.dues.category.${m.category}`)}</Tag>
                        ) : (
                          <Tag color="orange">{t('orglife.dues.noBase')}</Tag>
                        )}
                        {m.baseMasked && <Tag>{m.baseMasked}</Tag>}
                        {m.monthlyCents !== null && (
                          <Tag color="blue">
                            {t('orglife.dues.monthly', { amount: yuan(m.monthlyCents) })}
                          </Tag>
                        )}
                      </span>
                    </Flex>
                    <Typography.Text
                      type={m.arrearsMonths.length ? 'danger' : 'secondary'}
                      style={{ fontSize: 12 }}
                    >
                      {m.arrearsMonths.length
                        ? t('orglife.dues.arrearsMonths', { months: m.arrearsMonths.join('、') })
                        : ''}
                      {m.paidThrough ? ` ${t('orglife.dues.paidThrough', { month: m.paidThrough })}` : ''}
                    </Typography.Text>
                    <Flex gap={6} wrap>
                      <Button size="small" onClick={() => setEdit({ kind: 'base', m })}>
                        {t('orglife.dues.setBase')}
                      </Button>
                      <Button
                        size="small"
                        type="primary"
                        disabled={m.category === null}
                        onClick={() => setEdit({ kind: 'pay', m })}
                      >
                        {t('orglife.dues.pay')}
                      </Button>
                      {m.baseMasked && (
                        <Button size="small" icon={<EyeOutlined />} onClick={() => void reveal(m)}>
                          {t('orglife.dues.reveal')}
                        </Button>
                      )}
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
      <ImportCard orgId={orgId} />
      {edit?.kind === 'base' && (
        <BaseModal orgId={orgId} year={year} member={edit.m} onClose={() => setEdit(null)} />
      )}
      {edit?.kind === 'pay' && (
        <PayModal orgId={orgId} year={year} member={edit.m} onClose={() => setEdit(null)} />
      )}
    </Flex>
  )
}
