import { BellOutlined } from '@ant-design/icons'
import { Badge, Button, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useUnreadCount } from './api.ts'

/** The shell's bell: the unread count, and the inbox one tap away. */
export function NotificationBell({ size }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data } = useUnreadCount()
  const count = data?.count ?? 0
  const label = count > 0 ? t('notify.bellCount', { count }) : t('notify.bell')
  return (
    <Tooltip title={label}>
      <Badge count={count} size="small" overflowCount={99} data-testid="notify-count">
        <Button
          type="text"
          size={size}
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={label}
          data-testid="notify-bell"
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </Tooltip>
  )
}
