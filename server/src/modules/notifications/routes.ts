import {
  Delivery,
  DeliveryQuery,
  Endpoint,
  EndpointInput,
  EndpointUpdate,
  ErrorBody,
  IdParams,
  InboxQuery,
  Notice,
  NotifyStatus,
  Ok,
  Page,
  Preferences,
  PreferencesInput,
  ReadAllResult,
  UnreadCount,
  VersionBody,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { listDeliveries, notifyStatus, retryDelivery } from './deliveries.service.ts'
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpoint } from './endpoints.service.ts'
import { inbox, markAllRead, markRead, unreadCount } from './inbox.service.ts'
import { getPreferences, savePreferences } from './preferences.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['notifications']
const own = { access: 'authenticated' } as const
const admin = { access: { permission: 'notify.admin' } } as const
const channels = { access: { permission: 'notify.channels' } } as const

export default async function notificationRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/notifications',
    {
      config: own,
      schema: {
        tags,
        summary: '我的通知 My inbox, newest first',
        querystring: InboxQuery,
        response: { 200: Page(Notice), ...errors },
      },
    },
    async (request) => inbox(ctx, request, request.query),
  )
  app.get(
    '/api/notifications/unread-count',
    {
      config: own,
      schema: { tags, summary: '未读数 Unread count (the bell)', response: { 200: UnreadCount, ...errors } },
    },
    async (request) => unreadCount(ctx, request),
  )
  app.post(
    '/api/notifications/:id/read',
    {
      config: own,
      schema: { tags, summary: '标为已读 Mark one read', params: IdParams, response: { 200: Ok, ...errors } },
    },
    async (request) => markRead(ctx, request, request.params.id),
  )
  app.post(
    '/api/notifications/read-all',
    {
      config: own,
      schema: { tags, summary: '全部已读 Mark all read', response: { 200: ReadAllResult, ...errors } },
    },
    async (request) => markAllRead(ctx, request),
  )
  app.get(
    '/api/notifications/preferences',
    {
      config: own,
      schema: {
        tags,
        summary: '通知设置 My channels, e-mail and quiet hours',
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => getPreferences(ctx, request),
  )
  app.put(
    '/api/notifications/preferences',
    {
      config: own,
      schema: {
        tags,
        summary: '保存通知设置 Save my notification settings',
        body: PreferencesInput,
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => savePreferences(ctx, request, request.body),
  )
  app.get(
    '/api/notifications/status',
    {
      config: admin,
      schema: {
        tags,
        summary: '通道状态 Channels on/off and delivery counts',
        response: { 200: NotifyStatus, ...errors },
      },
    },
    async (request) => notifyStatus(ctx, request),
  )
  app.get(
    '/api/notifications/deliveries',
    {
      config: admin,
      schema: {
        tags,
        summary: '发送记录 Outbox: sent, failed with reason, retrying',
        querystring: DeliveryQuery,
        response: { 200: Page(Delivery), ...errors },
      },
    },
    async (request) => listDeliveries(ctx, request, request.query),
  )
  app.post(
    '/api/notifications/deliveries/:id/retry',
    {
      config: admin,
      schema: {
        tags,
        summary: '重新发送 Queue a failed delivery again',
        params: IdParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => retryDelivery(ctx, request, request.params.id),
  )
  app.get(
    '/api/notifications/endpoints',
    {
      config: channels,
      schema: {
        tags,
        summary: '机器人与 Webhook Robots and webhooks I manage',
        response: { 200: Type.Array(Endpoint), ...errors },
      },
    },
    async (request) => listEndpoints(ctx, request),
  )
  app.post(
    '/api/notifications/endpoints',
    {
      config: channels,
      schema: {
        tags,
        summary: '新增机器人或 Webhook Add a robot or webhook',
        body: EndpointInput,
        response: { 201: Endpoint, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createEndpoint(ctx, request, request.body)),
  )
  app.put(
    '/api/notifications/endpoints/:id',
    {
      config: channels,
      schema: {
        tags,
        summary: '修改 Change a robot or webhook',
        params: IdParams,
        body: EndpointUpdate,
        response: { 200: Endpoint, ...errors },
      },
    },
    async (request) => updateEndpoint(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/notifications/endpoints/:id',
    {
      config: channels,
      schema: {
        tags,
        summary: '删除 Remove a robot or webhook',
        params: IdParams,
        body: VersionBody,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => deleteEndpoint(ctx, request, request.params.id, request.body.version),
  )
}
