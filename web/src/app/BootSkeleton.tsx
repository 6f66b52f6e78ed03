import { useTranslation } from 'react-i18next'

/**
 * index.html's static skeleton (its styles are there, inline), drawn again by React while a page's code
 * loads, so the screen does not flash from the skeleton to a spinner and back on a slow link.
 */
export function BootSkeleton() {
  const { t } = useTranslation()
  return (
    <div className="tx-boot" role="status" data-testid="boot-skeleton">
      <svg width="56" height="56" viewBox="0 0 64 64" aria-hidden="true">
        <circle cx="32" cy="32" r="30" fill="#c8161d" />
        <circle cx="26" cy="32" r="12" fill="none" stroke="#fff" strokeWidth="5" />
        <circle cx="38" cy="32" r="12" fill="none" stroke="#ffd666" strokeWidth="5" />
      </svg>
      <p className="tx-boot-title">{t('app.title')}</p>
      <div className="tx-boot-bar" />
      <div>{t('common.loading')}</div>
    </div>
  )
}
