import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import type { Completeness } from '@tongxin/contracts'
import { Flex, Progress, Tag, Typography, theme } from 'antd'
import { useTranslation } from 'react-i18next'

type Item = Completeness['items'][number]

export function ScoreBar({ score }: { score: number }) {
  const { t } = useTranslation()
  return (
    <Flex align="center" gap={8} style={{ minWidth: 160 }}>
      <Progress
        aria-label={t('buildings.score', { score })}
        percent={score * 20}
        steps={5}
        showInfo={false}
        strokeColor={score === 5 ? '#52c41a' : '#c8161d'}
        size={{ width: 16 }}
      />
      <Typography.Text strong data-testid="completeness-score">
        {t('buildings.score', { score })}
      </Typography.Text>
    </Flex>
  )
}

/** The five 清 as a checklist: what is done and, for the rest, what is missing. */
export function CompletenessList({ items }: { items: Item[] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  return (
    <Flex vertical gap={6} component="ul" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {items.map((item) => (
        <Flex key={item.key} component="li" gap={8} align="baseline" wrap>
          {item.ok ? (
            <CheckCircleFilled style={{ color: token.colorSuccess }} />
          ) : item.state === 'stale' ? (
            <ClockCircleFilled style={{ color: token.colorWarning }} />
          ) : (
            <CloseCircleFilled style={{ color: token.colorError }} />
          )}
          <Typography.Text strong={!item.ok} data-testid={`completeness-${item.key}`} data-state={item.state}>
            {t(`completenessKeys.${item.key}`)}
          </Typography.Text>
          {!item.ok && item.missing && <Typography.Text type="secondary">{item.missing}</Typography.Text>}
        </Flex>
      ))}
    </Flex>
  )
}

/** Compact form for tables: one tag per missing 清. */
export function MissingTags({ items }: { items: Item[] }) {
  const { t } = useTranslation()
  const missing = items.filter((i) => !i.ok)
  if (missing.length === 0) return <Tag color="success">{t('completeness.complete')}</Tag>
  return (
    <Flex gap={4} wrap>
      {missing.map((i) => (
        <Tag
          key={i.key}
          color={i.state === 'stale' ? 'warning' : 'error'}
          title={i.missing}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`completenessKeys.${i.key}`)}
          {i.missing ? ` · ${i.missing}` : ''}
        </Tag>
      ))}
    </Flex>
  )
}
