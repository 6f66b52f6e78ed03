import { ErrorBody, notificationsApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { listDeliveries, notifyStatus, retryDelivery } from './deliveries.service.ts'
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpoint } from './endpoints.service.ts'
import { inbox, markAllRead, markRead, unreadCount } from './inbox.service.ts'
import { getPreferences, savePreferences } from './preferences.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const own = { access: 'authenticated' } as const
const admin = { access: { permission: 'notify.admin' } } as const
const channels = { access: { permission: 'notify.channels' } } as const

export default async function notificationRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, notificationsApi, { tags: ['notifications'], errors })
  route(
    'GET /api/notifications',
    {
      config: own,
      summary: '我的通知 My inbox, newest first',
    },
    async (request) => inbox(ctx, request, request.query),
  )
  route(
    'GET /api/notifications/unread-count',
    {
      config: own,
      summary: '未读数 Unread count (the bell)',
    },
    async (request) => unreadCount(ctx, request),
  )
  route(
    'POST /api/notifications/:id/read',
    {
      config: own,
      summary: '标为已读 Mark one read',
    },
    async (request) => markRead(ctx, request, request.params.id),
  )
  route(
    'POST /api/notifications/read-all',
    {
      config: own,
      summary: '全部已读 Mark all read',
    },
    async (request) => markAllRead(ctx, request),
  )
  route(
    'GET /api/notifications/preferences',
    {
      config: own,
      summary: '通知设置 My channels, e-mail and quiet hours',
    },
    async (request) => getPreferences(ctx, request),
  )
  route(
    'PUT /api/notifications/preferences',
    {
      config: own,
      summary: '保存通知设置 Save my notification settings',
    },
    async (request) => savePreferences(ctx, request, request.body),
  )
  route(
    'GET /api/notifications/status',
    {
      config: admin,
      summary: '通道状态 Channels on/off and delivery counts',
    },
    async (request) => notifyStatus(ctx, request),
  )
  route(
    'GET /api/notifications/deliveries',
    {
      config: admin,
      summary: '发送记录 Outbox: sent, failed with reason, retrying',
    },
    async (request) => listDeliveries(ctx, request, request.query),
  )
  route(
    'POST /api/notifications/deliveries/:id/retry',
    {
      config: admin,
      summary: '重新发送 Queue a failed delivery again',
    },
    async (request) => retryDelivery(ctx, request, request.params.id),
  )
  route(
    'GET /api/notifications/endpoints',
    {
      config: channels,
      summary: '机器人与 Webhook Robots and webhooks I manage',
    },
    async (request) => listEndpoints(ctx, request),
  )
  route(
    'POST /api/notifications/endpoints',
    {
      config: channels,
      summary: '新增机器人或 Webhook Add a robot or webhook',
    },
    async (request) => createEndpoint(ctx, request, request.body),
  )
  route(
    'PUT /api/notifications/endpoints/:id',
    {
      config: channels,
      summary: '修改 Change a robot or webhook',
    },
    async (request) => updateEndpoint(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/notifications/endpoints/:id',
    {
      config: channels,
      summary: '删除 Remove a robot or webhook',
    },
    async (request) => deleteEndpoint(ctx, request, request.params.id, request.body.version),
  )
}
