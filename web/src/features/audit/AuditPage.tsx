import type { AuditEntry } from '@tongxin/contracts'
import { Card, Flex, Input, type TableProps, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { useCursorList } from '../../lib/paging.ts'

function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={4}>
      {entry.requestId && (
        <Typography.Text type="secondary">
          {t('audit.requestId')}: <Typography.Text code>{entry.requestId}</Typography.Text>
        </Typography.Text>
      )}
      {entry.detail && (
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 }}>
          {JSON.stringify(entry.detail, null, 2)}
        </pre>
      )}
    </Flex>
  )
}

export function AuditPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const action = params.get('action') ?? ''
  const list = useCursorList<AuditEntry>('audit', '/api/audit', { action: action || undefined })

  const filter = (value: string) => {
    const next = new URLSearchParams(params)
    if (value.trim()) next.set('action', value.trim())
    else next.delete('action')
    setParams(next, { replace: true })
  }

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      key: 'at',
      title: t('audit.at'),
      dataIndex: 'at',
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      key: 'user',
      title: t('audit.user'),
      render: (_: unknown, row) =>
        row.username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tag>{a}</Tag> },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_: unknown, row) =>
        row.entity ? `${row.entity}${row.entityIds.length ? ` #${row.entityIds.join(', #')}` : ''}` : '—',
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  ]

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card>
        <Flex vertical gap={16}>
          <Input.Search
            key={action}
            defaultValue={action}
            allowClear
            placeholder={t('audit.actionPlaceholder')}
            onSearch={filter}
            style={{ maxWidth: 360 }}
            data-testid="audit-filter"
          />
          <CursorTable<AuditEntry>
            list={list}
            testId="audit-table"
            columns={columns}
            expandable={{
              rowExpandable: (row) => row.detail !== null || row.requestId !== null,
              expandedRowRender: (row) => <AuditDetail entry={row} />,
            }}
          />
        </Flex>
      </Card>
    </Flex>
  )
}
