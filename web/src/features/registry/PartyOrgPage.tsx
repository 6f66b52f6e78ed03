import { ApartmentOutlined, EditOutlined } from '@ant-design/icons'
import type { PartyOrg } from '@tongxin/contracts'
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { orgTypeLabel } from '../../components/labels.tsx'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { hasPermission, useSession } from '../auth/session.ts'
import { usePartyOrg } from './api.ts'
import { DeleteButton } from './forms/DeleteButton.tsx'
import { PartyOrgForm } from './forms/PartyOrgForm.tsx'
import { HistoryList } from './HistoryList.tsx'
import { PeopleList } from './PeopleList.tsx'

function OrgActions({ org }: { org: PartyOrg }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [form, setForm] = useState<'edit' | 'child' | null>(null)
  return (
    <Flex gap={8} wrap>
      <Button icon={<EditOutlined />} onClick={() => setForm('edit')} data-testid="org-edit">
        {t('regForms.edit')}
      </Button>
      <Button icon={<ApartmentOutlined />} onClick={() => setForm('child')} data-testid="org-add-child">
        {t('regForms.org.addChild')}
      </Button>
      <DeleteButton
        route="DELETE /api/party-orgs/:id"
        id={org.id}
        version={org.version}
        name={org.name}
        onDeleted={() => void navigate('/party-orgs', { replace: true })}
        testId="org-delete"
      />
      {form === 'edit' && <PartyOrgForm open org={org} onClose={() => setForm(null)} />}
      {form === 'child' && (
        <PartyOrgForm
          open
          parent={org}
          onClose={() => setForm(null)}
          onSaved={(o) => void navigate(`/party-orgs/${o.id}`)}
        />
      )}
    </Flex>
  )
}

function Covers({ org }: { org: PartyOrg }) {
  const { t } = useTranslation()
  const { buildings, units } = org.covers
  if (buildings.length === 0 && units.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regForms.org.coversNothing')} />
  return (
    <Flex vertical gap={12} data-testid="org-covers">
      {buildings.length > 0 && (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('regForms.org.coversBuildings')}</Typography.Text>
          <Flex gap={6} wrap>
            {buildings.map((b) => (
              <Link key={b.id} to={`/buildings/${b.id}`}>
                <Tag color="volcano" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                  {b.name}
                </Tag>
              </Link>
            ))}
          </Flex>
        </Flex>
      )}
      {units.length > 0 && (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('regForms.org.coversUnits')}</Typography.Text>
          <Flex gap={6} wrap>
            {units.map((u) => (
              <Link key={u.id} to={`/units/${u.id}`}>
                <Tag style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>{u.name}</Tag>
              </Link>
            ))}
          </Flex>
        </Flex>
      )}
    </Flex>
  )
}

/** 党组织 page: its facts, what it covers and its members, kept true by its secretary or the area staff. */
export function PartyOrgPage() {
  const { t } = useTranslation()
  const me = useSession()
  const id = Number(useParams().id)
  const valid = Number.isInteger(id) && id > 0
  const org = usePartyOrg(id, valid)
  if (!valid) return <NotFound />
  if (org.isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (org.isError) return <LoadError error={org.error} onRetry={() => void org.refetch()} />
  const o = org.data
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-title">
            {o.name}
          </Typography.Title>
          <Flex gap={4} wrap>
            <Tag color="red">{orgTypeLabel(t, o.type)}</Tag>
            {o.hasCommittee && <Tag>{t('partyOrgs.committee')}</Tag>}
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          {hasPermission(me, 'orglife.read') && (
            <Link to={`/orglife/orgs/${o.id}`}>
              <Button data-testid="org-orglife">{t('nav.orglife')}</Button>
            </Link>
          )}
          {hasPermission(me, 'registry.write') && <OrgActions org={o} />}
        </Flex>
      </Flex>
      <Card size="small" title={t('buildings.facts')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          data-testid="org-facts"
          items={[
            {
              key: 'parent',
              label: t('partyOrgs.parent'),
              children: o.parentId ? <Link to={`/party-orgs/${o.parentId}`}>{o.parentName}</Link> : '—',
            },
            { key: 'area', label: t('partyOrgs.area'), children: o.areaName },
            { key: 'secretary', label: t('partyOrgs.secretary'), children: o.secretary?.name ?? '—' },
            { key: 'established', label: t('partyOrgs.established'), children: o.establishedOn ?? '—' },
            {
              key: 'members',
              label: t('partyOrgs.members'),
              children: `${o.formalMembers} / ${o.probationaryMembers}`,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('regForms.org.members')}>
            <PeopleList org={{ id: o.id, name: o.name }} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('partyOrgs.covers')}>
              <Covers org={o} />
            </Card>
            <HistoryList route="GET /api/party-orgs/:id/history" id={o.id} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  )
}
