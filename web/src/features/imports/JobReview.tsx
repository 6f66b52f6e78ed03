import type { ImportChange, ImportJob, ImportRowError } from '@tongxin/contracts'
import { Alert, Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

const ACTION_COLOR: Record<ImportChange['action'], string> = {
  new: 'green',
  changed: 'blue',
  unchanged: 'default',
}

function DiffCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation()
  const cells = [
    { key: 'new', value: job.diff.new, color: job.diff.new ? '#389e0d' : undefined },
    { key: 'changed', value: job.diff.changed, color: job.diff.changed ? '#1677ff' : undefined },
    { key: 'unchanged', value: job.diff.unchanged, color: undefined },
    { key: 'errors', value: job.errors.length, color: job.errors.length ? '#cf1322' : undefined },
  ] as const
  return (
    <Row gutter={[12, 12]} data-testid="import-diff">
      {cells.map((c) => (
        <Col key={c.key} xs={12} sm={6}>
          <Card size="small" data-testid={`diff-${c.key}`}>
            <Statistic
              title={t(`imports.diff.${c.key}`)}
              value={c.value}
              styles={{ content: { color: c.color } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  )
}

function ErrorsTable({ errors, testId }: { errors: ImportRowError[]; testId: string }) {
  const { t } = useTranslation()
  return (
    <Table<ImportRowError>
      data-testid={testId}
      size="small"
      rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
      dataSource={errors}
      pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'row', title: t('imports.row'), dataIndex: 'row', width: 72 },
        {
          key: 'column',
          title: t('imports.column'),
          render: (_, e) =>
            e.column || <Typography.Text type="secondary">{t('imports.wholeRow')}</Typography.Text>,
        },
        { key: 'reason', title: t('imports.reason'), dataIndex: 'reason' },
      ]}
    />
  )
}

function ChangesTable({ changes }: { changes: ImportChange[] }) {
  const { t } = useTranslation()
  return (
    <Table<ImportChange>
      data-testid="import-changes"
      size="small"
      rowKey="row"
      dataSource={changes}
      pagination={changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'row', title: t('imports.row'), dataIndex: 'row', width: 72 },
        {
          key: 'action',
          title: t('imports.action'),
          render: (_, c) => <Tag color={ACTION_COLOR[c.action]}>{t(`imports.diff.${c.action}`)}</Tag>,
        },
        { key: 'key', title: t('imports.key'), dataIndex: 'key' },
        {
          key: 'fields',
          title: t('imports.fields'),
          render: (_, c) =>
            c.fields.length === 0 ? (
              '—'
            ) : (
              <Flex vertical gap={2}>
                {c.fields.map((f) => (
                  <span key={f.field} style={{ fontSize: 12 }}>
                    <Typography.Text strong style={{ fontSize: 12 }}>
                      {f.field}
                    </Typography.Text>
                    :{' '}
                    <Typography.Text delete type="secondary">
                      {f.from || '∅'}
                    </Typography.Text>{' '}
                    → {f.to || '∅'}
                  </span>
                ))}
              </Flex>
            ),
        },
      ]}
    />
  )
}

/** The dry run of an uploaded file: counts, the per-row errors and what would change. */
export function JobReview({ job }: { job: ImportJob }) {
  const { t } = useTranslation()
  const nothing = job.status === 'checked' && job.diff.new + job.diff.changed === 0
  return (
    <Flex vertical gap={16} data-testid="import-review">
      <Typography.Text type="secondary">
        {t('imports.file')}: {job.fileName}
      </Typography.Text>
      {job.status === 'rejected' && <Alert type="error" showIcon title={t('imports.rejected')} />}
      {job.status === 'checked' && (
        <Alert
          type={nothing ? 'info' : 'success'}
          showIcon
          title={t(nothing ? 'imports.nothingToDo' : 'imports.checked')}
        />
      )}
      <DiffCounts job={job} />
      {job.errors.length > 0 && (
        <Card size="small" title={t('imports.errorsTitle')}>
          <ErrorsTable errors={job.errors} testId="import-errors" />
        </Card>
      )}
      {job.warnings.length > 0 && (
        <Card
          size="small"
          title={t('imports.warningsTitle', { count: job.warningCount })}
          extra={<Typography.Text type="secondary">{t('imports.warningsNote')}</Typography.Text>}
        >
          <ErrorsTable errors={job.warnings} testId="import-warnings" />
        </Card>
      )}
      {job.changes.length > 0 && (
        <Card
          size="small"
          title={t('imports.changesTitle')}
          extra={<Typography.Text type="secondary">{t('imports.changesNote')}</Typography.Text>}
        >
          <ChangesTable changes={job.changes} />
        </Card>
      )}
    </Flex>
  )
}
