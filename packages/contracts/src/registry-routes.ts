/** The registry API routes declared in the table so far (the rest are still declared in the server's routes). */
import { IdParams } from './common.ts'
import { PartyOrg } from './registry.ts'
import type { RouteTable } from './route-table.ts'

export const registryApi = {
  'GET /api/party-orgs/:id': { params: IdParams, response: PartyOrg },
} as const satisfies RouteTable
