import {
  ApartmentOutlined,
  ArrowLeftOutlined,
  BankOutlined,
  CrownOutlined,
  PartitionOutlined,
} from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Alliance, Me } from '@tongxin/contracts'
import { Alert, Button, Card, Col, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { formatCount } from '../../lib/format.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { FigureTile } from '../coverage/FigureCards.tsx'
import { AllianceCard, KIND_COLOR, KindTag, MemberLine } from './AllianceCard.tsx'
import { exchangeKeys, useAlliances } from './api.ts'

type Member = NonNullable<Alliance['members']>[number]

/** The figure tiles of an alliance; the list counts open the catalogue filtered to this alliance. */
function AllianceFigures({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = alliance.figures
  const lists = (list: string) => () => navigate(`/lists?list=${list}&alliance=${alliance.id}`)
  const tiles: { key: string; label: string; value: string; onOpen?: () => void; accent?: boolean }[] = [
    { key: 'members', label: t('exchange.alliance.figures.members'), value: formatCount(f.members) },
    {
      key: 'chiefs',
      label: t('exchange.alliance.figures.chiefs'),
      value: `${formatCount(f.buildingsWithChief)}/${formatCount(f.buildingMembers)}`,
      accent: f.buildingMembers > 0 && f.buildingsWithChief === f.buildingMembers,
    },
    {
      key: 'service',
      label: t('exchange.lists.service'),
      value: formatCount(f.offerings.service),
      onOpen: lists('service'),
    },
    {
      key: 'resource',
      label: t('exchange.lists.resource'),
      value: formatCount(f.offerings.resource),
      onOpen: lists('resource'),
    },
    {
      key: 'activity',
      label: t('exchange.lists.activity'),
      value: formatCount(f.offerings.activity),
      onOpen: lists('activity'),
    },
    {
      key: 'needsServed',
      label: t('exchange.alliance.figures.needsServed'),
      value: formatCount(f.needsServed),
    },
  ]
  return (
    <div className="tx-figure-grid">
      {tiles.map((tile) => (
        <FigureTile
          key={tile.key}
          testId={`alliance-figure-${tile.key}`}
          label={tile.label}
          value={tile.value}
          accent={tile.accent}
          onOpen={tile.onOpen ?? (() => navigate(`/alliances/${alliance.id}`))}
        />
      ))}
    </div>
  )
}

/** Whether an alliance's area meets one of the caller's: theirs, above theirs or inside it (codes nest). */
function nearMe(me: Me, areaCode: string) {
  return me.grants.some(
    (g) =>
      g.scopeType === 'city' ||
      (g.scopeType === 'area' &&
        g.scopeId !== null &&
        (areaCode.startsWith(g.scopeId) || g.scopeId.startsWith(areaCode))),
  )
}

/**
 * 党建联盟: every alliance, grouped by area (the caller's own areas first). An area may run several, each
 * with its kind, the body it sits under and those under it, its members and its three lists.
 */
export function AlliancesPage() {
  const { t } = useTranslation()
  const me = useSession()
  const alliances = useAlliances()
  const items = alliances.data?.items ?? []
  const groups = new Map<string, { code: string; name: string; items: Alliance[] }>()
  for (const a of items) {
    const g = groups.get(a.areaCode) ?? { code: a.areaCode, name: a.areaName, items: [] }
    g.items.push(a)
    groups.set(a.areaCode, g)
  }
  const ordered = [...groups.values()].sort(
    (x, y) => Number(nearMe(me, y.code)) - Number(nearMe(me, x.code)) || x.code.localeCompare(y.code),
  )
  const childrenOf = (id: number) => items.filter((c) => c.parentId === id)
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exchange.alliance.title')}
      </Typography.Title>
      {alliances.error && <Alert type="error" showIcon title={alliances.error.message} />}
      {alliances.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('exchange.alliance.empty')} />
      ) : (
        ordered.map((g) => (
          <section key={g.code} data-testid="alliance-area" data-area={g.code}>
            <Flex gap={8} align="baseline" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {g.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('exchange.alliance.inArea', { count: g.items.length })}
              </Typography.Text>
            </Flex>
            <Row gutter={[12, 12]}>
              {g.items.map((a) => (
                <Col key={a.id} xs={24} lg={12} xxl={8}>
                  <AllianceCard alliance={a} below={childrenOf(a.id)} />
                </Col>
              ))}
            </Row>
          </section>
        ))
      )}
    </Flex>
  )
}

function MemberGroup({
  title,
  icon,
  members,
  testId,
  render,
}: {
  title: string
  icon: ReactNode
  members: Member[]
  testId: string
  render: (m: Member) => ReactNode
}) {
  if (members.length === 0) return null
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center">
          {icon}
          {title}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {members.length}
          </Typography.Text>
        </Flex>
      }
    >
      <List<Member>
        size="small"
        dataSource={members}
        renderItem={(m) => <List.Item key={m.id}>{render(m)}</List.Item>}
      />
    </Card>
  )
}

