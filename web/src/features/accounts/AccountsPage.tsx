import { PlusOutlined, UploadOutlined } from '@ant-design/icons'
import type { AccountSummary } from '@tongxin/contracts'
import { Button, Card, Flex, Input, type TableProps, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { GrantTags } from '../../components/grants.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { AccountDrawer, AccountStatus } from './AccountDrawer.tsx'
import { CreateAccountDrawer } from './CreateAccountDrawer.tsx'
import { ImportAccountsModal } from './ImportAccountsModal.tsx'

export function AccountsPage() {
  const { t } = useTranslation()
  // Filters live in the URL so a filtered list can be reloaded and shared.
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const area = params.get('area') ?? ''
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const canManage = hasPermission(useSession(), 'account.manage')
  const list = useCursorRoute('accounts', 'GET /api/accounts', {
    q: q || undefined,
    area: area || undefined,
  })

  const search = (value: string) => {
    const next = new URLSearchParams(params)
    if (value.trim()) next.set('q', value.trim())
    else next.delete('q')
    setParams(next, { replace: true })
  }

  const columns: TableProps<AccountSummary>['columns'] = [
    { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
    {
      key: 'phone',
      title: t('accounts.phone'),
      dataIndex: 'phone',
      render: (phone: string | null) => phone ?? '—',
    },
    {
      key: 'grants',
      title: t('accounts.grants'),
      render: (_: unknown, row) => <GrantTags grants={row.grants} />,
    },
    {
      key: 'status',
      title: t('accounts.status'),
      render: (_: unknown, row) => <AccountStatus account={row} />,
    },
  ]

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accounts.title')}
        </Typography.Title>
        {canManage && (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="account-create"
            >
              {t('accounts.create')}
            </Button>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="account-import-open"
            >
              {t('accounts.import')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            placeholder={t('accounts.searchPlaceholder')}
            onSearch={search}
            style={{ maxWidth: 360 }}
            data-testid="accounts-search"
          />
          <CursorTable<AccountSummary>
            list={list}
            testId="accounts-table"
            columns={columns}
            onRow={(row) => ({ onClick: () => setSelectedId(row.id), style: { cursor: 'pointer' } })}
          />
        </Flex>
      </Card>
      <AccountDrawer id={selectedId} onClose={() => setSelectedId(null)} />
      <CreateAccountDrawer open={creating} onClose={() => setCreating(false)} />
      <ImportAccountsModal open={importing} onClose={() => setImporting(false)} />
    </Flex>
  )
}
