import { Collapse, List, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type HistoryRoute, useHistory } from './api.ts'

const OP_COLOR: Record<string, string> = { create: 'green', update: 'blue', delete: 'red' }

/** Who changed a registry row and when (the server keeps each earlier version); loaded when opened. */
export function HistoryList({ route, id }: { route: HistoryRoute; id: number }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const history = useHistory(route, id, open)
  return (
    <Collapse
      size="small"
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: 'history',
          label: t('regForms.history.title'),
          children: (
            <List
              size="small"
              loading={history.isPending && open}
              dataSource={history.data ?? []}
              locale={{ emptyText: t('regForms.history.empty') }}
              renderItem={(h) => (
                <List.Item key={h.id}>
                  <Typography.Text>
                    <Tag color={OP_COLOR[h.op]}>
                      {t(`regForms.history.ops.${h.op as 'create' | 'update' | 'delete'}`)}
                    </Tag>
                    {t('regForms.history.entry', {
                      at: new Date(h.at).toLocaleString(),
                      user: h.username ?? '—',
                      version: h.version,
                    })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  )
}
