import { useQuery } from '@tanstack/react-query'
import type { AccountSummary } from '@tongxin/contracts'
import { Descriptions, Drawer, Skeleton, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { GrantTags } from '../../components/grants.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { api } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'

export function AccountDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const detail = useQuery({
    queryKey: ['accounts', 'detail', id],
    queryFn: ({ signal }) => api<AccountSummary>(`/api/accounts/${id}`, { signal }),
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
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      data-testid="account-drawer"
    >
      {detail.isPending && <Skeleton active />}
      {detail.isError && <LoadError error={detail.error} onRetry={() => void detail.refetch()} />}
      {account && (
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
              children: account.disabled ? (
                <Tag>{t('accounts.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('accounts.enabled')}</Tag>
              ),
            },
            { key: 'grants', label: t('accounts.grants'), children: <GrantTags grants={account.grants} /> },
            { key: 'version', label: t('accounts.version'), children: account.version },
          ]}
        />
      )}
    </Drawer>
  )
}
