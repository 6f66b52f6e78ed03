import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../lib/api.ts'

export function NotFound() {
  const { t } = useTranslation()
  return (
    <Result
      data-testid="not-found"
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subTitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.backHome')}</Button>
        </Link>
      }
    />
  )
}

export function Forbidden() {
  const { t } = useTranslation()
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subTitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.backHome')}</Button>
        </Link>
      }
    />
  )
}

/** A failed load, with the server's (already localised) message and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const message = error instanceof ApiError ? error.message : t('common.unknownError')
  return (
    <Result
      status={error instanceof ApiError && error.status === 403 ? '403' : 'error'}
      title={t('common.loadFailed')}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  )
}
