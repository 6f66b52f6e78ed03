import type { Endpoint, EndpointInput, EndpointUpdate } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { randomToken } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { encryptPii } from '../../lib/pii.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { checkTargetUrl, maskUrl, type TargetProblem } from './channels/targets.ts'

const PROBLEM_TEXT: Record<TargetProblem, { 'zh-CN': string; 'en-US': string }> = {
  format: {
    'zh-CN': '不是有效的网址（企业微信机器人地址需带 key=…）',
    'en-US': 'not a valid URL (a 企业微信 robot URL carries key=…)',
  },
  scheme: { 'zh-CN': '必须以 https:// 开头', 'en-US': 'it must start with https://' },
  host: {
    'zh-CN': '企业微信群机器人地址应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    'en-US': 'a 企业微信 group robot URL is https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  },
  private: {
    'zh-CN': '不能指向本机或内网地址',
    'en-US': 'it may not point at this machine or a private network',
  },
}

type Row = {
  id: number
  version: number
  channel: 'wecom' | 'webhook'
  name: string
  area_code: string | null
  area_name: string | null
  party_org_id: number | null
  party_org_name: string | null
  url: string
  kinds: string[]
  enabled: boolean
}

const toEndpoint = (r: Row, secret?: string): Endpoint => ({
  id: r.id,
  version: r.version,
  channel: r.channel,
  name: r.name,
  areaCode: r.area_code,
  areaName: r.area_name,
  partyOrgId: r.party_org_id,
  partyOrgName: r.party_org_name,
  url: maskUrl(r.url),
  kinds: r.kinds,
  enabled: r.enabled,
  ...(secret ? { secret } : {}),
})

const query = (ctx: AppContext) =>
  ctx.db
    .selectFrom('notification_endpoint as e')
    .leftJoin('area as a', 'a.code', 'e.area_code')
    .leftJoin('party_org as o', 'o.id', 'e.party_org_id')
    .select([
      'e.id',
      'e.version',
      'e.channel',
      'e.name',
      'e.area_code',
      'a.name as area_name',
      'e.party_org_id',
      'o.name as party_org_name',
      'e.url',
      'e.kinds',
      'e.enabled',
    ])
    .where('e.deleted_at', 'is', null)

const refOf = (r: { area_code: string | null; party_org_id: number | null }): ScopeRef =>
  r.area_code ? { type: 'area', id: r.area_code } : { type: 'party_org', id: String(r.party_org_id) }

function checkUrl(ctx: AppContext, channel: 'wecom' | 'webhook', url: string) {
  const problem = checkTargetUrl(channel, url, ctx.config.notify.privateTargets)
  if (problem) throw new AppError('notify_invalid_url', { reason: PROBLEM_TEXT[problem] })
  return url.trim()
}

/** The robots and webhooks of the places the caller may manage (a short list: a few per street). */
export async function listEndpoints(ctx: AppContext, request: FastifyRequest): Promise<Endpoint[]> {
  const rows = (await query(ctx).orderBy('e.id').execute()) as Row[]
  const mine: Endpoint[] = []
  for (const r of rows) if (await request.can('notify.channels', refOf(r))) mine.push(toEndpoint(r))
  return mine
}

async function loadOwn(ctx: AppContext, request: FastifyRequest, id: number): Promise<Row> {
  const row = (await query(ctx).where('e.id', '=', id).executeTakeFirst()) as Row | undefined
  // Someone else's endpoint answers like a missing one.
  if (!row || !(await request.can('notify.channels', refOf(row)))) throw new AppError('not_found')
  return row
}

export async function createEndpoint(ctx: AppContext, request: FastifyRequest, input: EndpointInput) {
  const principal = requirePrincipal(request)
  if ((input.areaCode === undefined) === (input.partyOrgId === undefined))
    throw new AppError('notify_endpoint_place')
  const url = checkUrl(ctx, input.channel, input.url)
  const ref: ScopeRef = input.areaCode
    ? { type: 'area', id: input.areaCode }
    : { type: 'party_org', id: String(input.partyOrgId) }
  if (
    input.areaCode &&
    !(await ctx.db.selectFrom('area').select('code').where('code', '=', input.areaCode).executeTakeFirst())
  )
    throw new AppError('unknown_area', { code: input.areaCode })
  if (!(await request.can('notify.channels', ref))) throw new AppError('forbidden_scope')
  const secret = input.channel === 'webhook' ? randomToken(32) : undefined
  const now = ctx.clock.now()
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('notification_endpoint')
      .values({
        channel: input.channel,
        name: input.name.trim(),
        area_code: input.areaCode ?? null,
        party_org_id: input.partyOrgId ?? null,
        url,
        secret_enc: secret ? encryptPii(ctx.secret, secret) : null,
        kinds: input.kinds ?? [],
        enabled: input.enabled ?? true,
        created_by: principal.accountId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'notify.endpoint.create',
      entity: 'notification_endpoint',
      ids: [id],
    })
    return id
  })
  return toEndpoint((await query(ctx).where('e.id', '=', id).executeTakeFirstOrThrow()) as Row, secret)
}

export async function updateEndpoint(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: EndpointUpdate,
) {
  const row = await loadOwn(ctx, request, id)
  const url = input.url !== undefined ? checkUrl(ctx, row.channel, input.url) : undefined
  const secret = input.rotateSecret && row.channel === 'webhook' ? randomToken(32) : undefined
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('notification_endpoint')
      .set((eb) => ({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(url !== undefined ? { url } : {}),
        ...(input.kinds !== undefined ? { kinds: input.kinds } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(secret ? { secret_enc: encryptPii(ctx.secret, secret) } : {}),
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
    await writeAudit(trx, request, {
      action: 'notify.endpoint.update',
      entity: 'notification_endpoint',
      ids: [id],
      detail: { rotated: Boolean(secret), urlChanged: url !== undefined },
    })
  })
  return toEndpoint((await query(ctx).where('e.id', '=', id).executeTakeFirstOrThrow()) as Row, secret)
}

/** Removed endpoints stay as rows (their deliveries point at them); queued messages to them fail as removed. */
export async function deleteEndpoint(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await loadOwn(ctx, request, id)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('notification_endpoint')
      .set({ deleted_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
    await writeAudit(trx, request, {
      action: 'notify.endpoint.delete',
      entity: 'notification_endpoint',
      ids: [id],
    })
  })
  return { ok: true as const }
}
