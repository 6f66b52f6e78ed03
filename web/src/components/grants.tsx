import type { Grant, Role } from '@tongxin/contracts'
import { Flex, Tag } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

export function roleName(t: TFunction, role: Role): string {
  return t(`roles.${role}`)
}

export function scopeLabel(t: TFunction, grant: Grant): string {
  if (grant.scopeType === 'city') return t('scopes.city')
  return grant.scopeName ?? `${t(`scopes.${grant.scopeType}`)} ${grant.scopeId ?? ''}`.trim()
}

export function grantLabel(t: TFunction, grant: Grant): string {
  return `${roleName(t, grant.role)} · ${scopeLabel(t, grant)}`
}

/** Distinct role names; one person often holds the same role in several scopes. */
export function RoleTags({ grants, max }: { grants: Grant[]; max?: number }) {
  const { t } = useTranslation()
  const roles = [...new Set(grants.map((g) => g.role))]
  const shown = max === undefined ? roles : roles.slice(0, max)
  return (
    <Flex gap={4} wrap={max === undefined}>
      {shown.map((role) => (
        <Tag key={role} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
          {roleName(t, role)}
        </Tag>
      ))}
      {roles.length > shown.length && (
        <Tag
          title={roles.map((role) => roleName(t, role)).join(t('common.listSeparator'))}
          style={{ marginInlineEnd: 0 }}
        >
          +{roles.length - shown.length}
        </Tag>
      )}
    </Flex>
  )
}

export function GrantTags({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation()
  return (
    <Flex gap={4} wrap>
      {grants.map((g) => (
        <Tag key={`${g.role}:${g.scopeType}:${g.scopeId ?? ''}`} style={{ marginInlineEnd: 0 }}>
          {grantLabel(t, g)}
        </Tag>
      ))}
    </Flex>
  )
}
