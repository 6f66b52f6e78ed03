import { Flex, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { Forbidden, LoadError } from '../components/StatusPages.tsx'
import { hasPermission, useMe, useSession } from '../features/auth/session.ts'

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  )
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <FullPageSpin />
  if (me.data === undefined) return <LoadError error={me.error} onRetry={() => void me.refetch()} />
  if (me.data === null) return <Navigate to="/login" replace state={{ from: location }} />
  return children
}

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const me = useSession()
  return hasPermission(me, permission) ? children : <Forbidden />
}
