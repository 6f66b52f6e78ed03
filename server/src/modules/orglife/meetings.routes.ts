import { ErrorBody, orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import { ATTACHMENT_MAX_BYTES, IMAGE_TYPES, sniffImage } from '../../lib/images.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { groupScope, meetingScope, orgParamScope, today } from './access.ts'
import { getMeeting, listMeetings } from './meetings.query.ts'
import { createMeeting, deleteMeeting, updateMeeting } from './meetings.service.ts'
import { countMeetingPhotos, insertMeetingPhoto, meetingPhoto } from './photos.repository.ts'
import { createGroup, deleteGroup, groupRow, orgGroups, orgRoster, updateGroup } from './roster.service.ts'
import { createRule, listKinds, listRules, updateRule } from './rules.service.ts'

export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
}
export const tags = ['orglife']
const MAX_PHOTOS = 9

export default async function meetingRoutes(app: TypedApp, ctx: AppContext) {
  // Photos arrive as raw image bodies (this plugin's routes only), sniffed by their bytes like a need's.
  app.addContentTypeParser(
    [...IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )
  const route = contractRoutes(app, orglifeApi, { tags, errors })
  type Scope = (r: { params: { id: number } }) => ScopeRef | ScopeRef[] | Promise<ScopeRef[]>
  const read = (scope: Scope = orgParamScope) => ({ access: { permission: 'orglife.read', scope } }) as const
  const record = { access: { permission: 'orglife.record', scope: orgParamScope } } as const
  const recordMeeting = { access: { permission: 'orglife.record', scope: meetingScope(ctx) } } as const
  const rules = {
    access: { permission: 'orglife.rules', scope: (): ScopeRef => ({ type: 'city' }) },
  } as const

  route(
    'GET /api/orglife/kinds',
    { config: { access: 'authenticated' }, summary: '会议类型 Kinds of meeting' },
    async () => listKinds(ctx.db),
  )
  route(
    'GET /api/orglife/rules',
    {
      config: { access: 'authenticated' },
      summary: '频次规则 How often each kind of meeting is expected, and of whom',
    },
    async () => listRules(ctx.db),
  )
  route(
    'POST /api/orglife/rules',
    { config: rules, summary: '新增规则 Add a rule (city administrator)' },
    async (request) => createRule(ctx, request, request.body),
  )
  route(
    'PUT /api/orglife/rules/:code',
    {
      config: rules,
      summary: '修改规则 Change a rule; every organisation’s figures follow at once (city administrator)',
    },
    async (request) => updateRule(ctx, request, request.params.code, request.body),
  )

  route(
    'GET /api/orglife/orgs/:id/roster',
    {
      config: read(),
      summary:
        '参会名单 Members and floating members expected at the organisation’s meetings, and its groups',
    },
    async (request) => orgRoster(ctx, request, request.params.id, today(ctx)),
  )
  route(
    'GET /api/orglife/orgs/:id/meetings',
    { config: read(), summary: '会议记录 The organisation’s meetings, newest first' },
    async (request) => listMeetings(ctx, request.params.id, request.query),
  )
  route(
    'POST /api/orglife/orgs/:id/meetings',
    { config: record, summary: '记录会议 Record a meeting that was held, with its roster' },
    async (request) => createMeeting(ctx, request, request.params.id, request.body),
  )
  route(
    'GET /api/orglife/meetings/:id',
    { config: read(meetingScope(ctx)), summary: '会议详情 A meeting with its roster' },
    async (request) => getMeeting(ctx, request, request.params.id),
  )
  route(
    'PUT /api/orglife/meetings/:id',
    { config: recordMeeting, summary: '修改会议记录 Change a meeting record (the version read)' },
    async (request) => updateMeeting(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/orglife/meetings/:id',
    { config: recordMeeting, summary: '删除会议记录 Delete a meeting record (kept, marked deleted)' },
    async (request) => {
      await deleteMeeting(ctx, request, request.params.id, request.query.version)
      return null
    },
  )

  route(
    'POST /api/orglife/meetings/:id/photos',
    {
      config: recordMeeting,
      summary: '上传会议照片 Add a photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
      // The parser above takes the image types; the route never declared them in the OpenAPI document.
      upload: { bodyLimit: ATTACHMENT_MAX_BYTES },
      errors: { ...errors, 413: ErrorBody, 415: ErrorBody },
    },
    async (request) => {
      const data = request.body as unknown
      if (!Buffer.isBuffer(data) || data.length === 0) throw new AppError('attachment_not_image')
      const kind = sniffImage(data)
      if (!kind || kind !== request.headers['content-type']) throw new AppError('attachment_not_image')
      if ((await countMeetingPhotos(ctx.db, request.params.id)) >= MAX_PHOTOS)
        throw new AppError('attachment_limit', { max: MAX_PHOTOS })
      const row = await insertMeetingPhoto(ctx.db, {
        meetingId: request.params.id,
        contentType: kind,
        data,
        uploadedBy: requirePrincipal(request).accountId,
      })
      return { id: row.id, contentType: row.content_type, sizeBytes: row.size_bytes }
    },
  )
  route(
    'GET /api/orglife/meetings/:id/photos/:photoId',
    {
      config: read(meetingScope(ctx)),
      summary: '会议照片 A meeting’s photo',
      // The image route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const row = await meetingPhoto(ctx.db, request.params.id, request.params.photoId)
      if (!row) throw new AppError('not_found')
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return Buffer.from(row.data)
    },
  )

  route(
    'GET /api/orglife/orgs/:id/groups',
    { config: read(), summary: '党小组 The organisation’s party groups' },
    async (request) => orgGroups(ctx.db, request.params.id),
  )
  route(
    'POST /api/orglife/orgs/:id/groups',
    { config: record, summary: '新增党小组 Add a party group' },
    async (request) => createGroup(ctx, request, request.params.id, request.body),
  )
  route(
    'PUT /api/orglife/groups/:id',
    {
      config: { access: { permission: 'orglife.record', scope: groupScope(ctx) } },
      summary: '修改党小组 Change a party group (name, leader, members)',
    },
    async (request) => updateGroup(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/orglife/groups/:id',
    {
      config: { access: { permission: 'orglife.record', scope: groupScope(ctx) } },
      summary: '撤销党小组 Remove a party group',
    },
    async (request) => {
      await groupRow(ctx.db, request.params.id)
      return deleteGroup(ctx, request, request.params.id, request.query.version)
    },
  )
}
