import type { Survey, SurveyInput, SurveySummary, SurveyUpdate } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { randomToken } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import type { Permission } from '../../lib/permissions.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { validateQuestions } from './questionnaire.ts'
import { findSurvey, type SurveyRow, surveyQuery, toSurveyRow } from './repository.ts'

export const newSlug = () => randomToken(9)

export function surveyState(row: { opens_at: Date; closes_at: Date }, now: Date) {
  if (now < row.opens_at) return 'scheduled' as const
  if (now >= row.closes_at) return 'closed' as const
  return 'open' as const
}

/**
 * Where a survey sits for the access check: its buildings or party organisations when the audience names
 * them (so a building chief or a secretary reaches their own), else its area. The caller must cover all.
 */
export function surveyRefs(s: {
  area_code: string
  audience_kind: string
  audience_ids: number[]
}): ScopeRef[] {
  if (s.audience_kind === 'buildings' && s.audience_ids.length > 0)
    return s.audience_ids.map((id) => ({ type: 'building', id: String(id) }))
  if (s.audience_kind === 'orgs' && s.audience_ids.length > 0)
    return s.audience_ids.map((id) => ({ type: 'party_org', id: String(id) }))
  return [{ type: 'area', id: s.area_code }]
}

export async function canOnSurvey(
  request: FastifyRequest,
  permission: Permission,
  s: Parameters<typeof surveyRefs>[0],
): Promise<boolean> {
  for (const ref of surveyRefs(s)) {
    if (!(await request.can(permission, ref))) return false
  }
  return true
}

/** The survey if the caller holds `permission` over it; someone else's survey is a 404, not a 403. */
export async function surveyFor(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  permission: Permission,
) {
  const row = await findSurvey(ctx.db, { id })
  if (!row || !(await canOnSurvey(request, permission, row))) throw new AppError('not_found')
  return row
}

export function toSurvey(row: SurveyRow, now: Date): Survey {
  return {
    id: row.id,
    slug: row.slug,
    areaCode: row.area_code,
    areaName: row.area_name,
    title: row.title,
    description: row.description,
    anonymous: row.anonymous,
    audience: { kind: row.audience_kind as Survey['audience']['kind'], ids: row.audience_ids },
    questions: row.questions,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    state: surveyState(row, now),
    responses: row.responses,
    version: row.version,
  }
}

const reason = (zh: string, en: string) => ({ reason: { 'zh-CN': zh, 'en-US': en } })

/** Audience, dates and questions checked before anything is written; buildings/orgs must lie in the area. */
async function checkInput(ctx: AppContext, input: SurveyInput) {
  const opens = new Date(input.opensAt)
  const closes = new Date(input.closesAt)
  if (!(closes > opens)) throw new AppError('invalid_dates', { earlier: '开始时间', later: '截止时间' })
  const area = await ctx.db
    .selectFrom('area')
    .select('path')
    .where('code', '=', input.areaCode)
    .executeTakeFirst()
  if (!area) throw new AppError('unknown_area', { code: input.areaCode })
  const ids = [...new Set(input.audience.ids ?? [])]
  const listed = input.audience.kind === 'buildings' || input.audience.kind === 'orgs'
  if (listed && ids.length === 0)
    throw new AppError(
      'survey_audience_invalid',
      reason('请至少选择一个对象', 'name at least one building or organisation'),
    )
  if (!listed && ids.length > 0)
    throw new AppError(
      'survey_audience_invalid',
      reason('按区域调查时不需列出楼宇或组织', 'an area audience lists no buildings or organisations'),
    )
  if (listed) {
    const found =
      input.audience.kind === 'buildings'
        ? await ctx.db
            .selectFrom('building as t')
            .innerJoin('area as a', 'a.code', 't.area_code')
            .select(['t.id', 'a.path'])
            .where('t.id', 'in', ids)
            .where('t.deleted_at', 'is', null)
            .execute()
        : await ctx.db
            .selectFrom('party_org as t')
            .innerJoin('area as a', 'a.code', 't.area_code')
            .select(['t.id', 'a.path'])
            .where('t.id', 'in', ids)
            .where('t.deleted_at', 'is', null)
            .execute()
    for (const id of ids) {
      const f = found.find((x) => Number(x.id) === id)
      if (!f || !(f.path === area.path || f.path.startsWith(`${area.path}/`)))
        throw new AppError(
          'survey_audience_invalid',
          reason(`编号 ${id} 不存在或不在所选区域内`, `${id} does not exist or is outside the survey's area`),
        )
    }
  }
  return { opens, closes, ids, questions: validateQuestions(input.questions) }
}

