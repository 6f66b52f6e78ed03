import { DownloadOutlined } from '@ant-design/icons'
import type { GapRule } from '@tongxin/contracts'
import { Button, Card, Flex, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { GapList } from './GapList.tsx'
import { Proposals } from './Proposals.tsx'

export function GapsPage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [params, setParams] = useSearchParams()
  const area = params.get('area') ?? defaultScope(me).area
  const rule = (params.get('rule') as GapRule | null) ?? undefined
  const tab = params.get('tab') === 'proposals' ? 'proposals' : 'gaps'
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    setParams(next, { replace: true })
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('gaps.title')}
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          data-testid="gaps-export"
          href={`/api/exports/gaps?${new URLSearchParams({ ...(area ? { area } : {}), ...(rule ? { rule } : {}) })}`}
        >
          {t('gaps.export')}
        </Button>
      </Flex>
      <Card>
        <Flex vertical gap={8}>
          <AreaCascader value={area} onChange={(a) => update({ area: a })} width={isPhone ? '100%' : 280} />
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key === 'proposals' ? key : undefined })}
            items={[
              {
                key: 'gaps',
                label: <span data-testid="tab-gaps">{t('gaps.tabGaps')}</span>,
                children: <GapList area={area} rule={rule} onRule={(r) => update({ rule: r })} />,
              },
              {
                key: 'proposals',
                label: <span data-testid="tab-proposals">{t('gaps.tabProposals')}</span>,
                children: <Proposals area={area} />,
              },
            ]}
          />
        </Flex>
      </Card>
    </Flex>
  )
}
