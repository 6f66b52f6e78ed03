/** The imports API: templates, the dry run and commit of a registry import, and the workbooks exported. */
import Type from 'typebox'
import { IdParams } from './common.ts'
import { GAP_RULES } from './coverage.ts'
import { IMPORT_KINDS, ImportJob } from './imports.ts'
import type { RouteTable } from './route-table.ts'

/** The registry lists that export as a workbook shaped like their import template. */
export const EXPORT_LISTS = ['buildings', 'units', 'party_orgs', 'people'] as const
export type ExportList = (typeof EXPORT_LISTS)[number]

/** A file answer (a workbook), linked to rather than called. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
const AreaPattern = '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'

export const ImportKindParams = Type.Object(
  { kind: Type.Enum([...IMPORT_KINDS]) },
  { additionalProperties: false },
)
export const ImportUploadQuery = Type.Object(
  { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
)
export const ExportAreaQuery = Type.Object(
  { area: Type.Optional(Type.String({ pattern: AreaPattern })) },
  { additionalProperties: false },
)
export const GapExportQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: AreaPattern })),
    rule: Type.Optional(Type.Enum([...GAP_RULES])),
  },
  { additionalProperties: false },
)
export const ExportListParams = Type.Object(
  { list: Type.Enum([...EXPORT_LISTS]) },
  { additionalProperties: false },
)

export const importsApi = {
  'GET /api/imports/templates/:kind': { params: ImportKindParams, response: Binary },
  'POST /api/imports/:kind': {
    params: ImportKindParams,
    query: ImportUploadQuery,
    response: ImportJob,
    status: 201,
  },
  'GET /api/imports/:id': { params: IdParams, response: ImportJob },
  // 200 when committed within the request, 202 when a large file continues in the background.
  'POST /api/imports/:id/commit': { params: IdParams, response: ImportJob, alsoStatus: 202 },
  'GET /api/exports/coverage': { query: ExportAreaQuery, response: Binary },
  'GET /api/exports/gaps': { query: GapExportQuery, response: Binary },
  'GET /api/exports/:list': { params: ExportListParams, query: ExportAreaQuery, response: Binary },
} as const satisfies RouteTable