export async function createSurvey(ctx: AppContext, request: FastifyRequest, input: SurveyInput) {
  const checked = await checkInput(ctx, input)
  const draft = { area_code: input.areaCode, audience_kind: input.audience.kind, audience_ids: checked.ids }
  if (!(await canOnSurvey(request, 'survey.manage', draft))) throw new AppError('forbidden_scope')
  const now = ctx.clock.now()
  const row = await ctx.db
    .insertInto('survey')
    .values({
      slug: newSlug(),
      area_code: input.areaCode,
      title: input.title,
      description: input.description ?? '',
      anonymous: input.anonymous,
      audience_kind: input.audience.kind,
      audience_ids: checked.ids,
      questions: JSON.stringify(checked.questions),
      opens_at: checked.opens,
      closes_at: checked.closes,
      created_by: request.principal?.accountId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Edits a survey (optimistic lock on `version`). Once anyone has answered, the questionnaire is frozen:
 * the answers were given to these questions, and changing them would make the figures lie. The condition
 * is part of the UPDATE, so a response arriving meanwhile is not overlooked.
 */
export async function updateSurvey(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: SurveyUpdate,
) {
  const current = await surveyFor(ctx, request, id, 'survey.manage')
  const checked = await checkInput(ctx, input)
  const draft = { area_code: input.areaCode, audience_kind: input.audience.kind, audience_ids: checked.ids }
  if (!(await canOnSurvey(request, 'survey.manage', draft))) throw new AppError('forbidden_scope')
  const res = await ctx.db
    .updateTable('survey')
    .set({
      area_code: input.areaCode,
      title: input.title,
      description: input.description ?? '',
      anonymous: input.anonymous,
      audience_kind: input.audience.kind,
      audience_ids: checked.ids,
      questions: JSON.stringify(checked.questions),
      opens_at: checked.opens,
      closes_at: checked.closes,
      version: input.version + 1,
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .where('version', '=', input.version)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('survey_response').select('id').where('survey_id', '=', id))),
    )
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 1) return
  if (current.responses > 0 || (await findSurvey(ctx.db, { id }))!.responses > 0)
    throw new AppError('survey_has_responses')
  throw new AppError('version_conflict')
}

/** Surveys the caller may analyse: rows of the areas of their grants, then each checked like a single one. */
export async function listSurveys(ctx: AppContext, request: FastifyRequest): Promise<SurveySummary[]> {
  const grants = request.grantsFor('survey.analyse')
  const city = grants.some((g) => g.scope_type === 'city')
  const areas = [...new Set(grants.map((g) => g.area_code).filter((a): a is string => a !== null))]
  if (!city && areas.length === 0) return []
  let q = surveyQuery(ctx.db).orderBy('s.id', 'desc').limit(500)
  if (!city) {
    const paths = await ctx.db.selectFrom('area').select('path').where('code', 'in', areas).execute()
    q = q.where((eb) =>
      eb.or(paths.flatMap((p) => [eb('a.path', '=', p.path), eb('a.path', 'like', `${p.path}/%`)])),
    )
  }
  const now = ctx.clock.now()
  const out: SurveySummary[] = []
  for (const raw of await q.execute()) {
    const row = toSurveyRow(raw)
    if (!city && !(await canOnSurvey(request, 'survey.analyse', row))) continue
    const { id, slug, areaCode, areaName, title, anonymous, opensAt, closesAt, state, responses } = toSurvey(
      row,
      now,
    )
    out.push({ id, slug, areaCode, areaName, title, anonymous, opensAt, closesAt, state, responses })
  }
  return out
}
