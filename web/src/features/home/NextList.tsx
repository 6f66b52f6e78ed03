import {
  CalendarOutlined,
  FlagOutlined,
  RightOutlined,
  ScheduleOutlined,
  SearchOutlined,
} from '@ant-design/icons'
import type { EventKind, WorkbenchNext } from '@tongxin/contracts'
import { Button, Flex, Progress, Typography, theme } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { currentLanguage } from '../../i18n/index.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { formatWhen } from '../events/api.ts'
import { NEUTRAL } from './tones.ts'

const ICONS: Record<WorkbenchNext['kind'], ReactNode> = {
  shift: <ScheduleOutlined />,
  event: <CalendarOutlined />,
  organised_event: <FlagOutlined />,
  patrol: <SearchOutlined />,
}

function When({ item }: { item: WorkbenchNext }) {
  if (!item.startsAt) return null
  // Shanghai time wherever the browser is, as the calendar and the shift board show it.
  return (
    <time dateTime={item.startsAt} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatWhen(item.startsAt, item.endsAt ?? item.startsAt, currentLanguage())}
    </time>
  )
}

/** What is next for the caller, soonest kind first: their shift, their event, the one they run, today's patrol. */
export function NextList({ items }: { items: WorkbenchNext[] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const me = useSession()
  const navigate = useNavigate()
  if (items.length === 0)
    return (
      <Flex vertical gap={4} data-testid="workbench-next-empty">
        <Typography.Text>{t('workbench.nothingNext')}</Typography.Text>
        {/* What to do next, for the roles that can: sign up for a shift, find an event. */}
        <Flex gap={8} wrap>
          {hasPermission(me, 'volunteer.self') && (
            <Button size="small" onClick={() => navigate('/volunteer-shifts')}>
              {t('workbench.findShift')}
            </Button>
          )}
          {hasPermission(me, 'event.read') && (
            <Button size="small" onClick={() => navigate('/events')}>
              {t('workbench.findEvent')}
            </Button>
          )}
        </Flex>
      </Flex>
    )
  return (
    <Flex vertical gap={8} component="ul" style={{ margin: 0, padding: 0 }} data-testid="workbench-next">
      {items.map((item) => (
        <li key={`${item.kind}:${item.link}:${item.title}`} style={{ listStyle: 'none' }}>
          <Link
            to={item.link}
            data-testid={`workbench-next-${item.kind}`}
            style={{
              display: 'flex',
              gap: 10,
              alignItems: 'center',
              padding: '10px 12px',
              borderRadius: token.borderRadius,
              background: token.colorFillQuaternary,
              color: token.colorText,
            }}
          >
            <span aria-hidden style={{ fontSize: 18, color: NEUTRAL }}>
              {ICONS[item.kind]}
            </span>
            <span style={{ flex: 1, minWidth: 0 }}>
              <span style={{ display: 'block', fontSize: 12, color: NEUTRAL }}>
                {t(`workbench.next.${item.kind}`)}
                {item.eventKind ? ` · ${t(`events.kinds.${item.eventKind as EventKind}`)}` : ''}
              </span>
              <span style={{ display: 'block', fontWeight: 600, overflowWrap: 'anywhere' }}>
                {item.title}
              </span>
              <span style={{ display: 'block', fontSize: 13, color: NEUTRAL, overflowWrap: 'anywhere' }}>
                <When item={item} />
                {item.startsAt && item.detail ? ' · ' : ''}
                {item.detail}
              </span>
              {item.progress && (
                <span style={{ display: 'block' }}>
                  <Progress
                    percent={item.progress.total ? (item.progress.done / item.progress.total) * 100 : 0}
                    showInfo={false}
                    size="small"
                    strokeColor="#1677ff"
                    aria-label={t('workbench.next.floors', item.progress)}
                  />
                  <span style={{ fontSize: 12, color: NEUTRAL }}>
                    {t('workbench.next.floors', item.progress)}
                  </span>
                </span>
              )}
            </span>
            <RightOutlined aria-hidden style={{ fontSize: 12, color: NEUTRAL }} />
          </Link>
        </li>
      ))}
    </Flex>
  )
}
