/** The notifications API: my inbox and settings, the outbox (admin), robots and webhooks (channels). */
import Type from 'typebox'
import { IdParams, Ok, Page } from './common.ts'
import {
  Delivery,
  DeliveryQuery,
  Endpoint,
  EndpointInput,
  EndpointUpdate,
  InboxQuery,
  Notice,
  NotifyStatus,
  Preferences,
  PreferencesInput,
  ReadAllResult,
  UnreadCount,
} from './notifications.ts'
import { VersionBody } from './registry.ts'
import type { RouteTable } from './route-table.ts'

export const notificationsApi = {
  'GET /api/notifications': { query: InboxQuery, response: Page(Notice) },
  'GET /api/notifications/unread-count': { response: UnreadCount },
  'POST /api/notifications/:id/read': { params: IdParams, response: Ok },
  'POST /api/notifications/read-all': { response: ReadAllResult },
  'GET /api/notifications/preferences': { response: Preferences },
  'PUT /api/notifications/preferences': { body: PreferencesInput, response: Preferences },
  'GET /api/notifications/status': { response: NotifyStatus },
  'GET /api/notifications/deliveries': { query: DeliveryQuery, response: Page(Delivery) },
  'POST /api/notifications/deliveries/:id/retry': { params: IdParams, response: Ok },
  'GET /api/notifications/endpoints': { response: Type.Array(Endpoint) },
  'POST /api/notifications/endpoints': { body: EndpointInput, response: Endpoint, status: 201 },
  'PUT /api/notifications/endpoints/:id': { params: IdParams, body: EndpointUpdate, response: Endpoint },
  'DELETE /api/notifications/endpoints/:id': { params: IdParams, body: VersionBody, response: Ok },
} as const satisfies RouteTable
