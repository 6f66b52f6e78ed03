import type { BuildingStars, FloorStars } from '@tongxin/contracts'
import { Rate, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { Text } from '../../components/Light.tsx'
import { pct } from './StarsView.tsx'

/** The star list: every floor on the routes, its stars (or "not yet rated") and the share right behind them. */
export function StarList({ data }: { data: BuildingStars }) {
  const { t } = useTranslation()
  return (
    <Table<FloorStars>
      rowKey="floor"
      size="small"
      pagination={false}
      dataSource={data.floors}
      data-testid="waste-star-list"
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('waste.stars.floor'),
          dataIndex: 'floor',
          render: (f: number) => <strong>{t('waste.patrol.floor', { floor: f })}</strong>,
        },
        {
          title: t('waste.stars.stars'),
          dataIndex: 'stars',
          render: (s: number | null) =>
            s === null ? (
              <Text type="secondary">{t('waste.stars.notYet')}</Text>
            ) : (
              <Rate disabled value={s} style={{ fontSize: 16 }} />
            ),
        },
        { title: t('waste.stars.rate'), dataIndex: 'rate', render: pct },
        { title: t('waste.stars.patrols'), dataIndex: 'patrols' },
      ]}
    />
  )
}
