import { COVERAGE_CATEGORIES, type CoverageFigures, type FigureKey, UNIT_KINDS } from '@tongxin/contracts'
import { Card, Col, Flex, Row, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { EChart, type EChartOption } from '../../components/EChart.tsx'
import { CATEGORY_COLORS, categoryLabel, unitKindLabel } from '../../components/labels.tsx'
import { formatCount, formatRate } from '../../lib/format.ts'
import { type Scope, scopeQuery } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { FigureTile } from './FigureCards.tsx'

interface Props {
  figures: CoverageFigures
  scope: Scope
  onDrill: (label: string, drill: FigureKey[]) => void
}

/**
 * Breaks a label into lines of at most `max` characters at spaces, for the donut's hole; a label without
 * spaces (Chinese, short) stays one line.
 */
function wrapWords(text: string, max: number): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= max)
      lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

function CategoryCard({ figures, onDrill }: Omit<Props, 'scope'>) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          // Empty categories get no label of their own (they stay in the tiles below).
          minShowLabelAngle: 1,
          label: { show: !isPhone, formatter: '{b}\n{c}' },
          data: COVERAGE_CATEGORIES.map((c) => ({
            name: categoryLabel(t, c),
            value: figures.categories[c],
            itemStyle: { color: CATEGORY_COLORS[c] },
          })),
        },
        {
          // The centre: the rate and its label inside the hole, wrapped to the hole's width (the English label
          // drawn as one line used to run over the ring). A transparent, silent disc carries it, centred.
          type: 'pie',
          radius: ['0%', '46%'],
          center: ['50%', '45%'],
          silent: true,
          tooltip: { show: false },
          label: {
            position: 'center',
            // Lines broken here: ECharts' own breaking of rich text ran the rate and the label together.
            formatter: [
              `{rate|${formatRate(figures.orgCoverageRate)}}`,
              ...wrapWords(t('coverage.figures.orgCoverageRate'), 14).map((line) => `{name|${line}}`),
            ].join('\n'),
            rich: {
              rate: { fontSize: 18, fontWeight: 600, lineHeight: 24, color: '#c8161d' },
              name: { fontSize: 12, lineHeight: 16, color: '#c8161d' },
            },
          },
          itemStyle: { color: 'transparent' },
          data: [{ value: 1, name: '' }],
        },
      ],
    }),
    // `t` changes with the language, so the labels follow a switch.
    [figures, isPhone, t],
  )
  return (
    <Card size="small" title={t('coverage.categoriesTitle')} style={{ height: '100%' }}>
      <EChart
        data-testid="category-chart"
        aria-label={t('coverage.categoriesTitle')}
        option={option}
        height={isPhone ? 220 : 260}
        onClick={(e) => {
          const c = COVERAGE_CATEGORIES[e.dataIndex]
          if (c) onDrill(categoryLabel(t, c), [`category.${c}`])
        }}
      />
      <div className="tx-figure-grid" style={{ marginTop: 8 }}>
        {COVERAGE_CATEGORIES.map((c) => (
          <FigureTile
            key={c}
            testId={`figure-category.${c}`}
            label={
              <Flex component="span" gap={6} align="center">
                <span
                  style={{
                    width: 8,
                    height: 8,
                    borderRadius: 4,
                    background: CATEGORY_COLORS[c],
                    flex: 'none',
                  }}
                />
                {categoryLabel(t, c)}
              </Flex>
            }
            value={formatCount(figures.categories[c])}
            onOpen={() => onDrill(categoryLabel(t, c), [`category.${c}`])}
          />
        ))}
      </div>
      <Typography.Link
        data-testid="figure-instructor-overlay"
        style={{ display: 'inline-block', marginTop: 8 }}
        onClick={() => onDrill(t('coverage.figures.instructorSent'), ['instructorSent'])}
      >
        {t('coverage.instructorOverlay', { count: figures.instructorSent })}
      </Typography.Link>
    </Card>
  )
}

function KindsCard({ figures, scope }: Omit<Props, 'onDrill'>) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const kinds = useMemo(
    () => UNIT_KINDS.filter((k) => (figures.unitsByKind[k] ?? 0) > 0 || k === 'private'),
    [figures],
  )
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: kinds.map((k) => unitKindLabel(t, k)) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 28,
          itemStyle: { color: '#c8161d', borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right' },
          data: kinds.map((k) => figures.unitsByKind[k] ?? 0),
        },
      ],
    }),
    [figures, t, kinds],
  )
  // Units of a kind are a registry list filtered by kind (the coverage API has no per-kind drill).
  const area = scopeQuery(scope).area
  return (
    <Card size="small" title={t('coverage.kindsTitle')} style={{ height: '100%' }}>
      <EChart
        data-testid="kinds-chart"
        aria-label={t('coverage.kindsTitle')}
        option={option}
        height={Math.max(160, kinds.length * 48)}
        onClick={(e) => {
          const kind = kinds[e.dataIndex]
          if (kind) void navigate(`/units?kind=${kind}${area ? `&area=${area}` : ''}`)
        }}
      />
      {/* The same counts as text: readable by screen readers and easier to tap than a bar on a phone. */}
      <Flex wrap gap={12} data-testid="kinds-list">
        {kinds.map((k) => (
          <Link key={k} data-testid={`kind-${k}`} to={`/units?kind=${k}${area ? `&area=${area}` : ''}`}>
            {unitKindLabel(t, k)} {formatCount(figures.unitsByKind[k] ?? 0)}
          </Link>
        ))}
      </Flex>
    </Card>
  )
}

export function CoverageCharts(props: Props) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <CategoryCard figures={props.figures} onDrill={props.onDrill} />
      </Col>
      <Col xs={24} lg={10}>
        <KindsCard figures={props.figures} scope={props.scope} />
      </Col>
    </Row>
  )
}
