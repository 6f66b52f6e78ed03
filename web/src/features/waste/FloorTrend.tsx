import type { FloorStars } from '@tongxin/contracts'
import { useTranslation } from 'react-i18next'
import { EChart } from '../../components/EChart.tsx'

/** A floor's share sorted right per patrol, and its stars after each, over time. */
export function FloorTrend({ floor }: { floor: FloorStars }) {
  const { t } = useTranslation()
  return (
    <EChart
      height={260}
      data-testid="waste-trend"
      aria-label={t('waste.stars.trend', { floor: floor.floor })}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 40, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: floor.trend.map((p) => p.date.slice(5)) },
        yAxis: [
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
          { type: 'value', min: 0, max: 5, interval: 1, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('waste.stars.rate'),
            type: 'line',
            smooth: true,
            data: floor.trend.map((p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10)),
          },
          {
            name: t('waste.stars.stars'),
            type: 'line',
            step: 'end',
            yAxisIndex: 1,
            data: floor.trend.map((p) => p.stars),
          },
        ],
      }}
    />
  )
}
