import { createBrowserRouter, type RouteObject } from 'react-router'
import { NotFound } from '../components/StatusPages.tsx'
import { LoginPage } from '../features/auth/LoginPage.tsx'
import { AppLayout } from './AppLayout.tsx'
import { MODULES } from './modules.tsx'
import { RequireAuth, RequirePermission } from './RequireAuth.tsx'

const moduleRoutes: RouteObject[] = MODULES.map(({ key, path, permission, page: Page }) => ({
  id: key,
  path,
  element: (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  ),
}))

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [...moduleRoutes, { path: '*', element: <NotFound /> }],
    },
  ])
}
