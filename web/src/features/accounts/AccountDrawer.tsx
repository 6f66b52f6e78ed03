import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AccountSummary, GrantInput, TemporaryPassword } from '@tongxin/contracts'
import { Alert, Button, Descriptions, Drawer, Flex, Popconfirm, Skeleton, Tag } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GrantTags } from '../../components/grants.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { accountKeys } from './api.ts'
import { completeGrants, type DraftGrant, GrantEditor } from './GrantEditor.tsx'
import { OneTimeSecret } from './OneTimeSecret.tsx'

export function AccountStatus({ account }: { account: AccountSummary }) {
  const { t } = useTranslation()
  return (
    <Flex gap={4} wrap>
      {account.disabled ? (
        <Tag>{t('accounts.disabled')}</Tag>
      ) : (
        <Tag color="green">{t('accounts.enabled')}</Tag>
      )}
      {account.lockedUntil && (
        <Tag color="red" data-testid="account-locked">
          {t('accounts.locked')}
        </Tag>
      )}
      {account.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
    </Flex>
  )
}

type Action =
  | { kind: 'grants'; version: number; grants: GrantInput[] }
  | { kind: 'disable' | 'enable'; version: number }
  | { kind: 'unlock' }
  | { kind: 'reset'; version: number }

function Actions({ account, onChanged }: { account: AccountSummary; onChanged: () => void }) {
  const { t } = useTranslation()
  const me = useSession()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState<DraftGrant[] | null>(null)
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null)
  const act = useMutation<unknown, Error, Action>({
    mutationFn: (a) => {
      const params = { id: account.id }
      if (a.kind === 'grants')
        return call('PUT /api/accounts/:id/grants', {
          params,
          body: { version: a.version, grants: a.grants },
        })
      if (a.kind === 'unlock') return call('POST /api/accounts/:id/unlock', { params })
      if (a.kind === 'reset')
        return call('POST /api/accounts/:id/reset-password', { params, body: { version: a.version } })
      return call('PATCH /api/accounts/:id', {
        params,
        body: { version: a.version, disabled: a.kind === 'disable' },
      })
    },
    onSuccess: (data, a) => {
      if (a.kind === 'reset') setTemporary(data as TemporaryPassword)
      if (a.kind === 'grants') setEditing(null)
      void queryClient.invalidateQueries({ queryKey: accountKeys.all() })
      onChanged()
    },
  })
  if (!hasPermission(me, 'account.manage') || account.id === me.account.id) return null
  return (
    <Flex vertical gap={12} style={{ marginTop: 16 }}>
      {act.error && (
        <Alert type="error" showIcon title={act.error.message} data-testid="account-action-error" />
      )}
      {temporary && (
        <OneTimeSecret
          title={t('accounts.tempTitle')}
          hint={t('accounts.tempHint', { time: dayjs(temporary.expiresAt).format('YYYY-MM-DD HH:mm') })}
          value={temporary.temporaryPassword}
          testId="reset-password"
        />
      )}
      {editing ? (
        <Flex vertical gap={8}>
          <GrantEditor value={editing} onChange={setEditing} />
          <Flex gap={8}>
            <Button
              type="primary"
              loading={act.isPending}
              onClick={() =>
                act.mutate({ kind: 'grants', version: account.version, grants: completeGrants(editing) })
              }
              data-testid="grants-save"
            >
              {t('accounts.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('accounts.cancel')}</Button>
          </Flex>
        </Flex>
      ) : (
        <Flex gap={8} wrap>
          <Button onClick={() => setEditing(account.grants.map((g) => ({ ...g })))} data-testid="grants-edit">
            {t('accounts.editGrants')}
          </Button>
          <Popconfirm
            title={t('accounts.resetConfirm')}
            onConfirm={() => act.mutate({ kind: 'reset', version: account.version })}
            okButtonProps={{ 'data-testid': 'reset-confirm' } as Record<string, string>}
          >
            <Button
              danger
              loading={act.isPending && act.variables?.kind === 'reset'}
              data-testid="account-reset"
            >
              {t('accounts.reset')}
            </Button>
          </Popconfirm>
          {account.lockedUntil && (
            <Button onClick={() => act.mutate({ kind: 'unlock' })} data-testid="account-unlock">
              {t('accounts.unlock')}
            </Button>
          )}
          {account.disabled ? (
            <Button
              onClick={() => act.mutate({ kind: 'enable', version: account.version })}
              data-testid="account-enable"
            >
              {t('accounts.enable')}
            </Button>
          ) : (
            <Popconfirm
              title={t('accounts.disableConfirm')}
              onConfirm={() => act.mutate({ kind: 'disable', version: account.version })}
            >
              <Button data-testid="account-disable">{t('accounts.disable')}</Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Flex>
  )
}

export function AccountDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const detail = useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }) => call('GET /api/accounts/:id', { params: { id: id! }, signal }),
    enabled: id !== null,
    // The detail may carry an unmasked phone number; keep it in memory no longer than the drawer is open.
    gcTime: 0,
    staleTime: 0,
  })
  const account = detail.data

  return (
    <Drawer
      title={t('accounts.detailTitle')}
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      destroyOnHidden
      data-testid="account-drawer"
    >
      {detail.isPending && <Skeleton active />}
      {detail.isError && <LoadError error={detail.error} onRetry={() => void detail.refetch()} />}
      {account && (
        <>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'id', label: t('accounts.id'), children: account.id },
              { key: 'username', label: t('accounts.username'), children: account.username },
              { key: 'displayName', label: t('accounts.displayName'), children: account.displayName },
              { key: 'phone', label: t('accounts.phone'), children: account.phone ?? '—' },
              {
                key: 'status',
                label: t('accounts.status'),
                children: (
                  <Flex vertical gap={4}>
                    <AccountStatus account={account} />
                    {account.lockedUntil &&
                      t('accounts.lockedUntil', {
                        time: dayjs(account.lockedUntil).format('YYYY-MM-DD HH:mm'),
                      })}
                  </Flex>
                ),
              },
              { key: 'grants', label: t('accounts.grants'), children: <GrantTags grants={account.grants} /> },
              { key: 'version', label: t('accounts.version'), children: account.version },
            ]}
          />
          <Actions account={account} onChanged={() => void detail.refetch()} />
        </>
      )}
    </Drawer>
  )
}
