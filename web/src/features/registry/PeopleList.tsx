import { EditOutlined, UserAddOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import type { Person } from '@tongxin/contracts'
import { App, Button, Flex, type TableProps, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { RowCard } from '../../components/RowCard.tsx'
import { call } from '../../lib/api.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { DeleteButton } from './forms/DeleteButton.tsx'
import { PersonForm } from './forms/PersonForm.tsx'
import type { Named } from './forms/RemoteSelect.tsx'

function PersonActions({
  person,
  onEdit,
  opening,
}: {
  person: Person
  onEdit: () => void
  opening: boolean
}) {
  const { t } = useTranslation()
  return (
    <Flex gap={4} wrap={false}>
      <Button
        size="small"
        icon={<EditOutlined />}
        loading={opening}
        onClick={onEdit}
        data-testid="person-edit"
      >
        {t('regForms.edit')}
      </Button>
      <DeleteButton
        size="small"
        route="DELETE /api/people/:id"
        id={person.id}
        version={person.version}
        name={person.name}
        testId="person-delete"
      />
    </Flex>
  )
}

/**
 * People of a unit or members of an organisation, with their membership. Lists come masked from the
 * server; editing loads the one person, in full where the user's role allows it (that read is audited).
 */
export function PeopleList({ unit, org }: { unit?: Named; org?: Named }) {
  const { t } = useTranslation()
  const me = useSession()
  const { message } = App.useApp()
  const canWrite = hasPermission(me, 'registry.write')
  const list = useCursorRoute('people', 'GET /api/people', { unit: unit?.id, org: org?.id })
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<Person | null>(null)
  const open = useMutation({
    mutationFn: (id: number) => call('GET /api/people/:id', { params: { id } }),
    onSuccess: setEditing,
    onError: (error) => void message.error(error.message),
  })
  const membership = (p: Person) =>
    p.membership ? (
      <Flex gap={4} wrap>
        <Tag color={p.membership.status === 'formal' ? 'red' : 'orange'}>
          {t(`units.memberStatus.${p.membership.status}`)}
        </Tag>
        {!p.membership.relationTransferred && <Tag color="warning">{t('units.notTransferred')}</Tag>}
        {p.membership.floating && <Tag>{t('units.floating')}</Tag>}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('units.notMember')}</Typography.Text>
    )
  const place = (p: Person) =>
    org ? (
      p.unitId ? (
        <Link to={`/units/${p.unitId}`}>{p.unitName}</Link>
      ) : (
        '—'
      )
    ) : p.membership ? (
      <Link to={`/party-orgs/${p.membership.partyOrgId}`}>{p.membership.partyOrgName}</Link>
    ) : (
      '—'
    )
  const card = (p: Person) => (
    <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
      <RowCard
        title={<Typography.Text strong>{p.name}</Typography.Text>}
        subtitle={p.phone ?? undefined}
        facts={[
          { label: t('units.membership'), value: membership(p) },
          { label: org ? t('regForms.person.unit') : t('units.partyOrg'), value: place(p) },
          { label: t('units.birthYear'), value: p.birthYear ?? '—' },
        ]}
      />
      {canWrite && (
        <PersonActions
          person={p}
          opening={open.isPending && open.variables === p.id}
          onEdit={() => open.mutate(p.id)}
        />
      )}
    </Flex>
  )
  const columns: TableProps<Person>['columns'] = [
    { key: 'name', title: t('units.personName'), dataIndex: 'name' },
    {
      key: 'gender',
      title: t('units.gender'),
      render: (_, p) => (p.gender === 'male' || p.gender === 'female' ? t(`units.genders.${p.gender}`) : '—'),
    },
    // Lists come masked: the birth year only (the date would narrow a masked ID number to a few numbers).
    { key: 'birthYear', title: t('units.birthYear'), render: (_, p) => p.birthYear ?? '—' },
    { key: 'phone', title: t('units.phone'), render: (_, p) => p.phone ?? '—' },
    { key: 'membership', title: t('units.membership'), render: (_, p) => membership(p) },
    org
      ? { key: 'unit', title: t('regForms.person.unit'), render: (_, p) => place(p) }
      : { key: 'org', title: t('units.partyOrg'), render: (_, p) => place(p) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('regForms.actions'),
            render: (_: unknown, p: Person) => (
              <PersonActions
                person={p}
                opening={open.isPending && open.variables === p.id}
                onEdit={() => open.mutate(p.id)}
              />
            ),
          },
        ]
      : []),
  ]
  return (
    <Flex vertical gap={8}>
      {canWrite && (
        <Flex justify="flex-end">
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="person-add">
            {org ? t('regForms.person.addMember') : t('regForms.person.add')}
          </Button>
        </Flex>
      )}
      <CursorTable<Person>
        list={list}
        testId={org ? 'org-people' : 'unit-people'}
        size="small"
        columns={columns}
        renderCard={card}
      />
      {adding && <PersonForm open unit={unit} org={org} onClose={() => setAdding(false)} />}
      {editing && <PersonForm open person={editing} onClose={() => setEditing(null)} />}
    </Flex>
  )
}
