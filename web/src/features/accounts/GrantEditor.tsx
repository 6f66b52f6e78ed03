import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { AREA_STAFF, type GrantInput, type Role, type ScopeType } from '@tongxin/contracts'
import { Button, Flex, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { roleName } from '../../components/grants.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call, type PageResult } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { scopeSearchKey } from './api.ts'

/** Mirrors the server's ROLE_SCOPES: the kinds of place each role is granted on. */
export const ROLE_SCOPES: Record<Role, ScopeType[]> = {
  admin: ['city'],
  district_admin: ['area'],
  street_admin: ['area'],
  building_chief: ['building'],
  secretary: ['party_org'],
  provider: ['unit'],
  member: ['area', 'building', 'unit', 'party_org'],
}
const RANK: Record<Role, number> = {
  admin: 0,
  district_admin: 1,
  street_admin: 2,
  building_chief: 3,
  secretary: 3,
  provider: 3,
  member: 4,
}

/** The roles the signed-in manager may hand out: below their highest (the server checks the place too). */
export function useGrantableRoles(): Role[] {
  const me = useSession()
  const managing = me.grants.filter((g) => (AREA_STAFF as readonly string[]).includes(g.role))
  const top = Math.min(...managing.map((g) => RANK[g.role]))
  return (Object.keys(RANK) as Role[]).filter((r) => r !== 'admin' && (top === 0 || RANK[r] > top))
}

/** The places a grant may name, found by name: buildings, units and party organisations have lists. */
const SEARCHABLE = ['building', 'unit', 'party_org'] as const
type Searchable = (typeof SEARCHABLE)[number]
const isSearchable = (s: ScopeType): s is Searchable => (SEARCHABLE as readonly string[]).includes(s)

function searchPlaces(
  scopeType: Searchable,
  query: { q?: string; limit: number },
  signal: AbortSignal,
): Promise<PageResult<{ id: number; name: string }>> {
  if (scopeType === 'building') return call('GET /api/buildings', { query, signal })
  if (scopeType === 'unit') return call('GET /api/units', { query, signal })
  return call('GET /api/party-orgs', { query, signal })
}

/** A building, unit or party organisation, searched by name; an area by the area picker. */
export function ScopeSelect({
  scopeType,
  value,
  label,
  onChange,
}: {
  scopeType: ScopeType
  value: string | null
  /** The chosen place's name, when it may not be among the search results. */
  label?: string
  onChange: (id: string | null) => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const found = useQuery({
    queryKey: scopeSearchKey(scopeType, q),
    queryFn: ({ signal }) =>
      isSearchable(scopeType)
        ? searchPlaces(scopeType, { q: q || undefined, limit: 20 }, signal)
        : Promise.reject(new Error(`no list of ${scopeType}`)),
    enabled: isSearchable(scopeType),
  })
  if (scopeType === 'city') return null
  if (scopeType === 'area')
    return <AreaCascader value={value ?? undefined} onChange={(c) => onChange(c ?? null)} width="100%" />
  return (
    <Select
      showSearch
      value={value ?? undefined}
      placeholder={t('accounts.scopeSearch')}
      filterOption={false}
      onSearch={setQ}
      onChange={(v) => onChange(v ?? null)}
      loading={found.isFetching}
      options={[
        ...(value && label && !found.data?.items.some((i) => String(i.id) === value)
          ? [{ value, label }]
          : []),
        ...(found.data?.items ?? []).map((i) => ({ value: String(i.id), label: i.name })),
      ]}
      style={{ width: '100%' }}
      data-testid={`scope-${scopeType}`}
    />
  )
}

export type DraftGrant = {
  role: Role
  scopeType: ScopeType
  scopeId: string | null
  scopeName?: string
  /** A stable React key for the row while it is edited. */
  uid?: number
}
let nextUid = 1
const keyOf = (g: DraftGrant) => {
  g.uid ??= nextUid++
  return g.uid
}

export const completeGrants = (grants: DraftGrant[]): GrantInput[] =>
  grants
    .filter((g) => g.scopeType === 'city' || g.scopeId)
    .map((g) => ({
      role: g.role,
      scopeType: g.scopeType,
      scopeId: g.scopeType === 'city' ? null : g.scopeId,
    }))

/** A list of role + place rows, each editable, for creating an account or changing its grants. */
export function GrantEditor({
  value,
  onChange,
}: {
  value: DraftGrant[]
  onChange: (v: DraftGrant[]) => void
}) {
  const { t } = useTranslation()
  const roles = useGrantableRoles()
  const set = (i: number, g: DraftGrant) => onChange(value.map((old, j) => (j === i ? g : old)))
  return (
    <Flex vertical gap={8} data-testid="grant-editor">
      {value.map((g, i) => (
        <Flex key={keyOf(g)} gap={6} wrap align="center">
          <Select<Role>
            value={g.role}
            style={{ width: 130 }}
            onChange={(role) => set(i, { uid: g.uid, role, scopeType: ROLE_SCOPES[role][0]!, scopeId: null })}
            options={[...new Set([...roles, g.role])].map((r) => ({ value: r, label: roleName(t, r) }))}
            data-testid={`grant-role-${i}`}
          />
          {ROLE_SCOPES[g.role].length > 1 && (
            <Select<ScopeType>
              value={g.scopeType}
              style={{ width: 100 }}
              onChange={(scopeType) => set(i, { ...g, scopeType, scopeId: null })}
              options={ROLE_SCOPES[g.role].map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
            />
          )}
          <div style={{ flex: 1, minWidth: 180 }}>
            <ScopeSelect
              scopeType={g.scopeType}
              value={g.scopeId}
              label={g.scopeName}
              onChange={(scopeId) => set(i, { ...g, scopeId, scopeName: undefined })}
            />
          </div>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('accounts.removeGrant')}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, { role: 'member', scopeType: 'area', scopeId: null }])}
        style={{ alignSelf: 'flex-start' }}
        data-testid="grant-add"
      >
        {t('accounts.addGrant')}
      </Button>
    </Flex>
  )
}
