import {
  BankOutlined,
  BarChartOutlined,
  ClusterOutlined,
  FlagOutlined,
  HeartOutlined,
  SettingOutlined,
  ShopOutlined,
} from '@ant-design/icons'
import { useQueries } from '@tanstack/react-query'
import { Menu, type MenuProps } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useSession } from '../features/auth/session.ts'
import { ApiError } from '../lib/api.ts'
import { MENU_GROUPS, type MenuGroup, type ModuleEntry } from './module-types.ts'
import { MODULES, moduleForPath, moduleVisible } from './modules.tsx'

const GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  figures: <BarChartOutlined />,
  registry: <BankOutlined />,
  exchange: <ClusterOutlined />,
  activities: <FlagOutlined />,
  volunteering: <HeartOutlined />,
  enterprise: <ShopOutlined />,
  system: <SettingOutlined />,
}

const groupKey = (g: MenuGroup) => `group:${g}`

/** The session's entries: its grants decide, then each probe's answer (hidden while it is asked). */
function useVisibleModules(): ModuleEntry[] {
  const me = useSession()
  const candidates = MODULES.filter((m) => moduleVisible(me, m))
  const probed = candidates.filter((m) => m.probe)
  const answers = useQueries({
    queries: probed.map((m) => {
      const probe = m.probe!
      return {
        queryKey: probe.queryKey,
        queryFn: ({ signal }: { signal: AbortSignal }) => probe.fetch(signal),
        retry: false,
        staleTime: 60_000,
      }
    }),
  })
  const shown = new Set<ModuleEntry>()
  probed.forEach((m, i) => {
    const a = answers[i]!
    if (a.isSuccess && m.probe!.applies(a.data)) shown.add(m)
    const refused = a.error instanceof ApiError && m.probe!.hideOn?.includes(a.error.code)
    if (a.isError && !refused) shown.add(m)
  })
  return candidates.filter((m) => !m.probe || shown.has(m))
}

/**
 * The menu, grouped (issue 13: 35–46 flat entries were taller than a 900 px screen). Home first, then the
 * groups that have entries for this session; a group with one entry is that entry. One group is open at a
 * time, the current page's when the page changes, so the menu stays about one group taller than its headings.
 */
export function NavMenu({ onNavigate, collapsed }: { onNavigate?: () => void; collapsed?: boolean }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const visible = useVisibleModules()
  const current = moduleForPath(pathname)
  const currentGroup = current?.group ? groupKey(current.group) : undefined
  const [openKeys, setOpenKeys] = useState<string[]>(currentGroup ? [currentGroup] : [])
  useEffect(() => {
    if (currentGroup) setOpenKeys([currentGroup])
  }, [currentGroup])

  const entry = (m: ModuleEntry) => ({
    key: m.key,
    icon: m.icon,
    label: (
      <Link to={m.path} data-testid={`nav-${m.key}`} title={t(`nav.${m.key}`)}>
        {t(`nav.${m.key}`)}
      </Link>
    ),
  })
  const items: NonNullable<MenuProps['items']> = visible.filter((m) => !m.group).map(entry)
  for (const g of MENU_GROUPS) {
    const members = visible.filter((m) => m.group === g)
    if (members.length === 1) items.push(entry(members[0]!))
    else if (members.length > 1)
      items.push({
        key: groupKey(g),
        icon: GROUP_ICONS[g],
        label: (
          // Which entries it holds, for tests to open the right group (a closed group's entries are not in the page).
          <span
            data-testid={`nav-group-${g}`}
            data-entries={members.map((m) => m.key).join(' ')}
            title={t(`navGroups.${g}`)}
            // antd puts a group's label straight into its flex title, unwrapped: let it shrink and wrap.
            style={{ flex: 'auto', minWidth: 0, whiteSpace: 'normal', overflowWrap: 'break-word' }}
          >
            {t(`navGroups.${g}`)}
          </span>
        ),
        children: members.map(entry),
      })
  }

  // Opening a group closes the others.
  const onOpenChange = (keys: string[]) => {
    const opened = keys.filter((k) => !openKeys.includes(k))
    setOpenKeys(opened.length > 0 ? opened.slice(-1) : keys)
  }
  return (
    <Menu
      mode="inline"
      className="tx-nav"
      items={items}
      selectedKeys={current ? [current.key] : []}
      // A collapsed sider shows groups as pop-outs, which antd opens and closes itself.
      {...(collapsed ? {} : { openKeys, onOpenChange })}
      onClick={onNavigate}
      style={{ borderInlineEnd: 0 }}
    />
  )
}
