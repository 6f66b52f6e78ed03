import { ApartmentOutlined, BankOutlined, CrownOutlined, FlagOutlined, HomeOutlined } from '@ant-design/icons'
import type { Alliance } from '@tongxin/contracts'
import { Card, Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

type Member = NonNullable<Alliance['members']>[number]

export const KIND_COLOR: Record<Alliance['kind'], string> = {
  alliance: 'blue',
  branch_chapter: 'purple',
  federation: 'green',
}

/** How many members a card lists before it sends the reader to the alliance's page. */
const SHOWN = 8

export function KindTag({ kind }: { kind: Alliance['kind'] }) {
  const { t } = useTranslation()
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }} data-testid="alliance-kind">
      {t(`exchange.alliance.kinds.${kind}`)}
    </Tag>
  )
}

/** One member on a line: a party organisation with its type, a building or a unit; the lead marked. */
export function MemberLine({ m }: { m: Member }) {
  const { t } = useTranslation()
  const icon = m.partyOrgId ? <FlagOutlined /> : m.buildingId ? <HomeOutlined /> : <BankOutlined />
  return (
    <Flex gap={6} align="center" wrap style={{ minWidth: 0 }} data-testid="alliance-card-member">
      {icon}
      <Typography.Text style={{ minWidth: 0 }} ellipsis={{ tooltip: m.name }}>
        {m.name}
      </Typography.Text>
      {m.orgType && (
        <Tag style={{ marginInlineEnd: 0 }} data-testid="member-org-type">
          {t(`orgTypes.${m.orgType}`)}
        </Tag>
      )}
      {m.role !== 'member' && (
        <Tag
          icon={m.role === 'lead' ? <CrownOutlined /> : undefined}
          color={m.role === 'lead' ? 'gold' : undefined}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`exchange.alliance.roleShort.${m.role}`)}
        </Tag>
      )}
    </Flex>
  )
}

/**
 * An alliance in the list: its kind, the body it sits under and those under it, its members and its three
 * lists (each count opens the catalogue filtered to this alliance).
 */
export function AllianceCard({ alliance: a, below }: { alliance: Alliance; below: Alliance[] }) {
  const { t } = useTranslation()
  const members = a.members ?? []
  const lists = ['service', 'resource', 'activity'] as const
  return (
    <Card
      size="small"
      data-testid="alliance-card"
      data-alliance={a.name}
      title={
        <Link to={`/alliances/${a.id}`} data-testid="alliance-link" style={{ whiteSpace: 'normal' }}>
          {a.name}
        </Link>
      }
      extra={<KindTag kind={a.kind} />}
      styles={{ header: { paddingBlock: 8 } }}
    >
      <Flex vertical gap={8}>
        {(a.parentId || below.length > 0) && (
          <Flex gap={6} wrap align="center">
            {a.parentId && a.parentName && (
              <Typography.Text type="secondary" data-testid="alliance-parent">
                <ApartmentOutlined /> {t('exchange.alliance.parent')}{' '}
                <Link to={`/alliances/${a.parentId}`}>{a.parentName}</Link>
              </Typography.Text>
            )}
            {below.length > 0 && (
              <Typography.Text type="secondary" data-testid="alliance-children">
                {t('exchange.alliance.children')}{' '}
                {below.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && '、'}
                    <Link to={`/alliances/${c.id}`}>{c.name}</Link>
                  </span>
                ))}
              </Typography.Text>
            )}
          </Flex>
        )}
        {a.description && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {a.description}
          </Typography.Paragraph>
        )}
        <Flex gap={6} wrap data-testid="alliance-lists">
          {lists.map((list) => (
            <Link
              key={list}
              to={`/lists?list=${list}&alliance=${a.id}`}
              data-testid={`alliance-list-${list}`}
            >
              <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
                {t(`exchange.lists.${list}`)} {a.figures.offerings[list]}
              </Tag>
            </Link>
          ))}
        </Flex>
        <div>
          <Typography.Text strong>
            {t('exchange.alliance.membersTitle')}{' '}
            <Typography.Text type="secondary">{members.length}</Typography.Text>
          </Typography.Text>
          {members.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('exchange.alliance.noMembers')}
            </Typography.Paragraph>
          ) : (
            <Flex vertical gap={4} style={{ marginTop: 4 }} data-testid="alliance-card-members">
              {members.slice(0, SHOWN).map((m) => (
                <MemberLine key={m.id} m={m} />
              ))}
              {members.length > SHOWN && (
                <Link to={`/alliances/${a.id}`}>
                  {t('exchange.alliance.moreMembers', { count: members.length - SHOWN })}
                </Link>
              )}
            </Flex>
          )}
        </div>
      </Flex>
    </Card>
  )
}
