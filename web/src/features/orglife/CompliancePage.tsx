import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Absentee, ComplianceOrgRow, RuleFigure } from '@tongxin/contracts'
import {
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  List,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { call, type PageResult } from '../../lib/api.ts'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { orglifeKeys } from './api.ts'
import { PeriodTag, pct, periodLabel } from './shared.tsx'
import { TransferItem } from './TransfersTab.tsx'

type Drill = { kind: 'orgs'; rule?: RuleFigure; period?: string } | { kind: 'absentees' }

function DrillDrawer({
  area,
  year,
  drill,
  onClose,
}: {
  area: string
  year: number
  drill: Drill
  onClose: () => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const orgs = useQuery<PageResult<ComplianceOrgRow | Absentee>>({
    queryKey: orglifeKeys.drill(area, year, drill),
    queryFn: ({ signal }): Promise<PageResult<ComplianceOrgRow | Absentee>> =>
      drill.kind === 'orgs'
        ? call('GET /api/orglife/compliance/orgs', {
            query: {
              area,
              year,
              rule: drill.rule?.rule,
              period: drill.period,
              status: 'overdue',
              limit: 200,
            },
            signal,
          })
        : call('GET /api/orglife/compliance/absentees', {
            query: { area, limit: 200 },
            signal,
          }),
  })
  const title =
    drill.kind === 'absentees'
      ? t('orglife.compliance.absentees')
      : drill.rule && drill.period
        ? t('orglife.compliance.drill', {
            rule: drill.rule.name,
            period: periodLabel(t, drill.rule.period, drill.period),
          })
        : t('orglife.compliance.drillOrgs')
  return (
    <Drawer open title={title} onClose={onClose} size={isPhone ? '100%' : 560} data-testid="compliance-drill">
      {orgs.isPending ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={orgs.data?.items ?? []}
          renderItem={(row) =>
            'streak' in row ? (
              <List.Item>
                <span>{row.name}</span>
                <Link to={`/orglife/orgs/${row.partyOrgId}`}>{row.partyOrgName}</Link>
                <span>{row.streak}</span>
              </List.Item>
            ) : (
              <List.Item data-testid="drill-org">
                <Link to={`/orglife/orgs/${row.partyOrgId}`}>{row.name}</Link>
                <Typography.Text type="secondary">
                  {row.met}/{row.due}
                </Typography.Text>
              </List.Item>
            )
          }
        />
      )}
    </Drawer>
  )
}

/** 组织生活达标: the street's (district's, city's) compliance for a year, each figure drillable to the organisations. */
export function CompliancePage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [params, setParams] = useSearchParams()
  const area = params.get('area') ?? defaultScope(me).area ?? '310000'
  const thisYear = new Date().getFullYear()
  const year = Number(params.get('year')) || thisYear
  const [drill, setDrill] = useState<Drill | null>(null)
  const set = (next: { area?: string; year?: number }) =>
    setParams({ area: next.area ?? area, year: String(next.year ?? year) }, { replace: true })
  const figures = useQuery({
    queryKey: orglifeKeys.area(area, year),
    queryFn: ({ signal }) => call('GET /api/orglife/compliance', { query: { area, year }, signal }),
  })
  const escalated = useQuery({
    queryKey: orglifeKeys.escalated(area),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/transfers', {
        query: { area, escalated: true, status: 'pending', limit: 50 },
        signal,
      }),
  })
  const f = figures.data
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="compliance-title">
          {t('orglife.compliance.title')}
          {f ? ` · ${f.scope.name}` : ''}
        </Typography.Title>
        <Flex gap={12} align="center" wrap>
          <Link to="/orglife/rules" data-testid="compliance-rules-link">
            {t('orglife.rules.link')}
          </Link>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/orglife/compliance/export?area=${area}&year=${year}`}
          >
            {t('orglife.compliance.export')}
          </Button>
        </Flex>
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap vertical={isPhone}>
          <AreaCascader value={area} onChange={(a) => a && set({ area: a })} width={isPhone ? '100%' : 280} />
          <Segmented
            value={year}
            onChange={(v) => set({ year: Number(v) })}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
          />
        </Flex>
      </Card>
      {figures.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {figures.isError && <LoadError error={figures.error} onRetry={() => void figures.refetch()} />}
      {f && (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['rate', pct(f.rate), () => setDrill({ kind: 'orgs' })],
                ['orgs', f.orgs, undefined],
                ['meetings', f.meetings, undefined],
                ['attendance', pct(f.attendanceRate), undefined],
                ['absentees', f.absentees, () => setDrill({ kind: 'absentees' })],
                ['floatingIn', f.floatingIn, undefined],
                ['floatingOut', f.floatingOut, undefined],
              ] as const
            ).map(([k, v, onClick]) => (
              <Col xs={12} md={6} lg={3} key={k}>
                <Card
                  size="small"
                  hoverable={Boolean(onClick)}
                  onClick={onClick}
                  data-testid={`compliance-${k}`}
                >
                  <Statistic title={t(`orglife.compliance.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('orglife.compliance.byRule')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('orglife.compliance.rateHint')} · {t('orglife.life.calendarHint')}
            </Typography.Paragraph>
            <Flex vertical gap={10} data-testid="compliance-rules">
              {f.rules.map((r) => (
                <Flex key={r.rule} vertical gap={2}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Typography.Text type="secondary" data-testid={`rule-${r.rule}`}>
                      {t('orglife.compliance.dueMet')} {r.met}/{r.due} · {t('orglife.compliance.held')}{' '}
                      {r.held}
                    </Typography.Text>
                  </Flex>
                  <Flex wrap>
                    {r.periods.map((p) => {
                      const status = !p.over
                        ? 'pending'
                        : p.due === 0
                          ? 'not_due'
                          : p.met === p.due
                            ? 'met'
                            : p.met >= p.due * 0.9
                              ? 'partial'
                              : 'overdue'
                      const tag = (
                        <PeriodTag key="tag" status={status}>
                          {periodLabel(t, r.period, p.start)} {p.met}/{p.due}
                        </PeriodTag>
                      )
                      return p.over && p.due > p.met ? (
                        <Button
                          key={p.start}
                          type="text"
                          size="small"
                          style={{ padding: 0, height: 'auto' }}
                          onClick={() => setDrill({ kind: 'orgs', rule: r, period: p.start })}
                          data-testid={`period-${r.rule}-${p.start}`}
                        >
                          {tag}
                        </Button>
                      ) : (
                        <span key={p.start} data-testid={`period-${r.rule}-${p.start}`}>
                          {tag}
                        </span>
                      )
                    })}
                  </Flex>
                </Flex>
              ))}
            </Flex>
          </Card>
          {f.children.length > 0 && (
            <Card size="small" title={t('orglife.compliance.children')}>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={f.children}
                scroll={{ x: true }}
                columns={[
                  {
                    key: 'name',
                    title: t('orglife.compliance.scope'),
                    render: (_, c) => (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => set({ area: c.code })}
                      >
                        {c.name}
                      </Button>
                    ),
                  },
                  { key: 'orgs', title: t('orglife.compliance.orgs'), dataIndex: 'orgs' },
                  { key: 'rate', title: t('orglife.compliance.rate'), render: (_, c) => pct(c.rate) },
                  { key: 'dm', title: t('orglife.compliance.dueMet'), render: (_, c) => `${c.met}/${c.due}` },
                  { key: 'meetings', title: t('orglife.compliance.meetings'), dataIndex: 'meetings' },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('orglife.compliance.escalated')}>
            <List dataSource={escalated.data?.items ?? []} renderItem={(tr) => <TransferItem tr={tr} />} />
          </Card>
        </>
      )}
      {drill && <DrillDrawer area={area} year={year} drill={drill} onClose={() => setDrill(null)} />}
    </Flex>
  )
}
