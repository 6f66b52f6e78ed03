/** The coverage API (figures, drill-down, the gap list) and the census snapshots the coverage page shows. */
import Type from 'typebox'
import { Page, PageQuery } from './common.ts'
import {
  Completeness,
  CoverageFigures,
  CoverageQuery,
  DrillQuery,
  DrillRow,
  Gap,
  GapCounts,
  GapQuery,
  JointBranchProposal,
  Snapshot,
} from './coverage.ts'
import type { RouteTable } from './route-table.ts'

const AreaParam = CoverageQuery.properties.area
const AreaOnly = Type.Object({ area: Type.Optional(AreaParam) }, { additionalProperties: false })

export const coverageApi = {
  'GET /api/coverage': { query: CoverageQuery, response: CoverageFigures },
  'GET /api/coverage/rows': { query: DrillQuery, response: Page(DrillRow) },
  'GET /api/gaps': { query: GapQuery, response: Page(Gap) },
  'GET /api/gaps/counts': { query: AreaOnly, response: GapCounts },
  'GET /api/gaps/joint-branch-proposals': {
    query: AreaOnly,
    response: Type.Object({
      items: Type.Array(JointBranchProposal),
      unplaced: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), members: Type.Integer() })),
    }),
  },
} as const satisfies RouteTable

/** server/src/modules/census/routes.ts: completeness and snapshots (visits and the map: census-routes.ts). */
export const censusApi = {
  'GET /api/census/completeness': {
    query: Type.Object({ area: AreaParam, ...PageQuery }, { additionalProperties: false }),
    response: Page(Completeness),
  },
  'GET /api/census/snapshots': { query: AreaOnly, response: Type.Object({ items: Type.Array(Snapshot) }) },
  'POST /api/census/snapshots': {
    body: Type.Object(
      {
        area: Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' }),
        label: Type.Optional(Type.String({ maxLength: 60 })),
      },
      { additionalProperties: false },
    ),
    response: Snapshot,
    status: 201,
  },
  'GET /api/census/snapshots/compare': {
    query: Type.Object(
      { from: Type.Integer({ minimum: 1 }), to: Type.Optional(Type.Integer({ minimum: 1 })) },
      { additionalProperties: false },
    ),
    response: Type.Object({
      areaCode: Type.String(),
      from: Type.Object({ id: Type.Integer(), takenOn: Type.String() }),
      to: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), takenOn: Type.String() }),
      changes: Type.Array(
        Type.Object({ key: Type.String(), from: Type.Number(), to: Type.Number(), delta: Type.Number() }),
      ),
    }),
  },
} as const satisfies RouteTable
