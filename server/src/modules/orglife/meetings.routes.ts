import {
  ErrorBody,
  IdParams,
  Meeting,
  MeetingInput,
  MeetingKind,
  MeetingListQuery,
  MeetingRule,
  MeetingRuleUpdate,
  MeetingSummary,
  MeetingUpdate,
  NewMeetingRule,
  OrgIdParams,
  OrgRoster,
  PartyGroup,
  PartyGroupInput,
  PartyGroupUpdate,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { ATTACHMENT_MAX_BYTES, sniffImage } from '../../lib/images.ts'
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
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']
const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
const RuleParams = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false })

export default async function meetingRoutes(app: TypedApp, ctx: AppContext) {
  // Photos arrive as raw image bodies (this plugin's routes only), sniffed by their bytes like a need's.
  app.addContentTypeParser(
    IMAGE_TYPES,
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )
  type Scope = (r: { params: { id: number } }) => ScopeRef | ScopeRef[] | Promise<ScopeRef[]>
  const read = (scope: Scope = orgParamScope) => ({ access: { permission: 'orglife.read', scope } }) as const
  const record = { access: { permission: 'orglife.record', scope: orgParamScope } } as const
  const recordMeeting = { access: { permission: 'orglife.record', scope: meetingScope(ctx) } } as const

  app.get(
    '/api/orglife/kinds',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '会议类型 Kinds of meeting',
        response: { 200: Type.Array(MeetingKind), ...errors },
      },
    },
    async () => listKinds(ctx.db),
  )
  app.get(
    '/api/orglife/rules',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '频次规则 How often each kind of meeting is expected, and of whom',
        response: { 200: Type.Array(MeetingRule), ...errors },
      },
    },
    async () => listRules(ctx.db),
  )
  app.post(
    '/api/orglife/rules',
    {
      config: { access: { permission: 'orglife.rules', scope: () => ({ type: 'city' }) } },
      schema: {
        tags,
        summary: '新增规则 Add a rule (city administrator)',
        body: NewMeetingRule,
        response: { 201: MeetingRule, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createRule(ctx, request, request.body)
    },
  )
  app.put(
    '/api/orglife/rules/:code',
    {
      config: { access: { permission: 'orglife.rules', scope: () => ({ type: 'city' }) } },
      schema: {
        tags,
        summary: '修改规则 Change a rule; every organisation’s figures follow at once (city administrator)',
        params: RuleParams,
        body: MeetingRuleUpdate,
        response: { 200: MeetingRule, ...errors },
      },
    },
    async (request) => updateRule(ctx, request, request.params.code, request.body),
  )

  app.get(
    '/api/orglife/orgs/:id/roster',
    {
      config: read(),
      schema: {
        tags,
        summary:
          '参会名单 Members and floating members expected at the organisation’s meetings, and its groups',
        params: OrgIdParams,
        response: { 200: OrgRoster, ...errors },
      },
    },
    async (request) => orgRoster(ctx, request, request.params.id, today(ctx)),
  )
  app.get(
    '/api/orglife/orgs/:id/meetings',
    {
      config: read(),
      schema: {
        tags,
        summary: '会议记录 The organisation’s meetings, newest first',
        params: OrgIdParams,
        querystring: MeetingListQuery,
        response: { 200: Type.Array(MeetingSummary), ...errors },
      },
    },
    async (request) => listMeetings(ctx, request.params.id, request.query),
  )
  app.post(
    '/api/orglife/orgs/:id/meetings',
    {
      config: record,
      schema: {
        tags,
        summary: '记录会议 Record a meeting that was held, with its roster',
        params: OrgIdParams,
        body: MeetingInput,
        response: { 201: Meeting, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createMeeting(ctx, request, request.params.id, request.body)
    },
  )
  app.get(
    '/api/orglife/meetings/:id',
    {
      config: read(meetingScope(ctx)),
      schema: {
        tags,
        summary: '会议详情 A meeting with its roster',
        params: IdParams,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request) => getMeeting(ctx, request, request.params.id),
  )
  app.put(
    '/api/orglife/meetings/:id',
    {
      config: recordMeeting,
      schema: {
        tags,
        summary: '修改会议记录 Change a meeting record (the version read)',
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request) => updateMeeting(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/orglife/meetings/:id',
    {
      config: recordMeeting,
      schema: {
        tags,
        summary: '删除会议记录 Delete a meeting record (kept, marked deleted)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteMeeting(ctx, request, request.params.id, request.query.version)
      reply.status(204)
      return null
    },
  )

  app.post(
    '/api/orglife/meetings/:id/photos',
    {
      bodyLimit: ATTACHMENT_MAX_BYTES,
      config: recordMeeting,
      schema: {
        tags,
        summary: '上传会议照片 Add a photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
        params: IdParams,
        response: {
          201: Type.Object({ id: Type.Integer(), contentType: Type.String(), sizeBytes: Type.Integer() }),
          ...errors,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
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
      reply.status(201)
      return { id: row.id, contentType: row.content_type, sizeBytes: row.size_bytes }
    },
  )
  app.get(
    '/api/orglife/meetings/:id/photos/:photoId',
    {
      config: read(meetingScope(ctx)),
      schema: {
        tags,
        summary: '会议照片 A meeting’s photo',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      const row = await meetingPhoto(ctx.db, request.params.id, request.params.photoId)
      if (!row) throw new AppError('not_found')
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return Buffer.from(row.data)
    },
  )

  app.get(
    '/api/orglife/orgs/:id/groups',
    {
      config: read(),
      schema: {
        tags,
        summary: '党小组 The organisation’s party groups',
        params: OrgIdParams,
        response: { 200: Type.Array(PartyGroup), ...errors },
      },
    },
    async (request) => orgGroups(ctx.db, request.params.id),
  )
  app.post(
    '/api/orglife/orgs/:id/groups',
    {
      config: record,
      schema: {
        tags,
        summary: '新增党小组 Add a party group',
        params: OrgIdParams,
        body: PartyGroupInput,
        response: { 201: Type.Array(PartyGroup), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createGroup(ctx, request, request.params.id, request.body)
    },
  )
  app.put(
    '/api/orglife/groups/:id',
    {
      config: { access: { permission: 'orglife.record', scope: groupScope(ctx) } },
      schema: {
        tags,
        summary: '修改党小组 Change a party group (name, leader, members)',
        params: IdParams,
        body: PartyGroupUpdate,
        response: { 200: Type.Array(PartyGroup), ...errors },
      },
    },
    async (request) => updateGroup(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/orglife/groups/:id',
    {
      config: { access: { permission: 'orglife.record', scope: groupScope(ctx) } },
      schema: {
        tags,
        summary: '撤销党小组 Remove a party group',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: Type.Array(PartyGroup), ...errors },
      },
    },
    async (request) => {
      await groupRow(ctx.db, request.params.id)
      return deleteGroup(ctx, request, request.params.id, request.query.version)
    },
  )
}
