import { Flex, Typography } from 'antd'
import type { ReactNode } from 'react'

export interface CardFact {
  label: string
  value: ReactNode
}

/** One row of a list on a phone: its name, a line under it, and its figures as label–value pairs. */
export function RowCard({
  title,
  subtitle,
  facts,
}: {
  title: ReactNode
  subtitle?: ReactNode
  facts: CardFact[]
}) {
  return (
    <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
      {title}
      {subtitle && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {subtitle}
        </Typography.Text>
      )}
      <Flex wrap gap="2px 16px">
        {facts.map((f) => (
          <span key={f.label} data-testid="card-fact">
            <Typography.Text type="secondary">{f.label}</Typography.Text> {f.value}
          </span>
        ))}
      </Flex>
    </Flex>
  )
}
