import { useQuery } from '@tanstack/react-query'
import { Card, Descriptions, Flex, Result, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'

/** Public page the letter's QR code opens: genuine or not, with the member's name masked. */
export function VerifyLetterPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const no = params.get('no') ?? ''
  const sig = params.get('sig') ?? ''
  const v = useQuery({
    queryKey: orglifeKeys.verify(no, sig),
    queryFn: ({ signal }) => call('GET /api/orglife/letters/verify', { query: { no, sig }, signal }),
    enabled: no.length > 0 && sig.length > 0,
  })
  return (
    <Flex vertical align="center" style={{ padding: 16 }}>
      <Card
        style={{ width: '100%', maxWidth: 480 }}
        title={t('orglife.verify.title')}
        extra={<LanguageSwitch />}
      >
        {v.isPending && no ? (
          <Skeleton active />
        ) : v.data?.valid ? (
          <>
            <Result status="success" title={t('orglife.verify.valid')} data-testid="letter-valid" />
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'no', label: 'No.', children: v.data.letterNo },
                { key: 'member', label: t('orglife.verify.member'), children: v.data.memberName },
                { key: 'from', label: t('orglife.verify.from'), children: v.data.fromOrgName },
                { key: 'to', label: t('orglife.verify.to'), children: v.data.toOrgName },
                { key: 'date', label: t('orglife.verify.date'), children: v.data.transferOn },
                { key: 'due', label: t('orglife.verify.due'), children: v.data.dueOn },
                {
                  key: 'status',
                  label: t('orglife.verify.status'),
                  children: v.data.status ? t(`orglife.transfers.status.${v.data.status}`) : '—',
                },
              ]}
            />
          </>
        ) : (
          <Result status="error" title={t('orglife.verify.invalid')} data-testid="letter-invalid" />
        )}
      </Card>
    </Flex>
  )
}
