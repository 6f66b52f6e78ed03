import { createBrowserRouter, type RouteObject } from 'react-router'
import { NotFound } from '../components/StatusPages.tsx'
import { LoginPage } from '../features/auth/LoginPage.tsx'
import { AppLayout } from './AppLayout.tsx'
import { MODULES } from './modules.tsx'
import { RequireAuth, RequirePermission } from './RequireAuth.tsx'

const moduleRoutes: RouteObject[] = MODULES.flatMap(
  ({ key, path, permission, page: Page, children = [] }) => [
    {
      id: key,
      path,
      element: (
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      ),
    },
    ...children.map(({ path: childPath, page: Child }) => ({
      id: `${key}/${childPath}`,
      path: `${path}/${childPath}`,
      element: (
        <RequirePermission permission={permission}>
          <Child />
        </RequirePermission>
      ),
    })),
  ],
)

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
