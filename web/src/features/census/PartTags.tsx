import type { CensusPart, CompletenessItem } from '@tongxin/contracts'
import { Flex, Tag } from 'antd'
import { useTranslation } from 'react-i18next'

const COLOR = { clear: 'success', stale: 'warning', missing: 'error' } as const

/** The five parts as tags coloured by state (clear / stale / missing), each titled with its last check. */
export function PartStates({ items }: { items: CompletenessItem[] }) {
  const { t } = useTranslation()
  return (
    <Flex gap={6} wrap data-testid="part-states">
      {items.map((i) => (
        <Tag
          key={i.key}
          color={COLOR[i.state]}
          data-testid={`part-state-${i.key}`}
          data-state={i.state}
          title={
            i.verifiedOn
              ? t('census.verifiedBy', { date: i.verifiedOn, name: i.verifiedBy ?? '—' })
              : i.missing || undefined
          }
          style={{ marginInlineEnd: 0 }}
        >
          {t(`completenessKeys.${i.key}`)} · {t(`census.states.${i.state}`)}
        </Tag>
      ))}
    </Flex>
  )
}

export function StalePartTags({ parts }: { parts: CensusPart[] }) {
  const { t } = useTranslation()
  if (parts.length === 0) return <Tag color="success">{t('census.allClear')}</Tag>
  return (
    <Flex gap={4} wrap>
      {parts.map((p) => (
        <Tag key={p} color="warning" style={{ marginInlineEnd: 0 }}>
          {t(`completenessKeys.${p}`)}
        </Tag>
      ))}
    </Flex>
  )
}
