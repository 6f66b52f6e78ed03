import { PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Flex, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'

/** 介绍信 to print (the browser's print, or "save as PDF"), with the QR code that verifies it. */
export function LetterPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const letter = useQuery({
    queryKey: orglifeKeys.letter(id),
    queryFn: ({ signal }) => call('GET /api/orglife/transfers/:id/letter', { params: { id }, signal }),
  })
  if (letter.isPending) return <Skeleton active />
  if (letter.isError) return <LoadError error={letter.error} onRetry={() => void letter.refetch()} />
  const l = letter.data
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Button
        icon={<PrinterOutlined />}
        onClick={() => window.print()}
        style={{ alignSelf: 'flex-end' }}
        className="no-print"
      >
        {t('orglife.letter.print')}
      </Button>
      <div
        className="orglife-letter"
        data-testid="letter"
        style={{ border: '2px solid #c00', padding: 24, background: '#fff' }}
      >
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#c00' }}>
          {t('orglife.letter.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'right' }}>
          {t('orglife.letter.no', { no: l.letterNo })}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ fontSize: 16, lineHeight: 2 }}>
          {t('orglife.letter.body', {
            name: l.memberName,
            gender: l.gender ? t(`orglife.letter.${l.gender}`) : '—',
            age: l.age ?? '—',
            status: t(`orglife.letter.${l.memberStatus}`),
            from: l.fromOrgName,
            to: l.toOrgName,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph>{t('orglife.letter.reason', { reason: l.reason })}</Typography.Paragraph>
        <Typography.Paragraph>
          {l.duesPaidThrough
            ? t('orglife.letter.dues', { month: l.duesPaidThrough })
            : t('orglife.letter.duesNone')}{' '}
          {t('orglife.letter.valid', { date: l.dueOn })}
        </Typography.Paragraph>
        <Flex justify="space-between" align="flex-end" gap={16} wrap>
          <Flex vertical align="center" gap={4}>
            <img
              src={l.qrDataUrl}
              alt={t('orglife.letter.scan')}
              width={120}
              height={120}
              data-testid="letter-qr"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('orglife.letter.scan')}
            </Typography.Text>
          </Flex>
          <Flex vertical align="flex-end">
            <Typography.Text>{t('orglife.letter.issuer', { from: l.fromOrgName })}</Typography.Text>
            <Typography.Text>{t('orglife.letter.date', { date: l.transferOn })}</Typography.Text>
          </Flex>
        </Flex>
      </div>
    </Flex>
  )
}
