import type { Brand } from '@tongxin/contracts'
import { Flex, Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The brand as the public sees it: name, organisation, slogan, story, activities, volunteer team. */
export function BrandStory({ brand }: { brand: Brand }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="brand-name">
        {brand.name}
      </Typography.Title>
      <Typography.Text type="secondary">{brand.partyOrgName}</Typography.Text>
      {brand.slogan && (
        <Tag color="red" style={{ alignSelf: 'flex-start', whiteSpace: 'normal' }}>
          {brand.slogan}
        </Tag>
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('enterprise.brands.story')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{brand.story}</Typography.Paragraph>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('enterprise.brands.activities')}
      </Typography.Title>
      <Timeline
        items={brand.activities.map((a) => ({
          children: (
            <>
              <Typography.Text strong>{a.title}</Typography.Text>{' '}
              <Typography.Text type="secondary">{a.on ?? ''}</Typography.Text>
              <br />
              {a.description}
            </>
          ),
        }))}
      />
      {brand.volunteerTeam && (
        <Typography.Paragraph style={{ margin: 0 }}>
          <Typography.Text type="secondary">{t('enterprise.brands.volunteers')}：</Typography.Text>
          {brand.volunteerTeam}
          {brand.volunteerCount !== null &&
            `（${t('enterprise.brands.volunteerCount', { count: brand.volunteerCount })}）`}
        </Typography.Paragraph>
      )}
    </Flex>
  )
}
