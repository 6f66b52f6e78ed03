import { useQuery } from '@tanstack/react-query'
import { MAP_LAYERS, type MapLayer, type MapPoint } from '@tongxin/contracts'
import { Alert, Card, Checkbox, Flex, List, Space, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { AreaMap, LAYER_STYLE } from './AreaMap.tsx'
import { censusKeys } from './api.ts'

const isLayer = (l: string): l is MapLayer => MAP_LAYERS.includes(l as MapLayer)

/** Where a point leads: the building's page; a station is shown on its building's page. */
export function pointLink(p: MapPoint): string {
  if (p.layer === 'needs') return `/needs/${p.id}`
  if (p.layer === 'dutyPoints') return `/volunteer-coordination/points/${p.id}/qr`
  if (p.layer === 'stations') return `/buildings/${p.buildingId}`
  return `/buildings/${p.id}`
}

/**
 * 楼宇地图: an area's buildings, stations, duty points and open needs on Shanghai's district outlines. The
 * layers shown are in the address (`?area=…&layers=…`), so a view can be shared; the server answers only
 * what the caller may read (needs to staff who manage them).
 */
export function MapPage() {
  const { t } = useTranslation()
  const me = useSession()
  const navigate = useNavigate()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [params, setParams] = useSearchParams()
  const area = params.get('area') ?? defaultScope(me).area ?? '310000'
  const shownKey = params.get('layers') ?? MAP_LAYERS.join(',')
  const shown = useMemo(() => shownKey.split(',').filter(isLayer), [shownKey])
  const set = (next: { area?: string; layers?: MapLayer[] }) => {
    const p = new URLSearchParams(params)
    if (next.area) p.set('area', next.area)
    if (next.layers) p.set('layers', next.layers.join(','))
    setParams(p, { replace: true })
  }
  // One request for every layer; the filter only hides, so toggling is instant and counts stay comparable.
  const map = useQuery({
    queryKey: censusKeys.map(area),
    queryFn: ({ signal }) => call('GET /api/map', { query: { area }, signal }),
  })
  const layerNames = useMemo(
    () =>
      Object.fromEntries(MAP_LAYERS.map((l) => [l, t(`census.map.layers.${l}`)])) as Record<MapLayer, string>,
    [t],
  )
  const answered = map.data?.layers ?? []
  const points = useMemo(
    () => (map.data?.points ?? []).filter((p) => shown.includes(p.layer)),
    [map.data, shown],
  )
  const unplaced = answered
    .filter((l) => shown.includes(l) && (map.data?.unplaced[l] ?? 0) > 0)
    .map((l) => t('census.map.unplacedOne', { layer: layerNames[l], n: map.data?.unplaced[l] }))

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('census.map.title')}
      </Typography.Title>
      <Flex gap={12} wrap align="center">
        <AreaCascader value={area} onChange={(a) => a && set({ area: a })} width={isPhone ? '100%' : 280} />
        <Checkbox.Group
          value={shown}
          onChange={(v) => set({ layers: v as MapLayer[] })}
          data-testid="map-layers"
          options={MAP_LAYERS.filter((l) => answered.includes(l)).map((l) => ({
            value: l,
            label: (
              <Space size={4} data-testid={`map-layer-${l}`}>
                <span
                  aria-hidden
                  style={{ display: 'inline-block', width: 10, height: 10, background: LAYER_STYLE[l].color }}
                />
                {`${layerNames[l]} (${map.data?.points.filter((p) => p.layer === l).length ?? 0})`}
              </Space>
            ),
          }))}
        />
      </Flex>
      {map.error && <Alert type="error" showIcon message={(map.error as Error).message} />}
      <Card size="small" styles={{ body: { padding: 4 } }}>
        <AreaMap
          points={points}
          layerNames={layerNames}
          height={isPhone ? 360 : 560}
          label={t('census.map.label', { area: map.data?.area.name ?? '', n: points.length })}
          onOpen={(p) => navigate(pointLink(p))}
        />
      </Card>
      {unplaced.length > 0 && (
        <Typography.Text type="secondary" data-testid="map-unplaced">
          {t('census.map.unplaced', { list: unplaced.join(t('census.map.join')) })}
        </Typography.Text>
      )}
      <List
        size="small"
        bordered
        header={t('census.map.list', { n: points.length })}
        dataSource={points}
        pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
        data-testid="map-list"
        renderItem={(p) => (
          <List.Item>
            <Space size={6} wrap>
              <span aria-hidden style={{ color: LAYER_STYLE[p.layer].color }}>
                ●
              </span>
              <Typography.Text type="secondary">{layerNames[p.layer]}</Typography.Text>
              <Link to={pointLink(p)}>{p.name}</Link>
              {p.layer !== 'buildings' && p.buildingName && (
                <Typography.Text type="secondary">· {p.buildingName}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Flex>
  )
}
