/**
 * Every route declared in a table (docs/ARCHITECTURE.md, "One route table"): the server registers these entries
 * and the web calls them, so a changed path or answer breaks the build rather than the page. Features not yet
 * listed still declare their schemas in their server routes file and are called with `api<T>()`.
 */
import { accountsApi } from './accounts-routes.ts'
import { authApi } from './auth-routes.ts'
import { censusVisitsApi, mapApi } from './census-routes.ts'
import { censusApi, coverageApi } from './coverage-routes.ts'
import { enterpriseApi } from './enterprise-routes.ts'
import { eventsApi } from './events-routes.ts'
import { exchangeApi } from './exchange-routes.ts'
import { importsApi } from './imports-routes.ts'
import { notificationsApi } from './notifications-routes.ts'
import { orglifeApi } from './orglife-routes.ts'
import { areasApi, auditApi, healthApi, operationsApi, workbenchApi } from './platform-routes.ts'
import { registryApi } from './registry-routes.ts'
import type { RouteInput, RouteOutput } from './route-table.ts'
import { surveysApi } from './surveys-routes.ts'
import { volunteersApi } from './volunteers-routes.ts'
import { wasteApi } from './waste-routes.ts'

export const apiRoutes = {
  ...accountsApi,
  ...areasApi,
  ...auditApi,
  ...authApi,
  ...censusApi,
  ...censusVisitsApi,
  ...coverageApi,
  ...enterpriseApi,
  ...eventsApi,
  ...exchangeApi,
  ...healthApi,
  ...importsApi,
  ...mapApi,
  ...notificationsApi,
  ...operationsApi,
  ...orglifeApi,
  ...registryApi,
  ...surveysApi,
  ...volunteersApi,
  ...wasteApi,
  ...workbenchApi,
}
export type ApiRoutes = typeof apiRoutes
export type ApiKey = keyof ApiRoutes
export type ApiInput<K extends ApiKey> = RouteInput<ApiRoutes[K]>
export type ApiOutput<K extends ApiKey> = RouteOutput<ApiRoutes[K]>
