import { Suspense } from 'react'
import { createBrowserRouter, type RouteObject } from 'react-router'
import { NotFound } from '../components/StatusPages.tsx'
import { LoginPage } from '../features/auth/LoginPage.tsx'
import { AppLayout } from './AppLayout.tsx'
import { MODULES, PUBLIC_PAGES } from './modules.tsx'
import { FullPageSpin, RequireAuth, RequirePermission } from './RequireAuth.tsx'

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
    ...PUBLIC_PAGES.map(({ path, page: Page }) => ({
      path,
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <Page />
        </Suspense>
      ),
    })),
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
