/** The volunteers API routes declared in the table so far (the rest are still declared in the server's routes). */
import Type from 'typebox'
import type { RouteTable } from './route-table.ts'
import { DutyPoint, PointListQuery } from './volunteers.ts'

export const volunteersApi = {
  'GET /api/volunteers/points': { query: PointListQuery, response: Type.Array(DutyPoint) },
} as const satisfies RouteTable
