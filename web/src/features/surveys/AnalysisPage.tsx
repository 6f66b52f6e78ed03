import type { RespondentAttribute, Survey, SurveyCrossTab, SurveyQuestionAnalysis } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, List, Select, Space, Spin, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { EChart, type EChartOption } from '../../components/EChart.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { useCrossTab, useSurvey, useSurveyAnalysis, useThemes } from './api.ts'

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`

function QuestionCard({ index, q }: { index: number; q: SurveyQuestionAnalysis }) {
  const { t } = useTranslation()
  const option = useMemo<EChartOption | null>(() => {
    if (q.type === 'single' || q.type === 'multiple') {
      const rows = [...q.options].reverse()
      return {
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
        yAxis: {
          type: 'category',
          data: rows.map((o) => o.label),
          axisLabel: { width: 120, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            data: rows.map((o) => o.share),
            label: {
              show: true,
              position: 'right',
              formatter: (p: { dataIndex: number }) =>
                `${rows[p.dataIndex]?.count} (${pct(rows[p.dataIndex]?.share ?? 0)})`,
            },
          },
        ],
      }
    }
    if (q.type === 'rating') {
      return {
        grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: q.distribution.map((_, i) => String(i + 1)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: q.distribution, label: { show: true, position: 'top' } }],
      }
    }
    return null
  }, [q])
  return (
    <Card
      size="small"
      title={`${index + 1}. ${q.title}`}
      extra={<Tag>{t(`surveys.types.${q.type}`)}</Tag>}
      data-testid={`analysis-q-${q.key}`}
    >
      <Typography.Text type="secondary">
        {t('surveys.analysis.answered', { count: q.answered })}
      </Typography.Text>
      {q.type === 'multiple' && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('surveys.analysis.multipleNote')}
        </Typography.Paragraph>
      )}
      {q.average !== null && (
        <Typography.Paragraph strong data-testid={`analysis-avg-${q.key}`}>
          {t('surveys.analysis.average', { value: q.average })}
        </Typography.Paragraph>
      )}
      {option && (
        <EChart option={option} height={Math.max(160, q.options.length * 36 + 40)} aria-label={q.title} />
      )}
      {(q.type === 'single' || q.type === 'multiple') && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={q.options}
          columns={[
            { title: t('surveys.analysis.question'), dataIndex: 'label' },
            { title: t('surveys.list.responses'), dataIndex: 'count', align: 'right' },
            { title: t('surveys.analysis.share'), dataIndex: 'share', align: 'right', render: pct },
          ]}
        />
      )}
      {q.meanRank.length > 0 && (
        <List
          size="small"
          header={t('surveys.analysis.meanRank')}
          dataSource={[...q.meanRank].sort((a, b) => a.mean - b.mean)}
          renderItem={(m) => (
            <List.Item>
              {m.label} <Tag>{m.mean}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

const BY: RespondentAttribute[] = ['area', 'building', 'age_band', 'unit_kind']
const BY_LABEL = {
  area: 'byArea',
  building: 'byBuilding',
  age_band: 'byAgeBand',
  unit_kind: 'byUnitKind',
} as const

function CrossTabCard({ survey }: { survey: Survey }) {
  const { t } = useTranslation()
  const choice = survey.questions.filter(
    (q) => (q.type === 'single' || q.type === 'multiple' || q.type === 'rating') && !q.attribute,
  )
  const [question, setQuestion] = useState(choice[0]?.key)
  const [by, setBy] = useState<RespondentAttribute>(
    survey.questions.find((q) => q.attribute)?.attribute ?? 'area',
  )
  const x = useCrossTab(survey.id, question, by)
  const chart = useMemo<EChartOption | null>(() => {
    if (!x.data) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: x.data.rows.map((r) => r.label),
        axisLabel: { interval: 0, rotate: x.data.rows.length > 4 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
      series: x.data.columns.map((c, i) => ({
        type: 'bar',
        name: c.label,
        data: x.data.rows.map((r) => r.shares[i]),
      })),
    }
  }, [x.data])
  if (choice.length === 0) return null
  return (
    <Card size="small" title={t('surveys.analysis.crossTab')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ minWidth: 200, maxWidth: '100%' }}
          value={question}
          onChange={setQuestion}
          options={choice.map((q) => ({ value: q.key, label: q.title }))}
          aria-label={t('surveys.analysis.question')}
        />
        <Select
          style={{ minWidth: 120 }}
          value={by}
          onChange={setBy}
          options={BY.map((b) => ({ value: b, label: t(`surveys.analysis.${BY_LABEL[b]}`) }))}
          aria-label={t('surveys.analysis.by')}
          data-testid="crosstab-by"
        />
      </Space>
      {x.isError && <LoadError error={x.error} />}
      {chart && <EChart option={chart} height={300} aria-label={t('surveys.analysis.crossTab')} />}
      {x.data && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: true }}
          dataSource={x.data.rows}
          data-testid="crosstab-table"
          columns={[
            { title: t('surveys.analysis.group'), dataIndex: 'label', fixed: 'left' },
            { title: t('surveys.analysis.groupRespondents'), dataIndex: 'respondents', align: 'right' },
            ...x.data.columns.map((c, i) => ({
              key: c.key,
              title: c.label,
              align: 'right' as const,
              render: (_: unknown, r: SurveyCrossTab['rows'][number]) =>
                `${r.counts[i]} (${pct(r.shares[i] ?? 0)})`,
            })),
          ]}
        />
      )}
    </Card>
  )
}

function ThemesCard({ survey }: { survey: Survey }) {
  const { t } = useTranslation()
  const text = survey.questions.filter((q) => q.type === 'text')
  const [question, setQuestion] = useState(text[0]?.key)
  const [term, setTerm] = useState<string | null>(null)
  const th = useThemes(survey.id, question)
  if (text.length === 0) return null
  const chosen = th.data?.terms.find((x) => x.term === term)
  return (
    <Card size="small" title={t('surveys.analysis.themes')}>
      {text.length > 1 && (
        <Select
          style={{ minWidth: 200, marginBottom: 8 }}
          value={question}
          onChange={setQuestion}
          options={text.map((q) => ({ value: q.key, label: q.title }))}
        />
      )}
      {th.data && th.data.terms.length === 0 && (
        <Typography.Text type="secondary">{t('surveys.analysis.noThemes')}</Typography.Text>
      )}
      <Flex wrap gap={6} data-testid="themes">
        {th.data?.terms.map((x) => (
          <Tag.CheckableTag
            key={x.term}
            checked={term === x.term}
            onChange={() => setTerm(term === x.term ? null : x.term)}
            style={{ fontSize: 14 + Math.min(6, x.count) }}
          >
            {x.term} {x.count}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {chosen && (
        <List
          size="small"
          header={t('surveys.analysis.themeAnswers', { term: chosen.term, count: chosen.count })}
          dataSource={chosen.answers}
          renderItem={(a) => <List.Item>{a}</List.Item>}
        />
      )}
    </Card>
  )
}

/** A survey's analysis for staff: per-question figures, cross-tabs, free-text themes, exports and its QR code. */
export function AnalysisPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const survey = useSurvey(id)
  const analysis = useSurveyAnalysis(id)
  if (survey.isError) return <LoadError error={survey.error} onRetry={() => survey.refetch()} />
  if (analysis.isError) return <LoadError error={analysis.error} onRetry={() => analysis.refetch()} />
  if (!survey.data || !analysis.data) return <Spin />
  const s = survey.data
  return (
    <Flex vertical gap={12}>
      <Flex wrap justify="space-between" gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {s.title}
          </Typography.Title>
          <Space wrap>
            <Tag>{t(`surveys.state.${s.state}`)}</Tag>
            <Tag>{s.anonymous ? t('surveys.list.anonymous') : t('surveys.list.identified')}</Tag>
            <Typography.Text data-testid="analysis-respondents">
              {t('surveys.analysis.respondents', { count: analysis.data.respondents })}
            </Typography.Text>
          </Space>
        </div>
        <Space wrap>
          <Button href={`/api/surveys/${s.id}/export/report`}>{t('surveys.analysis.exportReport')}</Button>
          <Button href={`/api/surveys/${s.id}/export/raw`}>{t('surveys.analysis.exportRaw')}</Button>
        </Space>
      </Flex>
      <Flex wrap gap={12} align="center">
        <img src={`/api/surveys/${s.id}/qr`} alt={t('surveys.list.qr')} width={120} height={120} />
        <Typography.Text copyable>{`${window.location.origin}/survey/${s.slug}`}</Typography.Text>
      </Flex>
      {analysis.data.respondents === 0 && (
        <Alert type="info" message={t('surveys.analysis.respondents', { count: 0 })} />
      )}
      {analysis.data.questions.map((q, i) => (
        <QuestionCard key={q.key} index={i} q={q} />
      ))}
      <CrossTabCard survey={s} />
      <ThemesCard survey={s} />
    </Flex>
  )
}
