import { App as AntApp } from 'antd'
import { Route, Routes } from 'react-router'
import { NotFound } from '../components/StatusPages.tsx'
import '../i18n/accounts.ts'
import '../i18n/desk.ts'
import '../i18n/orglife.ts'
import { AppLayout } from './AppLayout.tsx'
import { MODULES } from './modules.tsx'
import { RequireAuth, RequirePermission } from './RequireAuth.tsx'

const routes = MODULES.flatMap(({ key, path, permission, page: Page, children = [] }) => [
  <Route
    key={key}
    path={path}
    element={
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    }
  />,
  ...children.map(({ path: childPath, page: Child }) => (
    <Route
      key={`${key}/${childPath}`}
      path={`${path}/${childPath}`}
      element={
        <RequirePermission permission={permission}>
          <Child />
        </RequirePermission>
      }
    />
  )),
])

/**
 * The signed-in desk, one lazy chunk: the session guard, the menu layout, every module's route and antd's
 * <App> (message, notification and modal hooks). The shell (App.tsx) routes every path that is not login
 * or a public page here, so a public page never loads the menu, its icons or the module list.
 */
export function Desk() {
  return (
    <RequireAuth>
      <AntApp>
        <Routes>
          <Route element={<AppLayout />}>
            {routes}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </AntApp>
    </RequireAuth>
  )
}
