import { useQuery } from '@tanstack/react-query'
import type { WishWallItem } from '@tongxin/contracts'
import { Alert, Flex, Spin, Tag } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Outcome, Panel, Paragraph, Text, Title } from '../../components/Light.tsx'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'

const STATE_COLOUR: Record<WishWallItem['state'], string> = {
  open: 'orange',
  claimed: 'blue',
  delivered: 'cyan',
  confirmed: 'green',
}

/**
 * 心愿墙: a building's or a street's small wishes, for anyone (opened from a QR code in the lobby). Phone
 * first; light components only, to stay within the public pages' budget. It shows what the API gives a
 * stranger: the wish, where, the day and how far it got — never who wished it.
 */
export function WishWallPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const building = params.get('building')
  const area = params.get('area')
  const query = building ? { building: Number(building) } : area ? { area } : null
  const wall = useQuery({
    queryKey: exchangeKeys.wishWall(building, area),
    queryFn: ({ signal }) => call('GET /api/wishes/wall', { query: query!, signal }),
    enabled: query !== null,
  })
  useEffect(() => {
    if (wall.data) document.title = t('exchange.wish.wallTitle', { place: wall.data.place })
  }, [wall.data, t])
  return (
    <div
      style={{ maxWidth: 960, margin: '0 auto', padding: 'clamp(12px, 3vw, 32px)', boxSizing: 'border-box' }}
    >
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <LanguageSwitch size="small" />
      </Flex>
      {query === null && <Outcome status="info" title={t('exchange.wish.noPlace')} />}
      {wall.isPending && query !== null && <Spin size="large" />}
      {wall.error && <Alert type="error" showIcon title={wall.error.message} />}
      {wall.data && (
        <Flex vertical gap={12} data-testid="wish-wall">
          <Title level={2} style={{ margin: 0 }}>
            {t('exchange.wish.wallTitle', { place: wall.data.place })}
          </Title>
          <Paragraph type="secondary" style={{ margin: 0 }}>
            {t('exchange.wish.wallIntro')}
          </Paragraph>
          <Text strong data-testid="wish-counts">
            {t('exchange.wish.counts', wall.data.counts)}
          </Text>
          {wall.data.items.length === 0 && <Text type="secondary">{t('exchange.wish.wallEmpty')}</Text>}
          <div
            style={{
              display: 'grid',
              gap: 12,
              gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
            }}
          >
            {wall.data.items.map((w) => (
              <Panel
                key={w.id}
                data-testid="wish-card"
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              >
                <Flex justify="space-between" align="center" gap={8}>
                  <Tag color={STATE_COLOUR[w.state]} data-testid="wish-state" data-state={w.state}>
                    {t(`exchange.wish.wallStates.${w.state}`)}
                  </Tag>
                  <Text type="secondary" style={{ fontSize: 12 }}>
                    {t('exchange.wish.postedOn', { date: w.postedOn })}
                  </Text>
                </Flex>
                <Text style={{ fontSize: 16, overflowWrap: 'anywhere' }}>{w.description}</Text>
                <Text type="secondary" style={{ fontSize: 12 }}>
                  {[w.areaName, w.buildingName].filter(Boolean).join(' · ')}
                  {w.claimedBy ? ` · ${t('exchange.wish.claimedBy', { name: w.claimedBy })}` : ''}
                </Text>
              </Panel>
            ))}
          </div>
        </Flex>
      )}
    </div>
  )
}
