import { DownloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ApiOutput, Assessment, AssessmentParty } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  InputNumber,
  Select,
  Table,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { usePatrolRoutes, wasteKeys } from './api.ts'

type Criterion = ApiOutput<'GET /api/waste/assessments/criteria'>[number]
type Draft = Record<string, { score: number | null; evidence: string }>

/** One side's form: each criterion's score (0–100) and evidence, the weighted total shown as it is typed. */
function PartyCard({
  party,
  criteria,
  current,
  buildingId,
  month,
  canEdit,
}: {
  party: AssessmentParty
  criteria: Criterion[]
  current: Assessment | undefined
  buildingId: number
  month: string
  canEdit: boolean
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [draft, setDraft] = useState<Draft>({})
  useEffect(() => {
    setDraft(
      Object.fromEntries(
        criteria.map((c) => {
          const s = current?.scores.find((x) => x.criterion === c.criterion)
          return [c.criterion, { score: s?.score ?? c.suggested, evidence: s?.evidence ?? '' }]
        }),
      ),
    )
  }, [criteria, current])
  const weights = criteria.reduce((n, c) => n + c.weight, 0)
  const filled = criteria.every((c) => typeof draft[c.criterion]?.score === 'number')
  const total = filled
    ? Math.round(
        (criteria.reduce((n, c) => n + c.weight * (draft[c.criterion]!.score as number), 0) / weights) * 100,
      ) / 100
    : null
  const save = useMutation({
    mutationFn: () =>
      call('PUT /api/waste/assessments', {
        body: {
          buildingId,
          month,
          party,
          version: current?.version,
          scores: criteria.map((c) => ({
            criterion: c.criterion,
            // The save button is offered only once every score is filled.
            score: draft[c.criterion]!.score as number,
            evidence: draft[c.criterion]!.evidence.trim() || null,
          })),
        },
      }),
    onSuccess: () => {
      void message.success(t('waste.assess.saved'))
      void qc.invalidateQueries({ queryKey: wasteKeys.assessments() })
    },
    onError: (e) => message.error(e.message),
  })
  return (
    <Card
      size="small"
      data-testid={`waste-assess-${party}`}
      title={t(`waste.assess.parties.${party}`)}
      extra={<Typography.Text strong>{t('waste.assess.total', { total: total ?? '—' })}</Typography.Text>}
    >
      <Flex vertical gap={8}>
        {criteria.map((c) => (
          <Flex key={c.criterion} wrap gap={8} align="center">
            <span style={{ minWidth: 180 }}>
              {c.label} <Typography.Text type="secondary">×{c.weight}</Typography.Text>
            </span>
            <InputNumber
              min={0}
              max={100}
              disabled={!canEdit}
              value={draft[c.criterion]?.score ?? null}
              onChange={(v) => setDraft({ ...draft, [c.criterion]: { ...draft[c.criterion]!, score: v } })}
              style={{ width: 90 }}
            />
            <Input
              disabled={!canEdit}
              placeholder={t('waste.assess.evidence')}
              value={draft[c.criterion]?.evidence ?? ''}
              maxLength={300}
              onChange={(e) =>
                setDraft({ ...draft, [c.criterion]: { ...draft[c.criterion]!, evidence: e.target.value } })
              }
              style={{ flex: '1 1 200px' }}
            />
          </Flex>
        ))}
        {canEdit && (
          <Button
            type="primary"
            disabled={!filled}
            loading={save.isPending}
            onClick={() => save.mutate()}
            style={{ alignSelf: 'flex-start' }}
          >
            {current ? t('waste.assess.correct') : t('waste.assess.save')}
          </Button>
        )}
        {current && (
          <Typography.Text type="secondary">
            {t('waste.assess.by', {
              name: current.assessedBy ?? '—',
              at: dayjs(current.assessedAt).format('YYYY-MM-DD HH:mm'),
            })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  )
}

/** 物业和客户分类双考核: a month's scores for each side, then the building's history and export. */
export function AssessmentsPage() {
  const { t } = useTranslation()
  const me = useSession()
  const canEdit = hasPermission(me, 'waste.manage')
  const routes = usePatrolRoutes()
  const buildings = useMemo(
    () => [...new Map((routes.data ?? []).map((r) => [r.buildingId, r.buildingName]))],
    [routes.data],
  )
  const [picked, setPicked] = useState<number>()
  const buildingId = picked ?? buildings[0]?.[0]
  const [monthDay, setMonthDay] = useState<Dayjs>(() => dayjs())
  const month = monthDay.format('YYYY-MM')
  const history = useQuery({
    queryKey: wasteKeys.buildingAssessments(buildingId),
    enabled: Boolean(buildingId),
    queryFn: ({ signal }) =>
      call('GET /api/waste/assessments', { query: { buildingId: buildingId! }, signal }),
  })
  const criteria = useQuery({
    queryKey: wasteKeys.criteria(buildingId, month),
    enabled: Boolean(buildingId),
    queryFn: ({ signal }) =>
      call('GET /api/waste/assessments/criteria', { query: { buildingId: buildingId!, month }, signal }),
  })
  const rows = useMemo(() => {
    const m = new Map<string, { month: string; property?: number; tenants?: number }>()
    for (const a of history.data ?? []) {
      const r = m.get(a.month) ?? { month: a.month }
      r[a.party] = a.total
      m.set(a.month, r)
    }
    return [...m.values()]
  }, [history.data])

  if (routes.isPending) return <Card loading />
  if (!buildings.length) return <Empty description={t('waste.patrol.noRoutes')} />
  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('waste.assess.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Select
          value={buildingId}
          onChange={setPicked}
          style={{ minWidth: 220 }}
          options={buildings.map(([id, name]) => ({ value: id, label: name }))}
        />
        <DatePicker
          picker="month"
          value={monthDay}
          allowClear={false}
          onChange={(d) => d && setMonthDay(d)}
        />
        <a href={`/api/waste/assessments/export?buildingId=${buildingId}`} download>
          <Button icon={<DownloadOutlined />}>{t('waste.assess.export')}</Button>
        </a>
      </Flex>
      <Typography.Text type="secondary">{t('waste.assess.windowNote')}</Typography.Text>
      {criteria.error && <Alert type="error" showIcon title={criteria.error.message} />}
      {criteria.data &&
        (['property', 'tenants'] as const).map((party) => (
          <PartyCard
            key={`${party}-${month}-${buildingId}`}
            party={party}
            criteria={criteria.data.filter((c) => c.party === party)}
            current={history.data?.find((a) => a.month === month && a.party === party)}
            buildingId={buildingId!}
            month={month}
            canEdit={canEdit}
          />
        ))}
      <Card size="small" title={t('waste.assess.history')}>
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('waste.assess.month'), dataIndex: 'month' },
            {
              title: t('waste.assess.parties.property'),
              dataIndex: 'property',
              render: (v?: number) => v ?? '—',
            },
            {
              title: t('waste.assess.parties.tenants'),
              dataIndex: 'tenants',
              render: (v?: number) => v ?? '—',
            },
          ]}
        />
      </Card>
    </Flex>
  )
}
