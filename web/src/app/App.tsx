import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
import { BootSkeleton } from './BootSkeleton.tsx'
import { Providers } from './Providers.tsx'
import { PUBLIC_PAGES } from './publicPages.ts'

/*
 * The shell routes only: login, the public pages and "everything else" (the signed-in desk). Each is its own
 * chunk, so a phone opening a kiosk or a survey loads that page and the shell, not the menu, the module list
 * or the login form. Declarative routing (<BrowserRouter>): no page uses loaders or actions, and the data
 * router would add about 20 kB of gzip to every page's first load.
 */
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })))
const Desk = lazy(() => import('./Desk.tsx').then((m) => ({ default: m.Desk })))

const element = (Page: LazyExoticComponent<ComponentType>) => (
  <Suspense fallback={<BootSkeleton />}>
    <Page />
  </Suspense>
)

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={element(LoginPage)} />
          {PUBLIC_PAGES.map(({ path, page }) => (
            <Route key={path} path={path} element={element(page)} />
          ))}
          {/* Module paths are matched inside the desk (descendant <Routes>), once its chunk is in. */}
          <Route path="*" element={element(Desk)} />
        </Routes>
      </BrowserRouter>
    </Providers>
  )
}
