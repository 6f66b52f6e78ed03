import { Alert, Flex, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { usePoints, useRotatingQr } from './api.ts'
import { QrImage } from './shared.tsx'

/**
 * The point's screen: a large rotating code for volunteers to scan. It stays behind sign-in (a coordinator's
 * device) — a public page would let anyone fetch the code from anywhere and check in without being there.
 */
export function PointQrPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const points = usePoints(true)
  const qr = useRotatingQr(Number.isInteger(id) && id > 0 ? { kind: 'point', id } : null)
  const name = points.data?.find((p) => p.id === id)?.name ?? ''
  return (
    <Flex vertical align="center" gap={12} style={{ padding: 16 }}>
      <Typography.Title level={3} style={{ margin: 0, textAlign: 'center' }}>
        {t('volunteers.coord.qrTitle', { point: name })}
      </Typography.Title>
      {qr.error && <Alert type="error" showIcon title={qr.error.message} />}
      {qr.data ? <QrImage qr={qr.data} size={360} /> : !qr.error && <Skeleton.Image active />}
      <Typography.Text type="secondary">{t('volunteers.coord.qrHint')}</Typography.Text>
    </Flex>
  )
}
