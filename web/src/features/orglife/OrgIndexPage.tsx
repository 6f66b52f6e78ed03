import { Card, Empty, Flex, List, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useSession } from '../auth/session.ts'
import { RemoteSelect } from '../registry/forms/RemoteSelect.tsx'

/** 组织生活: the organisations the caller keeps; a secretary of one organisation goes straight to it. */
export function OrgIndexPage() {
  const { t } = useTranslation()
  const me = useSession()
  const navigate = useNavigate()
  const mine = me.grants.filter((g) => g.role === 'secretary' && g.scopeType === 'party_org' && g.scopeId)
  const staff = me.grants.some((g) => g.scopeType === 'city' || g.scopeType === 'area')
  useEffect(() => {
    if (mine.length === 1 && !staff) void navigate(`/orglife/orgs/${mine[0]!.scopeId}`, { replace: true })
  }, [mine, staff, navigate])
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orglife.index.title')}
        </Typography.Title>
        <Link to="/orglife/rules" data-testid="orglife-rules-link">
          {t('orglife.rules.link')}
        </Link>
      </Flex>
      {staff && (
        <Card size="small" title={t('orglife.index.find')}>
          <RemoteSelect
            route="GET /api/party-orgs"
            label={(o) => o.name}
            placeholder={t('orglife.index.findHint')}
            testId="orglife-find-org"
            onChange={(id) => id && void navigate(`/orglife/orgs/${id}`)}
          />
        </Card>
      )}
      <Card size="small" title={t('orglife.index.mine')}>
        {mine.length === 0 ? (
          <Empty description={t('orglife.index.none')} />
        ) : (
          <List
            dataSource={mine}
            renderItem={(g) => (
              <List.Item>
                <Link to={`/orglife/orgs/${g.scopeId}`}>{g.scopeName ?? `#${g.scopeId}`}</Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  )
}
