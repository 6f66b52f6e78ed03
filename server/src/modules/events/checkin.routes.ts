import type { Readable } from 'node:stream'
import {
  CheckinBoard,
  CheckinQuery,
  CodeCheckinBody,
  DoorCode,
  ErrorBody,
  IdParams,
  ManualCheckinBody,
  RegistrationParams,
  ScanResult,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { eventScope } from './access.ts'
import { checkinBoard, manualCheckin, registrationsWorkbook } from './checkin-desk.ts'
import { codeCheckin, getDoorCode } from './door-code.ts'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  429: ErrorBody,
}
const tags = ['events']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })

/** The check-in desk (organisers of the event) and the door code typed by registrants. See docs/events.md. */
export default async function checkinRoutes(app: TypedApp, ctx: AppContext) {
  const scope = eventScope(ctx)
  const desk = { access: { permission: 'event.checkin', scope } } as const

  app.get(
    '/api/events/:id/checkin',
    {
      config: desk,
      schema: {
        tags,
        summary: '签到台：计数与按姓名/手机尾号查找 Check-in counter and search by name or phone tail',
        params: IdParams,
        querystring: CheckinQuery,
        response: { 200: CheckinBoard, ...errors },
      },
    },
    async (request) => checkinBoard(ctx, request.params.id, request.query),
  )
  app.post(
    '/api/events/:id/registrations/:registrationId/checkin',
    {
      config: desk,
      schema: {
        tags,
        summary: '一键签到/签退 Check a registrant in or out at the desk (same rules as a scan)',
        params: RegistrationParams,
        body: ManualCheckinBody,
        response: { 200: ScanResult, ...errors },
      },
    },
    async (request) =>
      manualCheckin(ctx, request, request.params.id, request.params.registrationId, request.body),
  )
  app.get(
    '/api/events/:id/registrations/export',
    {
      config: desk,
      schema: {
        tags,
        summary: '导出报名签到名单 Registrations and check-ins as Excel (audited)',
        params: IdParams,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const { title, body } = await registrationsWorkbook(ctx, request, request.params.id)
      const name = `报名签到_${title}.xlsx`.replace(/[\\/:*?"<>|\r\n]/g, '_')
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="event-${request.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
      return body
    },
  )
  app.get(
    '/api/events/:id/door-code',
    {
      config: desk,
      schema: {
        tags,
        summary: '现场签到码 The short code registrants type on their phone (issued on first ask)',
        params: IdParams,
        response: { 200: DoorCode, ...errors },
      },
    },
    async (request) => getDoorCode(ctx, request, request.params.id),
  )
  app.post(
    '/api/events/:id/door-code',
    {
      config: desk,
      schema: {
        tags,
        summary: '更换现场签到码 Replace the door code (the old one stops at once)',
        params: IdParams,
        response: { 200: DoorCode, ...errors },
      },
    },
    async (request) => getDoorCode(ctx, request, request.params.id, true),
  )
  app.post(
    '/api/events/:id/code-checkins',
    {
      config: { access: { permission: 'event.register' } },
      schema: {
        tags,
        summary: '输入现场签到码签到 Check myself in with the code shown at the venue (limited tries)',
        params: IdParams,
        body: CodeCheckinBody,
        response: { 200: ScanResult, ...errors },
      },
    },
    async (request) => codeCheckin(ctx, request, request.params.id, request.body),
  )
}
