import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { roleName, scopeLabel } from '../../components/grants.tsx'
import { currentLanguage } from '../../i18n/index.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { ActionList } from './ActionList.tsx'
import { useWorkbench } from './api.ts'
import { FigureStrip } from './FigureStrip.tsx'
import { NextList } from './NextList.tsx'
import { NEUTRAL } from './tones.ts'

const today = (lang: string) =>
  new Intl.DateTimeFormat(lang, {
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    timeZone: 'Asia/Shanghai',
  }).format(new Date())

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId} styles={{ body: { padding: 12 } }}>
      {children}
    </Card>
  )
}

function Grants() {
  const { t } = useTranslation()
  const me = useSession()
  return (
    <Card
      size="small"
      title={
        <Flex gap={8}>
          <SafetyCertificateOutlined aria-hidden />
          {t('workbench.grantsTitle')}
        </Flex>
      }
      data-testid="home-grants"
    >
      {me.grants.length === 0 ? (
        <Typography.Text style={{ color: NEUTRAL }}>{t('home.noGrants')}</Typography.Text>
      ) : (
        <Flex vertical gap={8} component="ul" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
          {me.grants.map((g) => (
            <Flex
              key={`${g.role}:${g.scopeType}:${g.scopeId ?? ''}`}
              component="li"
              gap={8}
              wrap
              align="center"
            >
              <Tag style={{ marginInlineEnd: 0 }}>{roleName(t, g.role)}</Tag>
              <Typography.Text>{scopeLabel(t, g)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  )
}

/**
 * Home is the caller's workbench: what waits for them now, what is next, the figures of their scope. One
 * request; the server decides which cards a role gets, from the session's grants.
 */
export function HomePage() {
  const { t, i18n } = useTranslation()
  const me = useSession()
  const workbench = useWorkbench(i18n.language)
  const data = workbench.data
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1200 }}>
      <div>
        <Typography.Title level={3} data-testid="home-greeting" style={{ margin: '0 0 2px' }}>
          {t('home.greeting', { name: me.account.displayName })}
        </Typography.Title>
        <Typography.Text style={{ color: NEUTRAL }}>{today(currentLanguage())}</Typography.Text>
      </div>
      {workbench.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('workbench.loadFailed')}
          description={workbench.error.message}
          action={
            <Button size="small" onClick={() => void workbench.refetch()}>
              {t('workbench.retry')}
            </Button>
          }
        />
      )}
      {!data && !workbench.isError && <Skeleton active paragraph={{ rows: 6 }} />}
      {data && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <Section title={t('workbench.actionsTitle')} testId="workbench-actions-section">
                <ActionList actions={data.actions} />
              </Section>
            </Col>
            <Col xs={24} lg={10}>
              <Section title={t('workbench.nextTitle')} testId="workbench-next-section">
                <NextList items={data.next} />
              </Section>
            </Col>
          </Row>
          {data.figures.length > 0 && (
            <Section title={t('workbench.figuresTitle')} testId="workbench-figures-section">
              <FigureStrip figures={data.figures} />
              {hasPermission(me, 'census.snapshot') &&
                data.figures.some((f) => f.key === 'orgCoverageRate' && f.previous === null) && (
                  <Typography.Paragraph style={{ margin: '8px 0 0', fontSize: 12, color: NEUTRAL }}>
                    {/* A hint, not a warning: the link keeps the text's grey, not the brand's red. */}
                    <Link to="/coverage" style={{ color: 'inherit', textDecoration: 'underline' }}>
                      {t('workbench.noTrend')}
                    </Link>
                  </Typography.Paragraph>
                )}
            </Section>
          )}
        </>
      )}
      <Grants />
    </Flex>
  )
}
