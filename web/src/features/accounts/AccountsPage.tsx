import type { AccountSummary } from '@tongxin/contracts'
import { Alert, Card, Flex, Input, Table, type TableProps, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { GrantTags } from '../../components/grants.tsx'
import { LoadMore } from '../../components/LoadMore.tsx'
import { useCursorList } from '../../lib/paging.ts'
import { AccountDrawer } from './AccountDrawer.tsx'

export function AccountsPage() {
  const { t } = useTranslation()
  // Filters live in the URL so a filtered list can be reloaded and shared.
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const area = params.get('area') ?? ''
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const list = useCursorList<AccountSummary>('accounts', '/api/accounts', {
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
      render: (_: unknown, row) =>
        row.disabled ? <Tag>{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.enabled')}</Tag>,
    },
  ]

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('accounts.title')}
      </Typography.Title>
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
          {list.error && <Alert type="error" showIcon title={list.error.message} />}
          <Table<AccountSummary>
            data-testid="accounts-table"
            rowKey="id"
            columns={columns}
            dataSource={list.rows}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => setSelectedId(row.id), style: { cursor: 'pointer' } })}
          />
          <LoadMore
            count={list.rows.length}
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
          />
        </Flex>
      </Card>
      <AccountDrawer id={selectedId} onClose={() => setSelectedId(null)} />
    </Flex>
  )
}