/** One alliance: who leads, who coordinates, the member buildings with their 楼长, and what they offer. */
export function AlliancePage() {
  const { t } = useTranslation()
  const me = useSession()
  const canOpenBuildings = hasPermission(me, 'registry.read')
  const isPhone = useMediaQuery(PHONE_QUERY)
  const id = Number(useParams().id)
  const valid = Number.isInteger(id) && id > 0
  const alliance = useQuery({
    queryKey: exchangeKeys.alliance(id),
    queryFn: ({ signal }) => call('GET /api/alliances/:id', { params: { id }, signal }),
    enabled: valid,
  })
  // Those under it come from the list (shared with the list page's cache).
  const all = useAlliances(valid)
  const below = (all.data?.items ?? []).filter((c) => c.parentId === id)
  if (!valid) return <NotFound />
  if (alliance.isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (alliance.isError) return <LoadError error={alliance.error} onRetry={() => void alliance.refetch()} />
  const a = alliance.data
  const members = a.members ?? []
  const byRole = (role: Member['role']) => members.filter((m) => m.role === role)
  const unitName = (m: Member) => <Typography.Text>{m.name}</Typography.Text>

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="flex-start">
        <Link to="/alliances" aria-label={t('exchange.alliance.title')}>
          <Button type="text" icon={<ArrowLeftOutlined />} />
        </Link>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="alliance-title">
            {a.name}
          </Typography.Title>
          <Flex gap={6} wrap>
            <KindTag kind={a.kind} />
            <Tag style={{ marginInlineEnd: 0 }}>{a.areaName}</Tag>
            {a.foundedOn && (
              <Tag style={{ marginInlineEnd: 0 }}>
                {t('exchange.alliance.founded', { date: a.foundedOn })}
              </Tag>
            )}
          </Flex>
        </Flex>
      </Flex>
      {(a.parentId || below.length > 0) && (
        <Flex vertical gap={4}>
          {a.parentId && a.parentName && (
            <Typography.Text data-testid="alliance-parent">
              <ApartmentOutlined /> {t('exchange.alliance.parent')}{' '}
              <Link to={`/alliances/${a.parentId}`}>{a.parentName}</Link>
            </Typography.Text>
          )}
          {below.length > 0 && (
            <Flex gap={6} wrap align="center" data-testid="alliance-children">
              <Typography.Text>{t('exchange.alliance.children')}</Typography.Text>
              {below.map((c) => (
                <Link key={c.id} to={`/alliances/${c.id}`}>
                  <Tag color={KIND_COLOR[c.kind]} style={{ marginInlineEnd: 0 }}>
                    {c.name}
                  </Tag>
                </Link>
              ))}
            </Flex>
          )}
        </Flex>
      )}
      {a.description && <Typography.Paragraph style={{ margin: 0 }}>{a.description}</Typography.Paragraph>}
      <Card size="small" title={t('exchange.alliance.figuresTitle')}>
        <AllianceFigures alliance={a} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            <MemberGroup
              testId="alliance-lead"
              title={t('exchange.alliance.roles.lead')}
              icon={<CrownOutlined />}
              members={byRole('lead')}
              render={unitName}
            />
            <MemberGroup
              testId="alliance-coordinating"
              title={t('exchange.alliance.roles.coordinating')}
              icon={<PartitionOutlined />}
              members={byRole('coordinating')}
              render={unitName}
            />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <MemberGroup
            testId="alliance-members"
            title={t('exchange.alliance.roles.member')}
            icon={<BankOutlined />}
            members={byRole('member')}
            render={(m) =>
              m.partyOrgId ? (
                <div data-testid="alliance-member-org" style={{ width: '100%' }}>
                  <MemberLine m={m} />
                </div>
              ) : (
                <Flex
                  vertical={isPhone}
                  justify="space-between"
                  align={isPhone ? 'flex-start' : 'center'}
                  gap={isPhone ? 2 : 8}
                  style={{ width: '100%' }}
                  data-testid={m.buildingId ? 'alliance-member-building' : 'alliance-member-unit'}
                >
                  {m.buildingId && canOpenBuildings ? (
                    <Link to={`/buildings/${m.buildingId}`}>{m.name}</Link>
                  ) : (
                    <Typography.Text>{m.name}</Typography.Text>
                  )}
                  {m.buildingId &&
                    (m.chief ? (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="member-chief">
                        {t('exchange.alliance.chief', { name: m.chief })}
                      </Typography.Text>
                    ) : (
                      <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                        {t('buildings.noChief')}
                      </Tag>
                    ))}
                </Flex>
              )
            }
          />
        </Col>
      </Row>
    </Flex>
  )
}
