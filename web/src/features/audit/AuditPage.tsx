import { AUDIT_ACTIONS, type AuditEntry, auditActionLabel } from '@tongxin/contracts'
import { Card, Flex, Select, type TableProps, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { currentLanguage } from '../../i18n/index.ts'
import { useCursorRoute } from '../../lib/paging.ts'

/** Dark enough for small text (WCAG AA on white), unlike antd's secondary grey. */
const CODE_GREY = '#595959'

/** The action in words, the stable code underneath (what the filter and exports name). */
function ActionCell({ code }: { code: string }) {
  const words = auditActionLabel(code, currentLanguage())
  return (
    <Flex vertical>
      {words && <span>{words}</span>}
      <span style={{ fontSize: 12, fontFamily: 'monospace', color: CODE_GREY }}>{code}</span>
    </Flex>
  )
}

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
  const { t, i18n } = useTranslation()
  const [params, setParams] = useSearchParams()
  const action = params.get('action') ?? ''
  const list = useCursorRoute('audit', 'GET /api/audit', { action: action || undefined })

  const filter = (value: string | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set('action', value)
    else next.delete('action')
    setParams(next, { replace: true })
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the UI language
  const options = useMemo(() => {
    const lang = currentLanguage()
    return Object.keys(AUDIT_ACTIONS)
      .map((code) => ({ value: code, label: auditActionLabel(code, lang) ?? code, code }))
      .sort((a, b) => a.label.localeCompare(b.label, lang))
  }, [i18n.language])

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
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <ActionCell code={a} />,
    },
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
          <Select
            value={action || undefined}
            allowClear
            showSearch
            options={options}
            // Found by its words or its code, whichever the reader knows.
            filterOption={(input, option) =>
              `${option?.label ?? ''} ${option?.code ?? ''}`
                .toLowerCase()
                .includes(input.trim().toLowerCase())
            }
            optionRender={(option) => (
              // Words above, the code beneath: both whole on a phone, neither cut off.
              <Flex vertical>
                <span style={{ whiteSpace: 'normal' }}>{option.data.label}</span>
                <span style={{ fontSize: 12, color: CODE_GREY, fontFamily: 'monospace' }}>
                  {option.data.code}
                </span>
              </Flex>
            )}
            placeholder={t('audit.actionPlaceholder')}
            onChange={filter}
            style={{ width: '100%', maxWidth: 360 }}
            aria-label={t('audit.action')}
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
