import { ErrorBody, eventsApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
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
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The check-in desk (organisers of the event) and the door code typed by registrants. See docs/events.md. */
export default async function checkinRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, eventsApi, { tags: ['events'], errors })
  const scope = eventScope(ctx)
  const desk = { access: { permission: 'event.checkin', scope } } as const

  route(
    'GET /api/events/:id/checkin',
    {
      config: desk,
      summary: '签到台：计数与按姓名/手机尾号查找 Check-in counter and search by name or phone tail',
    },
    async (request) => checkinBoard(ctx, request.params.id, request.query),
  )
  route(
    'POST /api/events/:id/registrations/:registrationId/checkin',
    {
      config: desk,
      summary: '一键签到/签退 Check a registrant in or out at the desk (same rules as a scan)',
    },
    async (request) =>
      manualCheckin(ctx, request, request.params.id, request.params.registrationId, request.body),
  )
  route(
    'GET /api/events/:id/registrations/export',
    {
      config: desk,
      summary: '导出报名签到名单 Registrations and check-ins as Excel (audited)',
      produces: [XLSX],
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
  route(
    'GET /api/events/:id/door-code',
    {
      config: desk,
      summary: '现场签到码 The short code registrants type on their phone (issued on first ask)',
    },
    async (request) => getDoorCode(ctx, request, request.params.id),
  )
  route(
    'POST /api/events/:id/door-code',
    {
      config: desk,
      summary: '更换现场签到码 Replace the door code (the old one stops at once)',
    },
    async (request) => getDoorCode(ctx, request, request.params.id, true),
  )
  route(
    'POST /api/events/:id/code-checkins',
    {
      config: { access: { permission: 'event.register' } },
      summary: '输入现场签到码签到 Check myself in with the code shown at the venue (limited tries)',
    },
    async (request) => codeCheckin(ctx, request, request.params.id, request.body),
  )
}
