import { Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { Outcome, Panel } from '../../components/Light.tsx'
import { usePublicBrand } from './api.ts'
import { BrandStory } from './BrandStory.tsx'

/** The public brand page (no login): phone-first, one column. */
export function BrandPublicPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const brand = usePublicBrand(id)
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      {brand.isLoading && <Skeleton active />}
      {brand.error && <Outcome status="warning" title={t('enterprise.brands.notFound')} />}
      {brand.data && (
        <Panel padding={24}>
          <BrandStory brand={brand.data} />
        </Panel>
      )}
    </div>
  )
}
