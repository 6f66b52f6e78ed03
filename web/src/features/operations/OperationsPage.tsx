import { Alert, Button, Card, DatePicker, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOpsStatus } from './api.ts'

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—')
const size = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1e6).toFixed(1)} MB`)

/** For the city admin: how backups went, what is kept for how long, and the audit log of a period to Excel. */
export function OperationsPage() {
  const { t } = useTranslation()
  const status = useOpsStatus()
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'month'), dayjs()])
  const s = status.data
  const b = s?.backups
  const exportUrl = `/api/audit/export?from=${period[0].format('YYYY-MM-DD')}&to=${period[1].format('YYYY-MM-DD')}`
  const failing = b?.lastError ? b.lastError : null

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.title')}
      </Typography.Title>
      {failing && (
        <Alert
          type="error"
          showIcon
          message={t('ops.lastFailed')}
          description={failing}
          data-testid="ops-backup-error"
        />
      )}
      <Card title={t('ops.backups')} loading={status.isLoading}>
        {b && s && (
          <Flex vertical gap={16}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('ops.lastSuccess')}>
                <span data-testid="ops-last-success">{when(b.lastSuccessAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.lastFailure')}>{when(b.lastFailureAt)}</Descriptions.Item>
              <Descriptions.Item label={t('ops.schedule')}>
                {b.everyHours === null
                  ? t('ops.scheduleExternal')
                  : b.everyHours === 0
                    ? t('ops.scheduleOff')
                    : t('ops.scheduleEvery', { hours: b.everyHours, keep: b.keep })}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.dir')}>
                <Typography.Text code>{b.dir}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.engine')}>
                {s.engine === 'pglite' ? t('ops.embedded') : 'PostgreSQL'} · {s.schema}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.metrics')}>
                {s.metricsEnabled ? t('ops.on') : t('ops.off')}
              </Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey={(r) => `${r.finishedAt}-${r.kind}-${r.ok}`}
              pagination={false}
              dataSource={b.recent}
              scroll={{ x: true }}
              columns={[
                { key: 'at', title: t('ops.finished'), render: (_, r) => when(r.finishedAt) },
                { key: 'kind', title: t('ops.kind'), render: (_, r) => t(`ops.kinds.${r.kind}`) },
                {
                  key: 'ok',
                  title: t('ops.result'),
                  render: (_, r) =>
                    r.ok ? <Tag color="green">{t('ops.ok')}</Tag> : <Tag color="red">{t('ops.failed')}</Tag>,
                },
                { key: 'size', title: t('ops.size'), render: (_, r) => size(r.bytes) },
                { key: 'detail', title: t('ops.detail'), render: (_, r) => r.error ?? r.file ?? '—' },
              ]}
            />
          </Flex>
        )}
      </Card>
      <Card title={t('ops.retention')} loading={status.isLoading}>
        {s && (
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('ops.keep.audit')}>
              {t('ops.months', { n: s.retention.auditMonths })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.sessions')}>
              {t('ops.sessions', { idle: s.retention.sessionIdleMinutes, max: s.retention.sessionMaxHours })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.importsOpen')}>
              {t('ops.hours', { n: s.retention.importUncommittedHours })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.importsDone')}>
              {t('ops.days', { n: s.retention.importCommittedDays })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.notices')}>
              {t('ops.days', { n: s.retention.notificationsReadDays })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.deliveries')}>
              {t('ops.days', { n: s.retention.deliveriesDays })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.keep.wasteMisses')}>
              {t('ops.days', { n: s.retention.wasteMissDays })}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={t('ops.auditExport')}>
        <Space wrap>
          <DatePicker.RangePicker
            value={period}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          />
          <Button type="primary" href={exportUrl} download data-testid="ops-audit-export">
            {t('ops.download')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('ops.auditExportHint')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  )
}
