import { AppstoreOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { Card, Empty, Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { MODULES, moduleVisible } from '../../app/modules.tsx'
import { roleName, scopeLabel } from '../../components/grants.tsx'
import { useSession } from '../auth/session.ts'

export function HomePage() {
  const { t } = useTranslation()
  const me = useSession()
  const modules = MODULES.filter((m) => m.key !== 'home' && moduleVisible(me, m))
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} data-testid="home-greeting" style={{ margin: '0 0 4px' }}>
          {t('home.greeting', { name: me.account.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
      </div>
      <Card
        title={
          <Flex gap={8}>
            <SafetyCertificateOutlined />
            {t('home.grantsTitle')}
          </Flex>
        }
        data-testid="home-grants"
      >
        {me.grants.length === 0 ? (
          <Typography.Text type="secondary">{t('home.noGrants')}</Typography.Text>
        ) : (
          <Flex vertical gap={12} component="ul" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
            {me.grants.map((g) => (
              <Flex
                key={`${g.role}:${g.scopeType}:${g.scopeId ?? ''}`}
                component="li"
                gap={8}
                wrap
                align="center"
              >
                <Tag color="red" variant="outlined">
                  {roleName(t, g.role)}
                </Tag>
                <Typography.Text>{scopeLabel(t, g)}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      <Card
        title={
          <Flex gap={8}>
            <AppstoreOutlined />
            {t('home.modulesTitle')}
          </Flex>
        }
      >
        {modules.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.modulesEmpty')} />
        ) : (
          <div className="tx-figure-grid" data-testid="home-modules">
            {modules.map((m) => (
              <Link key={m.key} to={m.path}>
                <Card size="small" hoverable>
                  <Flex gap={8} align="center">
                    {m.icon}
                    <Typography.Text>{t(`nav.${m.key}`)}</Typography.Text>
                  </Flex>
                </Card>
              </Link>
            ))}
          </div>
        )}
      </Card>
    </Flex>
  )
}
