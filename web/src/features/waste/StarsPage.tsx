import { ExportOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Empty, Flex, Select, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { call } from '../../lib/api.ts'
import { usePatrolRoutes, wasteKeys } from './api.ts'
import { FloorTrend } from './FloorTrend.tsx'
import { RecognitionNote } from './StarsView.tsx'
import { StarList } from './StarTable.tsx'

/** 楼层示范分类星级: a building's floors by stars, with one floor's trend. */
export function StarsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const routes = usePatrolRoutes()
  const buildings = useMemo(() => {
    const m = new Map<number, string>()
    for (const r of routes.data ?? []) m.set(r.buildingId, r.buildingName)
    return [...m]
  }, [routes.data])
  const buildingId = Number(params.get('building')) || buildings[0]?.[0]
  const stars = useQuery({
    queryKey: wasteKeys.buildingStars(buildingId),
    enabled: Boolean(buildingId),
    queryFn: ({ signal }) =>
      call('GET /api/waste/buildings/:id/stars', { params: { id: buildingId! }, signal }),
  })
  const [floor, setFloor] = useState<number>()
  const shown =
    stars.data?.floors.find((f) => f.floor === floor) ?? stars.data?.floors.find((f) => f.patrols > 0)

  if (routes.isPending) return <Card loading />
  if (!buildings.length) return <Empty description={t('waste.patrol.noRoutes')} />
  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('waste.stars.title')}
        </Typography.Title>
        {buildingId && (
          <Link to={`/board/waste/${buildingId}`} target="_blank">
            <ExportOutlined /> {t('waste.stars.board')}
          </Link>
        )}
      </Flex>
      <Select
        value={buildingId}
        onChange={(id) => setParams({ building: String(id) })}
        options={buildings.map(([id, name]) => ({ value: id, label: name }))}
        style={{ maxWidth: 360 }}
      />
      {stars.error && <Alert type="error" showIcon title={stars.error.message} />}
      {stars.data && (
        <>
          <RecognitionNote data={stars.data} />
          {shown && (
            <Card
              size="small"
              title={t('waste.stars.trend', { floor: shown.floor })}
              extra={
                <Select
                  size="small"
                  value={shown.floor}
                  onChange={setFloor}
                  style={{ width: 100 }}
                  options={stars.data.floors.map((f) => ({
                    value: f.floor,
                    label: t('waste.patrol.floor', { floor: f.floor }),
                  }))}
                />
              }
            >
              <FloorTrend floor={shown} />
            </Card>
          )}
          <StarList data={stars.data} />
        </>
      )}
    </Flex>
  )
}
