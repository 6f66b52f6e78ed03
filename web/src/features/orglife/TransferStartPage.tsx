import { useQuery } from '@tanstack/react-query'
import { Skeleton, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'

/**
 * Where the gap list's "relation not transferred" leads: the member's organisation's transfer tab, with the
 * transfer from outside the platform started for them.
 */
export function TransferStartPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const personId = Number(params.get('person'))
  const person = useQuery({
    queryKey: orglifeKeys.start(personId),
    queryFn: ({ signal }) => call('GET /api/people/:id', { params: { id: personId }, signal }),
    enabled: Number.isInteger(personId) && personId > 0,
  })
  const orgId = person.data?.membership?.partyOrgId
  useEffect(() => {
    if (orgId)
      void navigate(`/orglife/orgs/${orgId}?tab=transfers&person=${personId}&direction=incoming`, {
        replace: true,
      })
  }, [orgId, personId, navigate])
  if (person.isError) return <LoadError error={person.error} onRetry={() => void person.refetch()} />
  return (
    <>
      <Typography.Title level={3}>{t('orglife.start.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('orglife.start.loading')}</Typography.Text>
      <Skeleton active />
    </>
  )
}
