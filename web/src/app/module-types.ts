import type { Me } from '@tongxin/contracts'
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react'
import type { MessageShape } from '../i18n/zh-CN.ts'

// The shapes of menu entries and public pages: app/modules.tsx lists them, each feature's modules.tsx and
// publicPages.ts declares its own; both import these from here, so neither imports the other's list.

export type ModuleKey = Exclude<keyof MessageShape['nav'], 'menu'>

/** The menu's groups (at most seven, issue 13), in menu order; labels in `navGroups` (i18n/*.desk.ts, en-US.ts). */
export const MENU_GROUPS = [
  'figures',
  'registry',
  'exchange',
  'activities',
  'volunteering',
  'enterprise',
  'system',
] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]

/**
 * For entries whose use depends on facts beyond roles (the points one coordinates, a party member's record
 * linked to the account): the page's own first query, run by the menu with the same key and request so the
 * page then opens from the cache. The entry shows once the answer says the page has something for this
 * session; an error whose code is in `hideOn` hides it, any other error shows it (the page explains).
 */
export interface MenuProbe {
  queryKey: readonly unknown[]
  /** The page's first request, through the route table: `(signal) => call('GET /api/…', { signal })`. */
  fetch: (signal: AbortSignal) => Promise<unknown>
  applies: (data: unknown) => boolean
  hideOn?: readonly string[]
}

/**
 * One entry per module gives both its menu item and its route. A new module (registry, coverage, exchange,
 * events, volunteers, waste, surveys, enterprise) is one more entry here plus its `nav.<key>` message.
 */
export interface ModuleEntry {
  key: ModuleKey
  path: string
  icon: ReactNode
  /** The menu group it is listed under; only home stands outside the groups. */
  group?: MenuGroup
  /** Shown and routable only for sessions holding this permission; omitted = every signed-in user. */
  permission?: string
  /** Area-wide pages (gap list, completeness): hidden from sessions scoped to a building or organisation only. */
  areaWide?: boolean
  /**
   * Beyond the permission, for the menu only (the route stays the permission's): whether the session's grants
   * make the page useful, e.g. a building's patrols for those granted on a building rather than a whole street.
   */
  menuIf?: (me: Me) => boolean
  probe?: MenuProbe
  page: LazyExoticComponent<ComponentType>
  /** Pages under the module's path (e.g. `/buildings/:id`), behind the same permission. */
  children?: { path: string; page: LazyExoticComponent<ComponentType> }[]
}

/**
 * A page outside the signed-in layout, reachable without logging in (a kiosk, a public board, a survey's
 * answering page, a QR content page). Its API calls must be public routes on the server. The list is
 * `PUBLIC_PAGES` in publicPages.ts: this file (the menu, its icons, every module) belongs to the desk chunk.
 */
export interface PublicPage {
  path: string
  page: LazyExoticComponent<ComponentType>
}
