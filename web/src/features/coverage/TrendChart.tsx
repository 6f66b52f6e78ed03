import type { CoverageFigures, Snapshot } from '@tongxin/contracts'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { EChart, type EChartOption } from '../../components/EChart.tsx'
import { figureLabel } from '../../components/labels.tsx'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'

const COUNTS = ['operatingUnits', 'members', 'buildingsInScope'] as const
const RATES = ['orgCoverageRate', 'ownOrgRate', 'chiefCoverageRate', 'under35Share'] as const

/** Key figures across the snapshots and today: counts on the left axis, rates (%) on the right. */
export function TrendChart({ snapshots, current }: { snapshots: Snapshot[]; current: CoverageFigures }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const option = useMemo<EChartOption>(() => {
    const points = [
      ...snapshots.map((s) => ({ label: s.label ? `${s.label}\n${s.takenOn}` : s.takenOn, f: s.figures })),
      { label: t('coverage.snapshots.now'), f: current },
    ]
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, top: isPhone ? 64 : 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: [
        { type: 'value', name: t('coverage.snapshots.counts'), minInterval: 1 },
        {
          type: 'value',
          name: t('coverage.snapshots.rates'),
          min: 0,
          max: 100,
          axisLabel: { formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        ...COUNTS.map((key) => ({
          name: figureLabel(t, key),
          type: 'line',
          yAxisIndex: 0,
          data: points.map((p) => p.f[key]),
        })),
        ...RATES.map((key) => ({
          name: figureLabel(t, key),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          data: points.map((p) => Math.round(p.f[key] * 1000) / 10),
        })),
      ],
    }
  }, [snapshots, current, t, isPhone])
  return (
    <EChart
      data-testid="trend-chart"
      aria-label={t('coverage.snapshots.trend')}
      option={option}
      height={isPhone ? 300 : 320}
    />
  )
}
