/** The platform's small modules (server/src/modules: health, workbench, areas, audit, operations). */
import Type from 'typebox'
import { Area, AreaCode, AreaDetail, AreaListQuery } from './areas.ts'
import { AuditEntry, AuditListQuery } from './audit.ts'
import { Health, Page } from './common.ts'
import { AuditExportQuery, OpsStatus, Readiness } from './operations.ts'
import type { RouteTable } from './route-table.ts'
import { Workbench } from './workbench.ts'

export const healthApi = {
  'GET /api/health': { response: Health },
} as const satisfies RouteTable

/** The workbench takes no parameters; any query is refused. */
export const WorkbenchQuery = Type.Object({}, { additionalProperties: false })
export const workbenchApi = {
  'GET /api/workbench': { query: WorkbenchQuery, response: Workbench },
} as const satisfies RouteTable

export const AreaParams = Type.Object({ code: AreaCode })
export const areasApi = {
  'GET /api/areas': { query: AreaListQuery, response: Type.Object({ items: Type.Array(Area) }) },
  'GET /api/areas/:code': { params: AreaParams, response: AreaDetail },
} as const satisfies RouteTable

/** A file answer (a workbook); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
export const auditApi = {
  'GET /api/audit': { query: AuditListQuery, response: Page(AuditEntry) },
  'GET /api/audit/export': { query: AuditExportQuery, response: Binary },
} as const satisfies RouteTable

/** `GET /api/ready` answers Readiness with 503 too when not ready (the server declares that answer). */
export const operationsApi = {
  'GET /api/ready': { response: Readiness },
  'GET /api/ops/status': { response: OpsStatus },
} as const satisfies RouteTable
