import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { AccountImportJob, AccountImportResult } from '@tongxin/contracts'
import { Alert, App, Button, Flex, Modal, Table, Typography, Upload } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { roleName } from '../../components/grants.tsx'
import { call } from '../../lib/api.ts'
import { accountKeys } from './api.ts'
import { copyText } from './OneTimeSecret.tsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 从 Excel 导入: template, dry run with per-row errors, commit; the passwords are shown once after it. */
export function ImportAccountsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [job, setJob] = useState<AccountImportJob | null>(null)
  const check = useMutation<AccountImportJob, Error, File>({
    mutationFn: (file) =>
      call('POST /api/accounts/import', {
        query: { fileName: file.name },
        raw: { data: file, contentType: XLSX },
      }),
    onSuccess: setJob,
  })
  const commit = useMutation<AccountImportResult, Error, number>({
    mutationFn: (id) => call('POST /api/accounts/import/:id/commit', { params: { id } }),
    onSuccess: (r) => {
      setJob(r.job)
      void queryClient.invalidateQueries({ queryKey: accountKeys.all() })
    },
  })
  const close = () => {
    setJob(null)
    check.reset()
    commit.reset()
    onClose()
  }
  const result = commit.data
  const error = check.error ?? commit.error
  return (
    <Modal
      title={t('accounts.importTitle')}
      open={open}
      onCancel={close}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Flex vertical gap={16} data-testid="account-import">
        <Typography.Text type="secondary">{t('accounts.importHint')}</Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          href="/api/accounts/import/template"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('accounts.importTemplate')}
        </Button>
        {error && <Alert type="error" showIcon title={error.message} />}
        {!result && (
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              setJob(null)
              commit.reset()
              check.mutate(file)
              // Sent by hand (raw body with the CSRF header), never by the Upload component itself.
              return false
            }}
            disabled={check.isPending}
            data-testid="account-import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{check.isPending ? t('accounts.importChecking') : t('accounts.importUpload')}</p>
          </Upload.Dragger>
        )}
        {job && job.status === 'rejected' && (
          <>
            <Alert type="error" showIcon title={t('accounts.importErrors', { count: job.errors.length })} />
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              dataSource={job.errors}
              pagination={false}
              scroll={{ x: 'max-content', y: 320 }}
              columns={[
                { key: 'row', title: t('accounts.row'), dataIndex: 'row', width: 60 },
                { key: 'column', title: t('accounts.column'), dataIndex: 'column', width: 110 },
                { key: 'reason', title: t('accounts.reason'), dataIndex: 'reason' },
              ]}
              data-testid="account-import-errors"
            />
          </>
        )}
        {job && job.status === 'checked' && (
          <>
            <Alert type="success" showIcon title={t('accounts.importReady', { count: job.rows.length })} />
            <Table
              size="small"
              rowKey="row"
              dataSource={job.rows}
              pagination={false}
              scroll={{ x: 'max-content', y: 320 }}
              columns={[
                { key: 'row', title: t('accounts.row'), dataIndex: 'row', width: 60 },
                { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
                { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
                { key: 'role', title: t('accounts.role'), render: (_, r) => roleName(t, r.role as never) },
                { key: 'scope', title: t('accounts.scope'), dataIndex: 'scopeName' },
              ]}
            />
            <Button
              type="primary"
              loading={commit.isPending}
              onClick={() => commit.mutate(job.id)}
              data-testid="account-import-commit"
            >
              {t('accounts.importCommit')}
            </Button>
          </>
        )}
        {result && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('accounts.importDone', {
                count: result.accounts.length,
                time: dayjs(result.expiresAt).format('YYYY-MM-DD HH:mm'),
              })}
            />
            <Button
              onClick={async () => {
                const text = result.accounts
                  .map((a) => `${a.username}\t${a.displayName}\t${a.temporaryPassword}`)
                  .join('\n')
                if (await copyText(text)) void message.success(t('accounts.copied'))
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('accounts.importCopyAll')}
            </Button>
            <Table
              size="small"
              rowKey="row"
              dataSource={result.accounts}
              pagination={false}
              scroll={{ x: 'max-content', y: 320 }}
              columns={[
                { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
                { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
                {
                  key: 'password',
                  title: t('accounts.tempTitle'),
                  render: (_, r) => <Typography.Text code>{r.temporaryPassword}</Typography.Text>,
                },
              ]}
              data-testid="account-import-passwords"
            />
            <Button type="primary" onClick={close}>
              {t('accounts.done')}
            </Button>
          </>
        )}
      </Flex>
    </Modal>
  )
}
