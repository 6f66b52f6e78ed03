import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons'
import { Button, Drawer, Flex, Layout, Tooltip, Typography, theme } from 'antd'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useNavigate } from 'react-router'
import { RoleTags } from '../components/grants.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { useLogout, useSession } from '../features/auth/session.ts'
import { NotificationBell } from '../features/notifications/NotificationBell.tsx'
import { PHONE_QUERY, useMediaQuery } from '../lib/useMediaQuery.ts'
import { NavMenu } from './NavMenu.tsx'
import { FullPageSpin } from './RequireAuth.tsx'

const { Header, Sider, Content } = Layout

function Brand({ collapsed, short }: { collapsed?: boolean; short?: boolean }) {
  const { t } = useTranslation()
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      {!collapsed && (
        <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
          {short ? t('app.shortTitle') : t('app.title')}
        </Typography.Text>
      )}
    </Link>
  )
}

function LogoutButton({ iconOnly }: { iconOnly?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const logout = useLogout()
  const signOut = async () => {
    try {
      await logout.mutateAsync()
    } catch {
      // Signed out locally all the same (see useLogout).
    }
    // Explicitly, without a `from`: the next person to sign in starts at home, not on this user's page.
    void navigate('/login', { replace: true })
  }
  const button = (
    <Button
      data-testid="logout"
      icon={<LogoutOutlined />}
      aria-label={t('auth.logout')}
      loading={logout.isPending}
      onClick={() => void signOut()}
    >
      {iconOnly ? null : t('auth.logout')}
    </Button>
  )
  return iconOnly ? <Tooltip title={t('auth.logout')}>{button}</Tooltip> : button
}

export function AppLayout() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const { token } = theme.useToken()
  const [collapsed, setCollapsed] = useState(false)
  const [drawerOpen, setDrawerOpen] = useState(false)

  const headerStyle = {
    display: 'flex',
    alignItems: 'center',
    gap: isPhone ? 8 : 16,
    paddingInline: isPhone ? 12 : 24,
    background: token.colorBgContainer,
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    position: 'sticky' as const,
    top: 0,
    zIndex: 10,
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The first stop for the keyboard: past the 30-odd menu entries straight to the page (WCAG 2.4.1). */}
      <a href="#main" className="tx-skip-link" data-testid="skip-link">
        {t('app.skipToContent')}
      </a>
      {!isPhone && (
        <Sider
          collapsible
          collapsed={collapsed}
          // Our own control below the menu: antd's trigger is fixed to the window's bottom and covered the
          // entry that reached it.
          trigger={null}
          width={232}
          theme="light"
          data-testid="nav-sider"
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
          }}
        >
          <Flex vertical style={{ height: '100%' }}>
            <div
              style={{
                height: 64,
                flex: 'none',
                display: 'flex',
                alignItems: 'center',
                paddingInline: collapsed ? 26 : 20,
              }}
            >
              <Brand collapsed={collapsed} short />
            </div>
            {/* The menu scrolls inside the sider when a long group is open; the control stays below it. */}
            <div
              data-testid="nav-scroll"
              style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }}
            >
              <NavMenu collapsed={collapsed} />
            </div>
            <Button
              type="text"
              block
              data-testid="nav-collapse"
              aria-label={collapsed ? t('navGroups.expand') : t('navGroups.collapse')}
              title={collapsed ? t('navGroups.expand') : t('navGroups.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              style={{
                flex: 'none',
                height: 48,
                borderRadius: 0,
                borderTop: `1px solid ${token.colorBorderSecondary}`,
              }}
            />
          </Flex>
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header style={headerStyle}>
          {isPhone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {isPhone ? (
            <Brand short />
          ) : (
            <Typography.Text strong ellipsis title={t('app.title')} style={{ fontSize: 16, minWidth: 0 }}>
              {t('app.title')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          {!isPhone && (
            // The title gives way first: who is signed in, and as what, must stay readable.
            <Flex align="center" gap={8} style={{ flex: 'none' }}>
              {/* The person's own menu: their name opens 修改密码. */}
              <Link to="/password" data-testid="user-name" title={t('nav.password')}>
                {me.account.displayName}
              </Link>
              <RoleTags grants={me.grants} max={1} />
            </Flex>
          )}
          <NotificationBell size={isPhone ? 'small' : 'middle'} />
          <LanguageSwitch size={isPhone ? 'small' : 'middle'} />
          <LogoutButton iconOnly={isPhone} />
        </Header>
        <Content id="main" tabIndex={-1} style={{ padding: isPhone ? 12 : 24, minWidth: 0, outline: 'none' }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          size={264}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Brand short />}
          data-testid="nav-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <Flex vertical gap={6} style={{ padding: '12px 24px' }}>
            <Link to="/password" onClick={() => setDrawerOpen(false)} data-testid="user-name-phone">
              <Typography.Text strong>{me.account.displayName}</Typography.Text>
            </Link>
            <RoleTags grants={me.grants} />
          </Flex>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  )
}
