import type {
  ProjectFindingInput,
  ProjectResultInput,
  ServiceProject,
  ServiceProjectInput,
  ServiceProjectSummary,
  ServiceProjectUpdate,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { picked } from './analysis.ts'
import { projectFigures } from './project-figures.ts'
import { findSurvey, type SurveyRow, surveyResponses } from './repository.ts'
import { canOnSurvey } from './surveys.service.ts'
import { termsOf } from './themes.ts'

const reason = (zh: string, en: string) => ({ reason: { 'zh-CN': zh, 'en-US': en } })

/**
 * Findings must point at something real: a survey the caller may analyse, one of its questions, and an
 * option of it (choice questions) or a theme (free text). Checked before the transaction opens.
 */
async function checkFindings(ctx: AppContext, request: FastifyRequest, findings: ProjectFindingInput[]) {
  const surveys = new Map<number, SurveyRow>()
  for (const f of findings) {
    let s = surveys.get(f.surveyId)
    if (!s) {
      const row = await findSurvey(ctx.db, { id: f.surveyId })
      if (!row || !(await canOnSurvey(request, 'survey.analyse', row)))
        throw new AppError(
          'project_finding_invalid',
          reason(
            `问卷 ${f.surveyId} 不存在或无权查看`,
            `survey ${f.surveyId} does not exist or is not yours`,
          ),
        )
      s = row
      surveys.set(f.surveyId, s)
    }
    const q = s.questions.find((x) => x.key === f.questionKey)
    if (!q)
      throw new AppError(
        'project_finding_invalid',
        reason(`问卷“${s.title}”没有题目 ${f.questionKey}`, `"${s.title}" has no question ${f.questionKey}`),
      )
    if (f.optionKey && !(q.options ?? []).some((o) => o.key === f.optionKey))
      throw new AppError(
        'project_finding_invalid',
        reason(`题目“${q.title}”没有选项 ${f.optionKey}`, `"${q.title}" has no option ${f.optionKey}`),
      )
    if (f.theme && q.type !== 'text')
      throw new AppError(
        'project_finding_invalid',
        reason('主题词只能关联填空题', 'a theme belongs to a free-text question'),
      )
  }
}

async function checkOfferings(ctx: AppContext, ids: number[]) {
  if (ids.length === 0) return
  const found = await ctx.db.selectFrom('offering').select('id').where('id', 'in', ids).execute()
  const have = new Set(found.map((o) => Number(o.id)))
  const missing = ids.find((id) => !have.has(id))
  if (missing !== undefined) throw new AppError('project_unknown_offering', { id: missing })
}

async function checkEvents(ctx: AppContext, ids: number[]) {
  if (ids.length === 0) return
  const found = await ctx.db.selectFrom('event').select('id').where('id', 'in', ids).execute()
  const have = new Set(found.map((e) => Number(e.id)))
  const missing = ids.find((id) => !have.has(id))
  if (missing !== undefined) throw new AppError('project_unknown_event', { id: missing })
}

async function writeLinks(trx: Kysely<DB>, projectId: number, input: ServiceProjectInput) {
  await trx.deleteFrom('service_project_finding').where('project_id', '=', projectId).execute()
  await trx.deleteFrom('service_project_offering').where('project_id', '=', projectId).execute()
  await trx.deleteFrom('service_project_event').where('project_id', '=', projectId).execute()
  if (input.findings.length > 0)
    await trx
      .insertInto('service_project_finding')
      .values(
        input.findings.map((f) => ({
          project_id: projectId,
          survey_id: f.surveyId,
          question_key: f.questionKey,
          option_key: f.optionKey ?? null,
          theme: f.theme ?? null,
          note: f.note ?? '',
        })),
      )
      .execute()
  const offerings = [...new Set(input.offeringIds)]
  if (offerings.length > 0)
    await trx
      .insertInto('service_project_offering')
      .values(offerings.map((offering_id) => ({ project_id: projectId, offering_id })))
      .execute()
  const events = [...new Set(input.eventIds)]
  if (events.length > 0)
    await trx
      .insertInto('service_project_event')
      .values(events.map((event_id) => ({ project_id: projectId, event_id })))
      .execute()
}

export async function createProject(ctx: AppContext, request: FastifyRequest, input: ServiceProjectInput) {
  await checkFindings(ctx, request, input.findings)
  await checkOfferings(ctx, input.offeringIds)
  await checkEvents(ctx, input.eventIds)
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now()
    const row = await trx
      .insertInto('service_project')
      .values({
        area_code: input.areaCode,
        name: input.name,
        description: input.description ?? '',
        status: input.status ?? 'planned',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeLinks(trx, row.id, input)
    await writeAudit(trx, request, {
      action: 'service_project.create',
      entity: 'service_project',
      ids: [row.id],
    })
    return row.id
  })
}

export async function updateProject(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: ServiceProjectUpdate,
) {
  await checkFindings(ctx, request, input.findings)
  await checkOfferings(ctx, input.offeringIds)
  await checkEvents(ctx, input.eventIds)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('service_project')
      .set({
        area_code: input.areaCode,
        name: input.name,
        description: input.description ?? '',
        status: input.status ?? 'planned',
        version: input.version + 1,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict')
    await writeLinks(trx, id, input)
    await writeAudit(trx, request, { action: 'service_project.update', entity: 'service_project', ids: [id] })
  })
}

export async function addResult(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: ProjectResultInput,
) {
  const rating = input.ratingAvg ?? null
  const count = input.ratingCount ?? 0
  if ((rating === null) !== (count === 0))
    throw new AppError('bad_request', {
      reason: {
        'zh-CN': '平均评分与评分人数须同时填写',
        'en-US': 'give the average rating and the number of ratings together',
      },
    })
  await ctx.db
    .insertInto('service_project_result')
    .values({
      project_id: id,
      held_on: input.heldOn,
      title: input.title,
      rating_avg: rating,
      rating_count: count,
      recorded_by: request.principal?.accountId ?? null,
      created_at: ctx.clock.now(),
    })
    .execute()
}

export async function projectArea(ctx: AppContext, id: number) {
  const row = await ctx.db
    .selectFrom('service_project')
    .select('area_code')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return row.area_code
}

/** The whole chain: each finding with its evidence now (who chose the option / mentioned the theme), offerings, events, results. */
export async function getProject(ctx: AppContext, id: number): Promise<ServiceProject> {
  const p = await ctx.db
    .selectFrom('service_project as p')
    .innerJoin('area as a', 'a.code', 'p.area_code')
    .selectAll('p')
    .select('a.name as area_name')
    .where('p.id', '=', id)
    .executeTakeFirst()
  if (!p) throw new AppError('not_found')
  const findingRows = await ctx.db
    .selectFrom('service_project_finding')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('id')
    .execute()
  const findings: ServiceProject['findings'] = []
  const cache = new Map<
    number,
    { survey: SurveyRow; responses: Awaited<ReturnType<typeof surveyResponses>> }
  >()
  for (const f of findingRows) {
    let c = cache.get(f.survey_id)
    if (!c) {
      const survey = (await findSurvey(ctx.db, { id: f.survey_id }))!
      c = { survey, responses: await surveyResponses(ctx.db, f.survey_id) }
      cache.set(f.survey_id, c)
    }
    const q = c.survey.questions.find((x) => x.key === f.question_key)
    const given = q ? c.responses.filter((r) => r.answers[q.key] !== undefined) : []
    let count: number | null = null
    if (q && f.option_key) count = given.filter((r) => picked(q, r.answers).includes(f.option_key!)).length
    else if (q && f.theme)
      count = given.filter((r) => termsOf(String(r.answers[q.key])).includes(f.theme!.toLowerCase())).length
    findings.push({
      id: f.id,
      surveyId: f.survey_id,
      surveyTitle: c.survey.title,
      questionKey: f.question_key,
      questionTitle: q?.title ?? f.question_key,
      optionKey: f.option_key,
      optionLabel: q?.options?.find((o) => o.key === f.option_key)?.label ?? null,
      theme: f.theme,
      note: f.note,
      count,
      answered: q ? given.length : null,
    })
  }
  const offerings = await ctx.db
    .selectFrom('service_project_offering as po')
    .innerJoin('offering as o', 'o.id', 'po.offering_id')
    .innerJoin('unit as u', 'u.id', 'o.provider_unit_id')
    .select(['o.id', 'o.name', 'u.name as provider_name'])
    .where('po.project_id', '=', id)
    .orderBy('o.id')
    .execute()
  const events = await ctx.db
    .selectFrom('service_project_event')
    .select('event_id')
    .where('project_id', '=', id)
    .orderBy('event_id')
    .execute()
  const results = await ctx.db
    .selectFrom('service_project_result')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('held_on')
    .orderBy('id')
    .execute()
  const contents = await ctx.db
    .selectFrom('qr_content')
    .select(['id', 'slug', 'title', 'plays'])
    .where('project_id', '=', id)
    .orderBy('id')
    .execute()
  const rated = results.filter((r) => r.rating_avg !== null && r.rating_count > 0)
  const ratingWeight = rated.reduce((s, r) => s + r.rating_count, 0)
  const figures = (await projectFigures(ctx.db, [id], ctx.clock.now())).get(id)!
  return {
    id: p.id,
    areaCode: p.area_code,
    areaName: p.area_name,
    name: p.name,
    description: p.description,
    status: p.status as ServiceProject['status'],
    version: p.version,
    findings,
    offerings: offerings.map((o) => ({ id: o.id, name: o.name, providerName: o.provider_name })),
    eventIds: events.map((e) => Number(e.event_id)),
    results: results.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      title: r.title,
      ratingAvg: r.rating_avg === null ? null : Number(r.rating_avg),
      ratingCount: r.rating_count,
    })),
    totals: {
      ...figures,
      ratedSessions: rated.length,
      ratingAvg:
        ratingWeight === 0
          ? null
          : Math.round(
              (rated.reduce((s, r) => s + Number(r.rating_avg) * r.rating_count, 0) / ratingWeight) * 100,
            ) / 100,
    },
    contents: contents.map((c) => ({ id: c.id, slug: c.slug, title: c.title, plays: Number(c.plays) })),
  }
}

