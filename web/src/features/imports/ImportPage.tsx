import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { IMPORT_KINDS, IMPORT_MAX_BYTES, type ImportJob, type ImportKind } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, Progress, Radio, Result, Spin, Steps, Typography, Upload } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { JobReview } from './JobReview.tsx'
import {
  FINISHED,
  fetchImportJob,
  importKeys,
  useCommitImport,
  useImportJob,
  useUploadImport,
} from './useImport.ts'

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024

function KindStep({ kind, onKind }: { kind: ImportKind; onKind: (k: ImportKind) => void }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={16}>
      <Radio.Group
        value={kind}
        onChange={(e) => onKind(e.target.value as ImportKind)}
        style={{ width: '100%' }}
      >
        <Flex vertical gap={8}>
          {IMPORT_KINDS.map((k) => (
            <Radio key={k} value={k} data-testid={`import-kind-${k}`}>
              <Typography.Text strong>{t(`imports.kinds.${k}`)}</Typography.Text>
              <Typography.Text type="secondary"> — {t(`imports.kindHints.${k}`)}</Typography.Text>
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
      <div>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/imports/templates/${kind}`}
          data-testid="import-template"
        >
          {t('imports.template')}
        </Button>
      </div>
    </Flex>
  )
}

function CommitProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation()
  if (job.status === 'committed') {
    return (
      <Result
        status="success"
        data-testid="import-committed"
        title={t('imports.committed')}
        subTitle={t('imports.committedDetail', { new: job.diff.new, changed: job.diff.changed })}
        extra={
          <Link to="/coverage">
            <Button type="primary">{t('imports.goCoverage')}</Button>
          </Link>
        }
      />
    )
  }
  if (job.status === 'failed') {
    return <Result status="error" data-testid="import-failed" title={t('imports.failed')} />
  }
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0
  return (
    <Flex vertical gap={8} align="center" style={{ padding: '32px 0' }} data-testid="import-progress">
      <Typography.Text strong>{t('imports.committing')}</Typography.Text>
      <Progress percent={percent} status="active" style={{ maxWidth: 480 }} />
      <Typography.Text type="secondary">
        {t('imports.progress', { done: job.processedRows, total: job.totalRows })}
      </Typography.Text>
    </Flex>
  )
}

/** 数据导入: choose a kind, upload a spreadsheet, read the dry run, confirm, follow the commit. */
export function ImportPage() {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const queryClient = useQueryClient()
  const [step, setStep] = useState(0)
  const [kind, setKind] = useState<ImportKind>('buildings')
  const [checked, setChecked] = useState<ImportJob | null>(null)
  const [localError, setLocalError] = useState<string | null>(null)
  const upload = useUploadImport()
  const commit = useCommitImport()
  const polled = useImportJob(checked?.id ?? null, step === 2 && commit.isSuccess)
  const current = polled.data ?? commit.data ?? checked

  // Once committed, every cached list and figure is stale.
  const done = current?.status === 'committed'
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== importKeys.all()[0] })
  }, [done, queryClient])

  // `?job=` (the home page's "not committed yet" card) reopens a checked file at its review, once.
  const [params, setParams] = useSearchParams()
  const resume = Number(params.get('job')) || null
  useEffect(() => {
    if (!resume) return
    let cancelled = false
    fetchImportJob(resume)
      .then((job) => {
        if (cancelled || job.status !== 'checked') return
        setKind(job.kind)
        setChecked(job)
        setStep(1)
      })
      // Purged or not the caller's: the page simply starts afresh.
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setParams({}, { replace: true })
      })
    return () => {
      cancelled = true
    }
  }, [resume, setParams])

  const restart = () => {
    setStep(0)
    setChecked(null)
    setLocalError(null)
    upload.reset()
    commit.reset()
  }
  const beforeUpload = (file: File) => {
    setLocalError(null)
    if (!file.name.toLowerCase().endsWith('.xlsx')) setLocalError(t('imports.notXlsx'))
    else if (file.size > IMPORT_MAX_BYTES) setLocalError(t('imports.tooLarge', { mb: MAX_MB }))
    else upload.mutate({ kind, file }, { onSuccess: setChecked })
    // Sent by hand (raw body with the CSRF header), never by the Upload component itself.
    return false
  }

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('imports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('imports.intro')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={24}>
          <Steps
            current={step}
            status={current?.status === 'failed' ? 'error' : done ? 'finish' : 'process'}
            size="small"
            // Three short steps fit a phone side by side, titles under the icons.
            responsive={false}
            titlePlacement={isPhone ? 'vertical' : 'horizontal'}
            items={[
              { title: t('imports.steps.kind') },
              {
                title: t('imports.steps.upload'),
                subTitle: step > 0 ? t(`imports.kinds.${kind}`) : undefined,
              },
              { title: t('imports.steps.commit') },
            ]}
          />
          {step === 0 && (
            <>
              <KindStep kind={kind} onKind={setKind} />
              <div>
                <Button type="primary" data-testid="import-next" onClick={() => setStep(1)}>
                  {t('imports.next')}
                </Button>
              </div>
            </>
          )}
          {step === 1 && (
            <Flex vertical gap={16}>
              {!checked && (
                <Spin
                  spinning={upload.isPending}
                  description={t('imports.checking', { file: upload.variables?.file.name ?? '' })}
                >
                  <Upload.Dragger
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    showUploadList={false}
                    beforeUpload={beforeUpload}
                    data-testid="import-upload"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('imports.dragTitle')}</p>
                    <p className="ant-upload-hint">{t('imports.dragHint', { mb: MAX_MB })}</p>
                  </Upload.Dragger>
                </Spin>
              )}
              {(localError || upload.error) && (
                <Alert
                  type="error"
                  showIcon
                  title={localError ?? upload.error?.message}
                  data-testid="import-error"
                />
              )}
              {checked && <JobReview job={checked} />}
              <Flex gap={8} wrap>
                <Button onClick={restart}>{t('imports.back')}</Button>
                {checked && (
                  <Button
                    onClick={() => {
                      setChecked(null)
                      upload.reset()
                    }}
                  >
                    {t('imports.restart')}
                  </Button>
                )}
                {checked?.status === 'checked' && checked.diff.new + checked.diff.changed > 0 && (
                  <Button
                    type="primary"
                    data-testid="import-confirm"
                    loading={commit.isPending}
                    onClick={() => commit.mutate(checked.id, { onSuccess: () => setStep(2) })}
                  >
                    {t('imports.confirm')}
                  </Button>
                )}
              </Flex>
              {commit.error && <Alert type="error" showIcon title={commit.error.message} />}
            </Flex>
          )}
          {step === 2 && current && (
            <Flex vertical gap={16}>
              <CommitProgress job={current} />
              {current && FINISHED.has(current.status) && (
                <div>
                  <Button onClick={restart} data-testid="import-restart">
                    {t('imports.restart')}
                  </Button>
                </div>
              )}
            </Flex>
          )}
        </Flex>
      </Card>
    </Flex>
  )
}
