import type { Brand } from '@tongxin/contracts'
import { Flex, Tag, Timeline } from 'antd'
import { useTranslation } from 'react-i18next'
import { Paragraph, Text, Title } from '../../components/Light.tsx'

/** The brand as the public sees it: name, organisation, slogan, story, activities, volunteer team. */
export function BrandStory({ brand }: { brand: Brand }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={8}>
      <Title level={3} style={{ margin: 0 }} data-testid="brand-name">
        {brand.name}
      </Title>
      <Text type="secondary">{brand.partyOrgName}</Text>
      {brand.slogan && (
        <Tag color="red" style={{ alignSelf: 'flex-start', whiteSpace: 'normal' }}>
          {brand.slogan}
        </Tag>
      )}
      <Title level={5} style={{ margin: 0 }}>
        {t('enterprise.brands.story')}
      </Title>
      <Paragraph style={{ margin: 0 }}>{brand.story}</Paragraph>
      <Title level={5} style={{ margin: 0 }}>
        {t('enterprise.brands.activities')}
      </Title>
      <Timeline
        items={brand.activities.map((a) => ({
          children: (
            <>
              <Text strong>{a.title}</Text> <Text type="secondary">{a.on ?? ''}</Text>
              <br />
              {a.description}
            </>
          ),
        }))}
      />
      {brand.volunteerTeam && (
        <Paragraph style={{ margin: 0 }}>
          <Text type="secondary">{t('enterprise.brands.volunteers')}：</Text>
          {brand.volunteerTeam}
          {brand.volunteerCount !== null &&
            `（${t('enterprise.brands.volunteerCount', { count: brand.volunteerCount })}）`}
        </Paragraph>
      )}
    </Flex>
  )
}