/** Projects of the caller's areas: a project belongs to an area, so only city and area grants list them. */
export async function listProjects(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<ServiceProjectSummary[]> {
  const grants = request.grantsFor('survey.analyse')
  const city = grants.some((g) => g.scope_type === 'city')
  const areas = [...new Set(grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!))]
  if (!city && areas.length === 0) return []
  let q = ctx.db
    .selectFrom('service_project as p')
    .innerJoin('area as a', 'a.code', 'p.area_code')
    .select(['p.id', 'p.area_code', 'a.name as area_name', 'p.name', 'p.status'])
    .select((eb) => [
      eb
        .selectFrom('service_project_finding as f')
        .whereRef('f.project_id', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('findings'),
    ])
    .orderBy('p.id')
  if (!city) {
    const paths = await ctx.db.selectFrom('area').select('path').where('code', 'in', areas).execute()
    q = q.where((eb) =>
      eb.or(paths.flatMap((p) => [eb('a.path', '=', p.path), eb('a.path', 'like', `${p.path}/%`)])),
    )
  }
  const rows = await q.execute()
  const figures = await projectFigures(
    ctx.db,
    rows.map((r) => r.id),
    ctx.clock.now(),
  )
  return rows.map((r) => {
    const f = figures.get(r.id)!
    return {
      id: r.id,
      areaCode: r.area_code,
      areaName: r.area_name,
      name: r.name,
      status: r.status as ServiceProjectSummary['status'],
      findings: Number(r.findings ?? 0),
      eventsHeld: f.eventsHeld,
      participants: f.participants,
      plays: f.plays,
    }
  })
}
