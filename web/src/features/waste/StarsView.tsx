import type { BuildingStars, FloorStars } from '@tongxin/contracts'
import { Flex, Rate, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { EChart } from '../../components/EChart.tsx'

export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

/** The star list: every floor on the routes, its stars (or "not yet rated") and the share right behind them. */
export function StarList({ data, big }: { data: BuildingStars; big?: boolean }) {
  const { t } = useTranslation()
  return (
    <Table<FloorStars>
      rowKey="floor"
      size={big ? 'large' : 'small'}
      pagination={false}
      dataSource={data.floors}
      data-testid="waste-star-list"
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('waste.stars.floor'),
          dataIndex: 'floor',
          render: (f: number) => (
            <strong style={{ fontSize: big ? 24 : undefined }}>
              {t('waste.patrol.floor', { floor: f })}
            </strong>
          ),
        },
        {
          title: t('waste.stars.stars'),
          dataIndex: 'stars',
          render: (s: number | null) =>
            s === null ? (
              <Typography.Text type="secondary">{t('waste.stars.notYet')}</Typography.Text>
            ) : (
              <Rate disabled value={s} style={{ fontSize: big ? 28 : 16 }} />
            ),
        },
        { title: t('waste.stars.rate'), dataIndex: 'rate', render: pct },
        { title: t('waste.stars.patrols'), dataIndex: 'patrols' },
      ]}
    />
  )
}

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

export function RecognitionNote({ data }: { data: BuildingStars }) {
  const { t } = useTranslation()
  const th = data.rule.starThresholds
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{t('waste.stars.recognition')}</Typography.Text>
      <Typography.Text type="secondary">
        {t('waste.stars.ruleText', {
          window: data.rule.starWindow,
          five: pct(th[4] ?? null),
          four: pct(th[3] ?? null),
        })}
      </Typography.Text>
      {data.demonstration && (
        <Tag color="green" style={{ alignSelf: 'flex-start' }}>
          {t('waste.stars.demonstration', { date: data.demonstration.designatedOn })}
        </Tag>
      )}
    </Flex>
  )
}
