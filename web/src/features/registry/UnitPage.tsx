import { Card, Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { NotFound } from '../../components/StatusPages.tsx'
import { useUnit } from './api.ts'
import { UnitDetail } from './UnitDetail.tsx'

export function UnitPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = Number(useParams().id)
  const valid = Number.isInteger(id) && id > 0
  const unit = useUnit(valid ? id : null)
  if (!valid) return <NotFound />
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-title">
          {unit.data?.name ?? t('units.detailTitle')}
        </Typography.Title>
        {unit.data?.leftOn && <Tag>{t('units.left')}</Tag>}
      </Flex>
      <Card>
        <UnitDetail
          id={id}
          onDeleted={() =>
            void navigate(unit.data?.buildingId ? `/buildings/${unit.data.buildingId}` : '/units', {
              replace: true,
            })
          }
        />
      </Card>
    </Flex>
  )
}
