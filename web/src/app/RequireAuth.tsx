import { Flex, Spin } from 'antd'
import { lazy, type ReactNode, Suspense } from 'react'
import { Navigate, useLocation } from 'react-router'
import { Forbidden, LoadError } from '../components/StatusPages.tsx'
import { hasPermission, useMe, useSession } from '../features/auth/session.ts'

const ForcedPasswordPage = lazy(() =>
  import('../features/accounts/PasswordPages.tsx').then((m) => ({ default: m.ForcedPasswordPage })),
)

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
  // The server refuses everything else until a password someone else set is replaced.
  if (me.data.mustChangePassword)
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ForcedPasswordPage />
      </Suspense>
    )
  return children
}

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const me = useSession()
  return hasPermission(me, permission) ? children : <Forbidden />
}
